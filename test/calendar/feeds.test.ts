import { env } from 'cloudflare:workers'
import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { feedSyncDeps } from '../../src/calendar/scheduled'
import { feedIdOf, syncFeeds, type FeedSyncReport } from '../../src/calendar/ics/sync-feeds'
import { getConfig } from '../../src/config'
import worker from '../../src/index'
import { enerpizeFor } from '../../src/connection'
import type { StoredRecord } from '../../src/sandbox'
import { GOOGLE_BERLIN, vcalendar, vevent } from '../fixtures/calendar/ics'
import { eventually } from '../support/wait'
import { appointmentsOf, clientsWithEmail, feedRequests, field, serveFeed, unique } from './support'

// The polls happen "now" in late October 2027, the week Berlin leaves summer time.
const NOW = Date.parse('2027-10-20T00:00:00Z')

/** A client the account already has, as a feed attendee. */
async function knownClient(): Promise<{ id: string; email: string; attendee: string }> {
  const email = `${unique('feed')}@example.com`
  const id = await enerpizeFor(env, getConfig(env)).clients.create({
    type: 2,
    first_name: 'Layla',
    last_name: 'Nasser',
    email,
  })
  return { id, email, attendee: `ATTENDEE;CN=Layla Nasser:mailto:${email}` }
}

let polls = 0

/** One poll, a minute after the one before, as the Cron Trigger would run them. */
function poll(feeds: readonly string[], now = NOW + polls * 60_000): Promise<FeedSyncReport[]> {
  polls += 1
  return syncFeeds({ ...feedSyncDeps(env, getConfig(env)), now }, feeds)
}

/** Waits until the client's appointments satisfy `ready`. */
function appointmentsWhen(
  clientId: string,
  ready: (appointments: StoredRecord[]) => boolean,
): Promise<StoredRecord[]> {
  return eventually(async () => {
    const found = await appointmentsOf(clientId)
    return ready(found) ? found : undefined
  }, `the appointments of client ${clientId}`)
}

function byDate(appointments: StoredRecord[]): StoredRecord[] {
  return [...appointments].sort((a, b) => field(a, 'date').localeCompare(field(b, 'date')))
}

