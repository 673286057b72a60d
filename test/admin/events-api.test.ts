import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { PublicEvent } from '../../src/admin/public-event'
import { EventStore, type EventIndexEntry, type EventStatus } from '../../src/pipeline/events'
import type { DeliveryJob } from '../../src/pipeline/operations'
import { adminApi, unique } from './support'

interface Page {
  events: EventIndexEntry[]
  cursor: string | null
}

/** Records `count` events of a source of their own, a second apart, the last one newest. */
async function history(source: string, statuses: readonly EventStatus[]): Promise<string[]> {
  const events = new EventStore(env.IDEMPOTENCY)
  const start = Date.now() - statuses.length * 1000
  const ids: string[] = []
  for (const [index, status] of statuses.entries()) {
    const job: DeliveryJob = {
      eventId: `ev_${source.replaceAll(/[^a-z0-9]/g, '')}${String(index).padStart(3, '0')}`,
      source,
      dedupeKey: `${source}:${String(index)}`,
      summary: `event ${String(index)} of ${source}`,
      operations: [],
    }
    await events.create(job, status, { now: start + index * 1000 })
    ids.push(job.eventId)
  }
  return ids
}

async function page(query: string): Promise<Page> {
  const res = await adminApi(`/admin/api/events?${query}`)
  expect(res.status).toBe(200)
  return res.json<Page>()
}

describe('GET /admin/api/events', () => {
  it('pages through the history newest first, fifty at a time, with a cursor', async () => {
    const source = unique('paging')
    const ids = await history(
      source,
      Array.from({ length: 57 }, () => 'delivered' as const),
    )

    const first = await page(`source=${source}`)
    const second = await page(`source=${source}&cursor=${encodeURIComponent(first.cursor ?? '')}`)

    expect(first.events).toHaveLength(50)
    expect(first.cursor).not.toBeNull()
    expect(second.events).toHaveLength(7)
    expect(second.cursor).toBeNull()
    const listed = [...first.events, ...second.events].map((e) => e.id)
    expect(listed).toEqual([...ids].reverse())
  })

  it('honours a smaller page size and never repeats or skips an event across pages', async () => {
    const source = unique('small-pages')
    const ids = await history(
      source,
      Array.from({ length: 7 }, () => 'queued' as const),
    )

    const seen: string[] = []
    let cursor: string | null = ''
    let pages = 0
    while (cursor !== null) {
      const next: Page = await page(`source=${source}&limit=3&cursor=${encodeURIComponent(cursor)}`)
      seen.push(...next.events.map((e) => e.id))
      cursor = next.cursor
      pages += 1
    }

    expect(pages).toBe(3)
    expect(seen).toEqual([...ids].reverse())
  })

  it('filters by status and source together', async () => {
    const source = unique('filters')
    const other = unique('filters-other')
    const ids = await history(source, ['delivered', 'failed', 'dead', 'failed', 'duplicate'])
    await history(other, ['failed'])

    const failed = await page(`source=${source}&status=failed`)
    const dead = await page(`source=${source}&status=dead`)

    expect(failed.events.map((e) => e.id)).toEqual([ids[3], ids[1]])
    expect(failed.events.every((e) => e.status === 'failed' && e.source === source)).toBe(true)
    expect(dead.events.map((e) => e.id)).toEqual([ids[2]])
  })

  it('shows what a listing needs: source, status, summary, time and attempts', async () => {
    const source = unique('shape')
    const [id] = await history(source, ['queued'])

    const { events } = await page(`source=${source}`)

    expect(events).toEqual([
      {
        id,
        source,
        status: 'queued',
        summary: `event 0 of ${source}`,
        receivedAt: expect.any(String) as string,
        attempts: 0,
      },
    ])
  })

  it('treats an empty filter as no filter', async () => {
    const source = unique('blank')
    await history(source, ['failed'])

    const { events } = await page(`source=${source}&status=&cursor=`)

    expect(events).toHaveLength(1)
  })

  it('rejects an unknown status, a bad source, a bad limit and a forged cursor', async () => {
    const answers = await Promise.all(
      ['status=lost', 'source=Not%20A%20Source', 'limit=0', 'limit=500', 'cursor=bm90LWpzb24'].map(
        async (query) => {
          const res = await adminApi(`/admin/api/events?${query}`)
          return { status: res.status, body: await res.json<{ message: string }>() }
        },
      ),
    )

    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400])
    expect(answers[0]?.body.message).toContain('status must be one of')
    expect(answers[4]?.body.message).toBe('cursor is not one this listing gave')
  })
})

describe('GET /admin/api/events/{id}', () => {
  it('shows the event with its attempts, but not the operations nor where to notify', async () => {
    const events = new EventStore(env.IDEMPOTENCY)
    const job: DeliveryJob = {
      eventId: `ev_${unique('detail').replaceAll('-', '')}`,
      source: 'slack',
      dedupeKey: 'T1:U1:detail',
      summary: '1:00 on Mobile App · Development — private notes',
      operations: [
        {
          kind: 'time-entry.create',
          entry: {
            staffId: 1,
            projectId: 32,
            activityId: 2,
            time: '1:00',
            date: '2026-11-02',
            notes: 'secret form answer',
          },
          labels: { project: 'Mobile App', activity: 'Development' },
        },
      ],
      notify: {
        kind: 'slack-response',
        responseUrl: 'https://hooks.slack.test/commands/T1/credential',
      },
    }
    await events.create(job, 'queued')
    await events.update(job.eventId, (r) => ({
      ...r,
      status: 'failed',
      attempts: [
        {
          number: 1,
          at: new Date().toISOString(),
          ms: 12,
          outcome: 'failed',
          error: { status: 422, message: 'Invalid data', validationErrors: { date: 'bad date' } },
        },
      ],
      error: { status: 422, message: 'Invalid data', validationErrors: { date: 'bad date' } },
    }))

    const res = await adminApi(`/admin/api/events/${job.eventId}`)

    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).not.toContain('secret form answer')
    expect(text).not.toContain('hooks.slack.test')
    expect(text).not.toContain('responseUrl')
    const { event } = JSON.parse(text) as { event: PublicEvent }
    expect(event).toMatchObject({
      id: job.eventId,
      status: 'failed',
      operations: ['time-entry.create'],
      results: [null],
      error: { status: 422, message: 'Invalid data', validationErrors: { date: 'bad date' } },
      replayable: true,
    })
    expect(event.attempts).toHaveLength(1)
  })

  it('answers 404 for an unknown id and for something that is not an id', async () => {
    const unknown = await adminApi('/admin/api/events/ev_00000000000000000000')
    const nonsense = await adminApi('/admin/api/events/..%2F..%2Fsecrets')

    expect(unknown.status).toBe(404)
    expect(nonsense.status).toBe(404)
  })
})
