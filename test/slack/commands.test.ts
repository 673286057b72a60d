import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { EventStore, type EventRecord } from '../../src/pipeline/events'
import { bridge } from '../support/bridge'
import { clearOutbound, outboundRequests, setSlackProfiles } from '../support/outbound'
import { clearFaults, records, setFaults } from '../support/sandbox'
import { replyText, RESPONSE_URL, slackCommand, slackInteraction } from '../support/slack'
import { eventSettles, eventually } from '../support/wait'

let sequence = 0

/** A Slack user no other test uses, linked to a sandbox staff member. */
async function linkedUser(email = 'amira@example.com'): Promise<string> {
  sequence += 1
  const user = `UCMD${String(sequence)}${String(Date.now())}`
  const res = await slackCommand(`link ${email}`, { user })
  expect(await replyText(res)).toContain('Linked you to')
  return user
}

/** The newest Slack event (not a duplicate) whose summary contains `text`. */
async function eventFor(text: string): Promise<EventRecord> {
  const events = new EventStore(env.IDEMPOTENCY)
  const entry = await eventually(async () => {
    const page = await events.list({ source: 'slack', limit: 200 })
    return page.events.find((e) => e.summary.includes(text) && e.status !== 'duplicate')
  }, `a Slack event about ${text}`)
  const event = await events.get(entry.id)
  if (!event) throw new Error('event vanished')
  return event
}

async function entriesWithNotes(notes: string) {
  return (await records('time_tracking')).filter((r) => r['notes'] === notes)
}

async function postsTo(url: string) {
  return (await outboundRequests()).filter((r) => r.url === url)
}

beforeEach(async () => {
  await clearFaults()
  await clearOutbound()
})

describe('POST /slack/commands: signatures', () => {
  it('answers an unsigned ssl_check with an empty 200', async () => {
    const res = await fetchCommand('ssl_check=1&token=abc', {})

    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
  })

  it('rejects a request signed with another secret', async () => {
    const res = await slackCommand('2h', { secret: 'not-the-secret' })

    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ message: 'signature does not match' })
  })

  it('rejects a request without a signature', async () => {
    const res = await fetchCommand('team_id=T1&user_id=U1&command=%2Ftime&text=2h', {
      'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
    })

    expect(res.status).toBe(401)
  })

  it('rejects a Slack timestamp older than five minutes', async () => {
    const res = await slackCommand('2h', { timestamp: Math.floor(Date.now() / 1000) - 301 })

    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ message: 'timestamp too old' })
  })

  it('rejects a Slack timestamp from the future', async () => {
    const res = await slackCommand('2h', { timestamp: Math.floor(Date.now() / 1000) + 301 })

    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ message: 'timestamp in the future' })
  })

  it('refuses a body over 1 MB before reading it all', async () => {
    const res = await slackCommand('x'.repeat(1024 * 1024))

    expect(res.status).toBe(413)
  })
})

describe('POST /slack/commands: answers', () => {
  it('shows the grammar for help', async () => {
    const res = await slackCommand('help')

    expect(res.status).toBe(200)
    const body = await res.json<{ response_type: string; text: string }>()
    expect(body.response_type).toBe('ephemeral')
    expect(body.text).toContain('#project')
  })

  it('explains link to a person it cannot identify, and logs nothing', async () => {
    const before = (await records('time_tracking')).length

    const res = await slackCommand('2h #website nobody knows me', { user: 'UNKNOWN1' })

    expect(res.status).toBe(200)
    expect(await replyText(res)).toContain('/time link')
    expect((await records('time_tracking')).length).toBe(before)
  })

  it('finds the staff member by the Slack profile e-mail when a bot token is set', async () => {
    await setSlackProfiles({ UPROFILE1: { email: 'Ben@Example.com', tz: 'Pacific/Auckland' } })

    const res = await slackCommand('1h #mobile +dev profile lookup', { user: 'UPROFILE1' })

    expect(await replyText(res)).toContain('as Ben Carter')
  })

  it('tells a person with a typo the closest project names', async () => {
    const user = await linkedUser()

    const res = await slackCommand('2h #websiet fixed the header', { user })

    const text = await replyText(res)
    expect(text).toContain('no project called')
    expect(text).toContain('#website-redesign')
    expect(text).toContain('Nothing was logged')
  })

  it('refuses an ambiguous project prefix and lists the candidates', async () => {
    const user = await linkedUser()

    const res = await slackCommand('2h #web header', { user })

    const text = await replyText(res)
    expect(text).toContain('matches several projects')
  })

  it('explains a duration it cannot read', async () => {
    const res = await slackCommand('2x #website header')

    expect(await replyText(res)).toContain('2x')
  })

  it('lists projects and activities', async () => {
    const res = await slackCommand('projects')

    const text = await replyText(res)
    expect(text).toContain('Website Redesign')
    expect(text).toContain('Design')
  })
})

