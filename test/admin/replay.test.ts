import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { timeEntryFromCommand } from '../../functions/time-entry'
import type { PublicEvent } from '../../src/admin/public-event'
import { getConfig } from '../../src/config'
import { claimStoreFor } from '../../src/pipeline/claim-store'
import { accept } from '../../src/pipeline/ingest'
import { clearOutbound } from '../support/outbound'
import { clearFaults, setFaults } from '../support/sandbox'
import { slackCommand } from '../support/slack'
import { eventSettles, readEvent } from '../support/wait'
import { adminApi, entriesWithNotes, eventFor, linkedUser, unique } from './support'

interface ReplayAnswer {
  replayed: boolean
  reason?: string
  message: string
  event: PublicEvent
}

/** Logs `notes` from Slack while Enerpize answers `status` to the entry `times` times. */
async function slackEntryFailing(status: number, times: number): Promise<string> {
  const user = await linkedUser()
  const notes = unique('replay')
  await setFaults([{ method: 'POST', path: '/time_tracking.json', status, times }])
  await slackCommand(`1h #internal +support ${notes}`, { user })
  return notes
}

async function replay(id: string): Promise<{ status: number; body: ReplayAnswer }> {
  const res = await adminApi(`/admin/api/events/${id}/replay`, { method: 'POST' })
  return { status: res.status, body: await res.json<ReplayAnswer>() }
}

beforeEach(async () => {
  await clearFaults()
  await clearOutbound()
})