describe('syncFeeds: what becomes an appointment', () => {
  it('books a known client’s event in the account’s wall-clock time, with the organizer as staff', async () => {
    const client = await knownClient()
    const url = await serveFeed(
      unique('f'),
      vcalendar(
        vevent(
          'UID:utc-meeting@test',
          'DTSTART:20271025T140000Z',
          'DTEND:20271025T150000Z',
          'SUMMARY:Contract review',
          'LOCATION:https://meet.example.com/abc-defg',
          'ORGANIZER;CN=Amira Hassan:mailto:amira@example.com',
          client.attendee,
        ),
      ),
    )

    const [report] = await poll([url])

    expect(report).toMatchObject({ outcome: 'synced', queued: 1 })
    const [appointment] = await appointmentsWhen(client.id, (found) => found.length === 1)
    expect(appointment).toMatchObject({
      item_id: client.id,
      partner_type: '1',
      date: '2027-10-25 14:00:00',
      end_date: '2027-10-25 15:00:00',
      status: '0',
      staff_id: '1',
    })
    expect(field(appointment, 'body')).toContain('Contract review (from the shared calendar)')
    expect(field(appointment, 'body')).toContain('Join: https://meet.example.com/abc-defg')
  })

  it('leaves alone events whose attendees are not clients, and creates no client', async () => {
    const stranger = `${unique('stranger')}@example.com`
    const url = await serveFeed(
      unique('f'),
      vcalendar(
        vevent(
          'UID:internal@test',
          'DTSTART:20271025T140000Z',
          'DTEND:20271025T150000Z',
          `ATTENDEE:mailto:${stranger}`,
        ),
        vevent('UID:no-attendees@test', 'DTSTART:20271026T140000Z', 'DTEND:20271026T150000Z'),
      ),
    )

    const [report] = await poll([url])

    expect(report).toMatchObject({ outcome: 'synced', queued: 0 })
    expect(await clientsWithEmail(stranger)).toEqual([])
  })

  it('reads zoned, floating and all-day times', async () => {
    const client = await knownClient()
    const url = await serveFeed(
      unique('f'),
      vcalendar(
        GOOGLE_BERLIN,
        vevent(
          'UID:zoned@test',
          'DTSTART;TZID=Europe/Berlin:20271029T100000',
          'DTEND;TZID=Europe/Berlin:20271029T110000',
          client.attendee,
        ),
        vevent(
          'UID:floating@test',
          'DTSTART:20271029T150000',
          'DTEND:20271029T153000',
          client.attendee,
        ),
        vevent(
          'UID:all-day@test',
          'DTSTART;VALUE=DATE:20271101',
          'DTEND;VALUE=DATE:20271103',
          client.attendee,
        ),
      ),
    )

    await poll([url])

    const appointments = byDate(await appointmentsWhen(client.id, (found) => found.length === 3))
    expect(appointments.map((a) => [a['date'], a['end_date']])).toEqual([
      ['2027-10-29 08:00:00', '2027-10-29 09:00:00'],
      ['2027-10-29 15:00:00', '2027-10-29 15:30:00'],
      ['2027-11-01 00:00:00', '2027-11-02 23:59:59'],
    ])
  })

  it('expands a recurring event across the change to winter time, with its moved and cancelled occurrences', async () => {
    const client = await knownClient()
    const url = await serveFeed(
      unique('f'),
      vcalendar(
        GOOGLE_BERLIN,
        vevent(
          'UID:weekly@test',
          'DTSTART;TZID=Europe/Berlin:20271021T100000',
          'DTEND;TZID=Europe/Berlin:20271021T110000',
          'RRULE:FREQ=WEEKLY;COUNT=5',
          'SUMMARY:Weekly check-in',
          client.attendee,
        ),
        vevent(
          'UID:weekly@test',
          'RECURRENCE-ID;TZID=Europe/Berlin:20271028T100000',
          'DTSTART;TZID=Europe/Berlin:20271028T140000',
          'DTEND;TZID=Europe/Berlin:20271028T150000',
          'SEQUENCE:1',
          'SUMMARY:Weekly check-in (afternoon)',
          client.attendee,
        ),
        vevent(
          'UID:weekly@test',
          'RECURRENCE-ID;TZID=Europe/Berlin:20271111T100000',
          'DTSTART;TZID=Europe/Berlin:20271111T100000',
          'DTEND;TZID=Europe/Berlin:20271111T110000',
          'STATUS:CANCELLED',
          'SEQUENCE:1',
          client.attendee,
        ),
      ),
    )

    const [report] = await poll([url])

    expect(report).toMatchObject({ queued: 4 })
    const appointments = byDate(await appointmentsWhen(client.id, (found) => found.length === 4))
    expect(appointments.map((a) => a['date'])).toEqual([
      '2027-10-21 08:00:00',
      '2027-10-28 12:00:00',
      '2027-11-04 09:00:00',
      '2027-11-18 09:00:00',
    ])
    expect(field(appointments[1], 'body')).toContain('Weekly check-in (afternoon)')
  })
})