describe('/time entries through the queue', () => {
  it('logs an entry and confirms it with the entry id and an Undo button', async () => {
    const user = await linkedUser()
    const notes = `fixed the header ${String(Date.now())}`

    const responseUrl = `${RESPONSE_URL}/${user}`

    const res = await slackCommand(`2h30m yesterday #website +design ${notes}`, {
      user,
      responseUrl,
    })

    expect(res.status).toBe(200)
    const reply = await replyText(res)
    expect(reply).toContain('Logging *2:30* on *Website Redesign* · Design')
    const event = await eventSettles((await eventFor(notes)).id)
    expect(event.status).toBe('delivered')
    const [entry] = await entriesWithNotes(notes)
    expect(entry).toMatchObject({
      time: '2:30',
      project_id: '31',
      activity_id: '1',
      staff_id: '1',
      date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    })
    const posts = await eventually(async () => {
      const found = await postsTo(responseUrl)
      return found.some((p) => p.body.includes('Logged')) ? found : undefined
    }, 'the confirmation')
    const confirmation = posts.find((p) => p.body.includes('Logged'))?.body ?? ''
    expect(confirmation).toContain(`Enerpize entry #${String(entry?.['id'])}`)
    expect(confirmation).toContain('undo_time_entry')
  })

  it('logs the same text sent twice within a minute once, and answers the repeat', async () => {
    const user = await linkedUser()
    const notes = `double press ${String(Date.now())}`

    await slackCommand(`1h #mobile +dev ${notes}`, { user })
    const repeat = await slackCommand(`1h #mobile +dev ${notes}`, { user })

    expect(await replyText(repeat)).toContain('did not log it again')
    await eventSettles((await eventFor(notes)).id)
    expect(await entriesWithNotes(notes)).toHaveLength(1)
  })

  it('tells the person in plain words when Enerpize refuses the entry', async () => {
    const user = await linkedUser()
    const notes = `refused ${String(Date.now())}`
    await setFaults([
      {
        method: 'POST',
        path: '/time_tracking.json',
        status: 400,
        times: 1,
      },
    ])

    const responseUrl = `${RESPONSE_URL}/${user}`

    await slackCommand(`1h #internal +meet ${notes}`, { user, responseUrl })

    const event = await eventSettles((await eventFor(notes)).id)
    expect(event.status).toBe('failed')
    expect(event.error?.status).toBe(400)
    expect(await entriesWithNotes(notes)).toHaveLength(0)
    const told = await eventually(async () => {
      const posts = await postsTo(responseUrl)
      return posts.find((p) => p.body.includes('Enerpize refused'))
    }, 'the refusal')
    expect(told.body).toContain('nothing changed')
  })

  it('retries through 503s and logs one entry', async () => {
    const user = await linkedUser()
    const notes = `flaky ${String(Date.now())}`
    await setFaults([{ method: 'POST', path: '/time_tracking.json', status: 503, times: 2 }])

    await slackCommand(`45m #internal +support ${notes}`, { user })

    const event = await eventSettles((await eventFor(notes)).id)
    expect(event.status).toBe('delivered')
    expect(event.attempts).toHaveLength(3)
    expect(await entriesWithNotes(notes)).toHaveLength(1)
  })

  it('honours Retry-After on a 429', async () => {
    const user = await linkedUser()
    const notes = `throttled ${String(Date.now())}`
    await setFaults([
      { method: 'POST', path: '/time_tracking.json', status: 429, retryAfter: 1, times: 1 },
    ])

    await slackCommand(`30m #internal +support ${notes}`, { user })

    const event = await eventSettles((await eventFor(notes)).id)
    expect(event.status).toBe('delivered')
    expect(event.attempts[0]?.delaySeconds).toBeGreaterThanOrEqual(1)
    expect(await entriesWithNotes(notes)).toHaveLength(1)
  })

  it('reconciles a create whose answer was lost instead of logging it twice', async () => {
    const user = await linkedUser()
    const notes = `lost answer ${String(Date.now())}`
    await setFaults([{ method: 'POST', path: '/time_tracking.json', reset: 'after', times: 1 }])

    await slackCommand(`15m #internal +support ${notes}`, { user })

    const event = await eventSettles((await eventFor(notes)).id)
    expect(event.status).toBe('delivered')
    expect(await entriesWithNotes(notes)).toHaveLength(1)
  })

  it('reconciles after Enerpize hangs past the timeout', async () => {
    const user = await linkedUser()
    const notes = `hung ${String(Date.now())}`
    await setFaults([{ method: 'POST', path: '/time_tracking.json', hangMs: 3000, times: 1 }])

    await slackCommand(`20m #internal +support ${notes}`, { user })

    const event = await eventSettles((await eventFor(notes)).id)
    expect(event.status).toBe('delivered')
    expect(await entriesWithNotes(notes)).toHaveLength(1)
  })

  it('dead-letters an entry Enerpize never accepts, and says it is kept', async () => {
    const user = await linkedUser()
    const notes = `down ${String(Date.now())}`
    await setFaults([{ method: 'POST', path: '/time_tracking.json', status: 500, times: 10 }])

    const responseUrl = `${RESPONSE_URL}/${user}`

    await slackCommand(`10m #internal +support ${notes}`, { user, responseUrl })

    const event = await eventSettles((await eventFor(notes)).id, ['dead'])
    expect(event.attempts).toHaveLength(4)
    expect(await entriesWithNotes(notes)).toHaveLength(0)
    const told = await eventually(async () => {
      const posts = await postsTo(responseUrl)
      return posts.find((p) => p.body.includes('It is kept'))
    }, 'the dead-letter notice')
    expect(told.body).toContain(event.id)
  })
})