describe('POST /admin/api/events/{id}/replay', () => {
  it('delivers a failed event once, keeping the failed attempt in its history', async () => {
    const notes = await slackEntryFailing(400, 1)
    const failed = await eventSettles((await eventFor(notes)).id)
    expect(failed.status).toBe('failed')

    const { status, body } = await replay(failed.id)

    expect(status).toBe(202)
    expect(body.replayed).toBe(true)
    expect(body.event.status).toBe('queued')
    expect(body.event.error).toBeNull()
    const delivered = await eventSettles(failed.id)
    expect(delivered.status).toBe('delivered')
    expect(delivered.attempts.map((a) => a.outcome)).toEqual(['failed', 'delivered'])
    expect(delivered.attempts.map((a) => a.number)).toEqual([1, 2])
    expect(delivered.replays).toEqual([{ at: expect.any(String) as string, from: 'failed' }])
    expect(delivered.record?.resource).toBe('time_tracking')
    expect(await entriesWithNotes(notes)).toHaveLength(1)
  })

  it('does nothing to a delivered event and says so', async () => {
    const user = await linkedUser()
    const notes = unique('delivered')
    await slackCommand(`30m #internal +support ${notes}`, { user })
    const delivered = await eventSettles((await eventFor(notes)).id)
    expect(delivered.status).toBe('delivered')

    const { status, body } = await replay(delivered.id)

    expect(status).toBe(200)
    expect(body).toMatchObject({ replayed: false, reason: 'delivered' })
    expect(body.message).toContain('already delivered')
    const after = await readEvent(delivered.id)
    expect(after?.attempts).toHaveLength(1)
    expect(after?.replays).toBeUndefined()
    expect(await entriesWithNotes(notes)).toHaveLength(1)
  })

  it('gives a dead event a fresh set of attempts and delivers it once Enerpize is back', async () => {
    const notes = await slackEntryFailing(500, 4)
    const dead = await eventSettles((await eventFor(notes)).id, ['dead'])
    expect(dead.attempts).toHaveLength(4)
    await clearFaults()

    const { status } = await replay(dead.id)

    expect(status).toBe(202)
    const delivered = await eventSettles(dead.id, ['delivered'])
    expect(delivered.attempts).toHaveLength(5)
    expect(delivered.replays?.[0]?.from).toBe('dead')
    expect(await entriesWithNotes(notes)).toHaveLength(1)
  })

  it('fails again, visibly, when the cause is still there', async () => {
    const notes = await slackEntryFailing(400, 2)
    const failed = await eventSettles((await eventFor(notes)).id)

    await replay(failed.id)

    const again = await eventSettles(failed.id, ['failed'])
    expect(again.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed'])
    expect(again.error?.status).toBe(400)
    expect(await entriesWithNotes(notes)).toHaveLength(0)
  })

  it('queues a double-clicked replay once', async () => {
    const notes = await slackEntryFailing(400, 1)
    const failed = await eventSettles((await eventFor(notes)).id)

    const [first, second] = await Promise.all([replay(failed.id), replay(failed.id)])

    expect([first.status, second.status].sort()).toEqual([202, 409])
    expect([first.body.reason, second.body.reason]).toContain('in-progress')
    await eventSettles(failed.id, ['delivered'])
    expect(await entriesWithNotes(notes)).toHaveLength(1)
  })

  it('answers 404 for an event that does not exist', async () => {
    const res = await adminApi('/admin/api/events/ev_00000000000000000000/replay', {
      method: 'POST',
    })

    expect(res.status).toBe(404)
  })
})

describe('POST /admin/api/replay', () => {
  /** Accepts time entries from a source of their own, through the real queue. */
  async function entries(source: string, from: number, count: number): Promise<string[]> {
    const config = getConfig(env)
    const deps = { kv: env.IDEMPOTENCY, claims: claimStoreFor(env, config), queue: env.DELIVERIES }
    const ids: string[] = []
    for (let i = from; i < from + count; i++) {
      const notes = `${source} entry ${String(i)}`
      const event = timeEntryFromCommand({
        owner: { teamId: 'T1', userId: 'UBULK' },
        staffId: 1,
        project: { id: 33, name: 'Internal Operations' },
        activity: { id: 4, name: 'Support' },
        time: '0:15',
        date: '2026-11-03',
        notes,
      })
      const accepted = await accept(deps, {
        source,
        dedupeKey: notes,
        payload: notes,
        ...event,
      })
      if (accepted.kind !== 'accepted') throw new Error('expected a new event')
      ids.push(accepted.eventId)
    }
    return ids
  }

  it('replays every failed and dead event of a source, and only those', async () => {
    const source = unique('bulk')
    await setFaults([{ method: 'POST', path: '/time_tracking.json', status: 422, times: 2 }])
    const refused = await entries(source, 0, 2)
    const failed = await Promise.all(refused.map((id) => eventSettles(id)))
    expect(failed.map((e) => e.status)).toEqual(['failed', 'failed'])
    await setFaults([{ method: 'POST', path: '/time_tracking.json', status: 503, times: 4 }])
    const [gaveUp = ''] = await entries(source, 2, 1)
    await eventSettles(gaveUp, ['dead'])
    await clearFaults()
    const [fine = ''] = await entries(source, 3, 1)
    await eventSettles(fine, ['delivered'])

    const res = await adminApi(`/admin/api/replay?source=${source}`, { method: 'POST' })

    expect(res.status).toBe(202)
    const body = await res.json<{ replayed: number; events: string[]; more: boolean }>()
    expect(body.replayed).toBe(3)
    expect(body.more).toBe(false)
    expect([...body.events].sort()).toEqual([...refused, gaveUp].sort())
    const after = await Promise.all(body.events.map((id) => eventSettles(id, ['delivered'])))
    expect(after).toHaveLength(3)
    expect((await readEvent(fine))?.attempts).toHaveLength(1)
    for (let i = 0; i < 4; i++) {
      expect(await entriesWithNotes(`${source} entry ${String(i)}`)).toHaveLength(1)
    }
  })

  it('takes only dead events when asked for dead ones', async () => {
    const source = unique('bulk-dead')
    await setFaults([{ method: 'POST', path: '/time_tracking.json', status: 400, times: 1 }])
    const [refused = ''] = await entries(source, 0, 1)
    await eventSettles(refused, ['failed'])

    const res = await adminApi(`/admin/api/replay?status=dead&source=${source}`, {
      method: 'POST',
    })

    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      replayed: 0,
      message: 'no failed or dead event matched',
    })
    expect((await readEvent(refused))?.status).toBe('failed')
  })

  it('refuses to bulk-replay delivered or queued events', async () => {
    const res = await adminApi('/admin/api/replay?status=delivered', { method: 'POST' })

    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      message: 'status must be failed or dead, or unset for both',
    })
  })
})