describe('syncFeeds: changes between polls', () => {
  const meeting = (attendee: string, ...lines: string[]) =>
    vevent('UID:changing@test', 'SUMMARY:Quarterly planning', attendee, ...lines)

  it('moves the appointment when the event gets a higher SEQUENCE and other times', async () => {
    const client = await knownClient()
    const name = unique('f')
    const first = await serveFeed(
      name,
      vcalendar(meeting(client.attendee, 'DTSTART:20271025T140000Z', 'DTEND:20271025T150000Z')),
    )
    await poll([first])
    const [original] = await appointmentsWhen(client.id, (found) => found.length === 1)

    await serveFeed(
      name,
      vcalendar(
        meeting(
          client.attendee,
          'SEQUENCE:1',
          'DTSTART:20271026T090000Z',
          'DTEND:20271026T100000Z',
        ),
      ),
    )
    const [report] = await poll([first])

    expect(report).toMatchObject({ queued: 1 })
    const moved = await appointmentsWhen(
      client.id,
      (found) => found[0]?.['date'] === '2027-10-26 09:00:00',
    )
    expect(moved).toHaveLength(1)
    expect(moved[0]).toMatchObject({
      id: original?.id,
      end_date: '2027-10-26 10:00:00',
      status: '0',
    })
  })

  it('dismisses the appointment of an event cancelled since', async () => {
    const client = await knownClient()
    const name = unique('f')
    const times = ['DTSTART:20271025T140000Z', 'DTEND:20271025T150000Z']
    const url = await serveFeed(name, vcalendar(meeting(client.attendee, ...times)))
    await poll([url])
    await appointmentsWhen(client.id, (found) => found.length === 1)

    await serveFeed(
      name,
      vcalendar(meeting(client.attendee, ...times, 'SEQUENCE:1', 'STATUS:CANCELLED')),
    )
    await poll([url])

    const [appointment] = await appointmentsWhen(client.id, (found) => found[0]?.['status'] === '2')
    expect(field(appointment, 'body')).toMatch(/Cancelled in the calendar\.$/)
  })

  it('dismisses the appointment of an event removed since, and books it again when it returns', async () => {
    const client = await knownClient()
    const name = unique('f')
    const times = ['DTSTART:20271025T140000Z', 'DTEND:20271025T150000Z']
    const staying = vevent('UID:staying@test', 'DTSTART:20271027T140000Z', client.attendee)
    const url = await serveFeed(name, vcalendar(meeting(client.attendee, ...times), staying))
    await poll([url])
    await appointmentsWhen(client.id, (found) => found.length === 2)

    await serveFeed(name, vcalendar(staying))
    const [removal] = await poll([url])
    const afterRemoval = await appointmentsWhen(client.id, (found) =>
      found.some((a) => a['status'] === '2'),
    )
    await serveFeed(name, vcalendar(meeting(client.attendee, ...times), staying))
    const [comeback] = await poll([url])

    expect(removal).toMatchObject({ queued: 1 })
    expect(byDate(afterRemoval).map((a) => a['status'])).toEqual(['2', '0'])
    expect(field(byDate(afterRemoval)[0], 'body')).toMatch(/Removed from the calendar\.$/)
    expect(comeback).toMatchObject({ queued: 1 })
    const final = await appointmentsWhen(client.id, (found) =>
      found.every((a) => a['status'] === '0'),
    )
    expect(final).toHaveLength(2)
  })

  it('dismisses the appointment when its client is no longer invited', async () => {
    const client = await knownClient()
    const name = unique('f')
    const times = ['DTSTART:20271025T140000Z', 'DTEND:20271025T150000Z']
    const url = await serveFeed(name, vcalendar(meeting(client.attendee, ...times)))
    await poll([url])
    await appointmentsWhen(client.id, (found) => found.length === 1)

    await serveFeed(name, vcalendar(meeting('ATTENDEE:mailto:someone-else@example.com', ...times)))
    await poll([url])

    const [appointment] = await appointmentsWhen(client.id, (found) => found[0]?.['status'] === '2')
    expect(field(appointment, 'body')).toMatch(/No client is invited any more\.$/)
  })

  it('forgets an event that is over without dismissing it', async () => {
    const client = await knownClient()
    const name = unique('f')
    const url = await serveFeed(
      name,
      vcalendar(meeting(client.attendee, 'DTSTART:20271020T140000Z', 'DTEND:20271020T150000Z')),
    )
    await poll([url])
    await appointmentsWhen(client.id, (found) => found.length === 1)

    await serveFeed(name, vcalendar())
    const [report] = await poll([url], Date.parse('2027-10-22T00:00:00Z'))

    expect(report).toMatchObject({ outcome: 'synced', queued: 0 })
    expect((await appointmentsOf(client.id))[0]?.['status']).toBe('0')
  })
})