describe('undo and list', () => {
  it('undoes the last entry and lists what remains that day', async () => {
    const user = await linkedUser('chen@example.com')
    const stamp = String(Date.now())
    await slackCommand(`1h 2026-11-02 #mobile +dev keep ${stamp}`, { user })
    await eventSettles((await eventFor(`keep ${stamp}`)).id)
    await slackCommand(`2h 2026-11-02 #mobile +dev remove ${stamp}`, { user })
    await eventSettles((await eventFor(`remove ${stamp}`)).id)

    const undo = await slackCommand('undo', { user })

    expect(await replyText(undo)).toContain('Removing entry')
    await eventSettles((await eventFor(`undo time entry`)).id)
    await eventually(
      async () => ((await entriesWithNotes(`remove ${stamp}`)).length === 0 ? true : undefined),
      'the entry to be deleted',
    )
    const list = await replyText(await slackCommand('list 2026-11-02', { user }))
    expect(list).toContain(`keep ${stamp}`)
    expect(list).not.toContain(`remove ${stamp}`)
  })

  it('deletes an entry from its Undo button', async () => {
    const user = await linkedUser('chen@example.com')
    const notes = `button ${String(Date.now())}`
    await slackCommand(`1h #mobile +dev ${notes}`, { user })
    const event = await eventSettles((await eventFor(notes)).id)

    const res = await slackInteraction({
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: user },
      response_url: RESPONSE_URL,
      actions: [{ action_id: 'undo_time_entry', value: event.record?.id }],
    })

    expect(res.status).toBe(200)
    await eventually(
      async () => ((await entriesWithNotes(notes)).length === 0 ? true : undefined),
      'the entry to be deleted',
    )
  })

  it('leaves alone an entry the person did not make', async () => {
    const user = await linkedUser('chen@example.com')

    const res = await slackInteraction({
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: user },
      actions: [{ action_id: 'undo_time_entry', value: '999999' }],
    })

    expect(res.status).toBe(200)
  })
})

function fetchCommand(body: string, headers: Record<string, string>) {
  return bridge('/slack/commands', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  })
}