describe('syncFeeds: polling', () => {
  it('sends the ETag back and does nothing when the feed answers 304', async () => {
    const client = await knownClient()
    const name = unique('f')
    const url = await serveFeed(
      name,
      vcalendar(vevent('UID:etag@test', 'DTSTART:20271025T140000Z', client.attendee)),
      { etag: '"v1"' },
    )
    await poll([url])

    const [report] = await poll([url])

    expect(report).toMatchObject({ outcome: 'unchanged', queued: 0 })
    expect((await feedRequests(name)).map((r) => r.ifNoneMatch)).toEqual([null, '"v1"'])
  })

  it('sends Last-Modified back as If-Modified-Since', async () => {
    const name = unique('f')
    const lastModified = 'Tue, 19 Oct 2027 08:00:00 GMT'
    const url = await serveFeed(name, vcalendar(), { lastModified })
    await poll([url])

    const [report] = await poll([url])

    expect(report).toMatchObject({ outcome: 'unchanged' })
    expect((await feedRequests(name)).map((r) => r.ifModifiedSince)).toEqual([null, lastModified])
  })

  it('queues nothing again for a feed that has not changed but has no validators', async () => {
    const client = await knownClient()
    const url = await serveFeed(
      unique('f'),
      vcalendar(vevent('UID:same@test', 'DTSTART:20271025T140000Z', client.attendee)),
    )
    const [first] = await poll([url])

    const [second] = await poll([url])

    expect(first).toMatchObject({ queued: 1 })
    expect(second).toMatchObject({ outcome: 'synced', queued: 0 })
  })

  it('books once when two polls of the same change overlap', async () => {
    const client = await knownClient()
    const url = await serveFeed(
      unique('f'),
      vcalendar(vevent('UID:overlap@test', 'DTSTART:20271025T140000Z', client.attendee)),
    )

    await Promise.all([poll([url]), poll([url])])

    await appointmentsWhen(client.id, (found) => found.length === 1)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(await appointmentsOf(client.id)).toHaveLength(1)
  })

  it('polls again in full after the queue refused a change', async () => {
    const client = await knownClient()
    const name = unique('f')
    const url = await serveFeed(
      name,
      vcalendar(vevent('UID:refused@test', 'DTSTART:20271025T140000Z', client.attendee)),
      { etag: '"r1"' },
    )
    const refusing = { send: () => Promise.reject(new Error('queue unavailable')) }
    const deps = feedSyncDeps(env, getConfig(env))

    const [refused] = await syncFeeds({ ...deps, queue: refusing as unknown as Queue, now: NOW }, [
      url,
    ])
    const [retried] = await poll([url])

    expect(refused).toMatchObject({ outcome: 'failed', queued: 0 })
    expect(refused?.error).toBe('queued 0 of 1 changes: the event could not be queued; retry later')
    expect(retried).toMatchObject({ outcome: 'synced', queued: 1 })
    expect((await feedRequests(name)).map((r) => r.ifNoneMatch)).toEqual([null, null])
    await appointmentsWhen(client.id, (found) => found.length === 1)
  })

  it('refuses a feed larger than 10 MB', async () => {
    const url = await serveFeed(
      unique('big'),
      vcalendar(`X-PADDING:${'x'.repeat(10 * 1024 * 1024)}`),
    )

    const [report] = await poll([url])

    expect(report).toMatchObject({
      outcome: 'failed',
      error: 'the feed is larger than 10485760 bytes',
    })
  })

  it('reports a failing feed by its id alone and goes on with the others', async () => {
    const client = await knownClient()
    const down = await serveFeed(unique('down'), '', { status: 503 })
    const html = await serveFeed(unique('html'), '<html><body>Sign in</body></html>')
    const good = await serveFeed(
      unique('good'),
      vcalendar(vevent('UID:good@test', 'DTSTART:20271025T140000Z', client.attendee)),
    )

    const reports = await poll([down, html, good, 'ftp://feeds.test/x'])

    expect(reports.map((r) => [r.outcome, r.queued])).toEqual([
      ['failed', 0],
      ['failed', 0],
      ['synced', 1],
      ['failed', 0],
    ])
    expect(reports[0]?.error).toBe('the feed answered 503')
    expect(reports[1]?.error).toMatch(/^not iCalendar/)
    expect(reports[0]?.feed).toBe(await feedIdOf(down))
    expect(JSON.stringify(reports)).not.toContain('feeds.test')
  })
})

describe('the scheduled handler', () => {
  it('polls the feeds in ICS_FEEDS', async () => {
    const client = await knownClient()
    const url = await serveFeed(
      unique('cron'),
      vcalendar(
        vevent('UID:cron@test', 'DTSTART:20991025T140000Z', 'DURATION:PT1H', client.attendee),
      ),
    )
    const ctx = createExecutionContext()

    await worker.scheduled(
      createScheduledController({ cron: '*/10 * * * *' }),
      { ...env, ICS_FEEDS: url } as Env,
      ctx,
    )
    await waitOnExecutionContext(ctx)

    const [appointment] = await appointmentsWhen(client.id, (found) => found.length === 1)
    expect(appointment).toMatchObject({
      date: '2099-10-25 14:00:00',
      end_date: '2099-10-25 15:00:00',
    })
  })

  it('does nothing when no feed is configured', async () => {
    const ctx = createExecutionContext()

    const run = worker.scheduled(createScheduledController(), env, ctx)

    await expect(run).resolves.toBeUndefined()
  })
})
