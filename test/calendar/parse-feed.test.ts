import { describe, expect, it } from 'vitest'
import { parseFeed, type FeedInstance } from '../../src/calendar/ics/parse-feed'
import { GOOGLE_BERLIN, vcalendar, vevent, WINDOWS_BERLIN } from '../fixtures/calendar/ics'

const DAY = 24 * 60 * 60 * 1000
const from = Date.parse('2026-10-01T00:00:00Z')
const window = { from, until: from + 60 * DAY, timezone: 'Europe/Berlin' }

function parsed(...components: string[]): readonly FeedInstance[] {
  const result = parseFeed(vcalendar(...components), window)
  if (!result.ok) throw new Error(result.error)
  return result.instances
}

function iso(time: FeedInstance['start']): string {
  return time.kind === 'date' ? time.date : new Date(time.at).toISOString()
}

describe('parseFeed: times', () => {
  it('reads UTC times as instants', () => {
    const [event] = parsed(
      vevent('UID:utc-1', 'DTSTART:20261020T090000Z', 'DTEND:20261020T100000Z', 'SUMMARY:Call'),
    )

    expect(event && [iso(event.start), iso(event.end)]).toEqual([
      '2026-10-20T09:00:00.000Z',
      '2026-10-20T10:00:00.000Z',
    ])
  })

  it('reads a TZID time in its own zone across the October change', () => {
    const [before, after] = parsed(
      GOOGLE_BERLIN,
      vevent('UID:tz-1', 'DTSTART;TZID=Europe/Berlin:20261024T100000', 'DURATION:PT1H'),
      vevent('UID:tz-2', 'DTSTART;TZID=Europe/Berlin:20261026T100000', 'DURATION:PT1H'),
    )

    expect(before && iso(before.start)).toBe('2026-10-24T08:00:00.000Z')
    expect(after && iso(after.start)).toBe('2026-10-26T09:00:00.000Z')
  })

  it('reads an IANA TZID that the feed does not define from the runtime zone data', () => {
    const [event] = parsed(
      vevent('UID:tz-3', 'DTSTART;TZID=America/New_York:20261020T090000', 'DURATION:PT30M'),
    )

    expect(event && iso(event.start)).toBe('2026-10-20T13:00:00.000Z')
  })

  it('reads a Windows zone name through the feed’s own VTIMEZONE', () => {
    const [event] = parsed(
      WINDOWS_BERLIN,
      vevent(
        'UID:tz-4',
        'DTSTART;TZID=W. Europe Standard Time:20261026T100000',
        'DTEND;TZID=W. Europe Standard Time:20261026T110000',
      ),
    )

    expect(event && [iso(event.start), iso(event.end)]).toEqual([
      '2026-10-26T09:00:00.000Z',
      '2026-10-26T10:00:00.000Z',
    ])
  })

  it('reads floating times on the account’s wall clock', () => {
    const [event] = parsed(
      vevent('UID:float-1', 'DTSTART:20261020T090000', 'DTEND:20261020T093000'),
    )

    expect(event && iso(event.start)).toBe('2026-10-20T07:00:00.000Z')
  })

  it('keeps all-day dates as dates, with the exclusive end RFC 5545 gives them', () => {
    const [oneDay, noEnd, twoDays] = parsed(
      vevent('UID:day-1', 'DTSTART;VALUE=DATE:20261020', 'DTEND;VALUE=DATE:20261021'),
      vevent('UID:day-2', 'DTSTART;VALUE=DATE:20261022'),
      vevent('UID:day-3', 'DTSTART;VALUE=DATE:20261023', 'DTEND;VALUE=DATE:20261025'),
    )

    expect([oneDay, noEnd, twoDays].map((e) => e && [iso(e.start), iso(e.end)])).toEqual([
      ['2026-10-20', '2026-10-21'],
      ['2026-10-22', '2026-10-23'],
      ['2026-10-23', '2026-10-25'],
    ])
  })
})

describe('parseFeed: recurrence', () => {
  const weekly = [
    GOOGLE_BERLIN,
    vevent(
      'UID:weekly-1',
      'DTSTART;TZID=Europe/Berlin:20261019T100000',
      'DTEND;TZID=Europe/Berlin:20261019T110000',
      'RRULE:FREQ=WEEKLY;COUNT=5',
      'EXDATE;TZID=Europe/Berlin:20261102T100000',
      'SUMMARY:Weekly review',
    ),
    vevent(
      'UID:weekly-1',
      'RECURRENCE-ID;TZID=Europe/Berlin:20261026T100000',
      'DTSTART;TZID=Europe/Berlin:20261026T140000',
      'DTEND;TZID=Europe/Berlin:20261026T150000',
      'SEQUENCE:2',
      'SUMMARY:Weekly review (moved)',
    ),
    vevent(
      'UID:weekly-1',
      'RECURRENCE-ID;TZID=Europe/Berlin:20261109T100000',
      'DTSTART;TZID=Europe/Berlin:20261109T100000',
      'DTEND;TZID=Europe/Berlin:20261109T110000',
      'STATUS:CANCELLED',
      'SEQUENCE:1',
    ),
  ]

  it('expands occurrences, applies the moved one and leaves the excluded one out', () => {
    const instances = parsed(...weekly)

    expect(
      instances.map((i) => [i.recurrenceId, iso(i.start), i.sequence, i.summary, i.cancelled]),
    ).toEqual([
      ['20261019T080000Z', '2026-10-19T08:00:00.000Z', 0, 'Weekly review', false],
      ['20261026T090000Z', '2026-10-26T13:00:00.000Z', 2, 'Weekly review (moved)', false],
      ['20261109T090000Z', '2026-11-09T09:00:00.000Z', 1, undefined, true],
      ['20261116T090000Z', '2026-11-16T09:00:00.000Z', 0, 'Weekly review', false],
    ])
  })

  it('stops expanding at the end of the window', () => {
    const instances = parsed(
      vevent('UID:daily-1', 'DTSTART:20260901T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=DAILY'),
    )

    expect(instances).toHaveLength(60)
    const [first] = instances
    const last = instances.at(-1)
    expect(first && iso(first.start)).toBe('2026-10-01T09:00:00.000Z')
    expect(last && iso(last.start)).toBe('2026-11-29T09:00:00.000Z')
  })

  it('keeps an occurrence whose series is not in the feed', () => {
    const [single] = parsed(
      vevent(
        'UID:series-elsewhere',
        'RECURRENCE-ID:20261021T090000Z',
        'DTSTART:20261021T100000Z',
        'DTEND:20261021T110000Z',
      ),
    )

    expect(single && [single.recurrenceId, iso(single.start)]).toEqual([
      '20261021T090000Z',
      '2026-10-21T10:00:00.000Z',
    ])
  })

  it('leaves out what is over and keeps what is under way', () => {
    const instances = parsed(
      vevent('UID:past-1', 'DTSTART:20260920T090000Z', 'DTEND:20260920T100000Z'),
      vevent('UID:now-1', 'DTSTART:20260930T230000Z', 'DTEND:20261001T010000Z'),
      vevent('UID:later-1', 'DTSTART:20270301T090000Z', 'DTEND:20270301T100000Z'),
    )

    expect(instances.map((i) => i.uid)).toEqual(['now-1', 'later-1'])
  })
})

describe('parseFeed: people and text', () => {
  it('reads the organizer and the attendees’ addresses and names, without rooms', () => {
    const [event] = parsed(
      vevent(
        'UID:people-1',
        'DTSTART:20261020T090000Z',
        'ORGANIZER;CN=Amira Hassan:mailto:amira@example.com',
        'ATTENDEE;CN="Jane Doe";PARTSTAT=ACCEPTED:MAILTO:Jane.Doe@Example.com',
        'ATTENDEE;CUTYPE=ROOM;CN=Room 1:mailto:room1@resource.example.com',
        'ATTENDEE:urn:uuid:00000000-0000-0000-0000-000000000000',
        'SUMMARY:Kick-off',
        'LOCATION:Cairo office',
        'DESCRIPTION:Agenda\\, notes\\nand more',
      ),
    )

    expect(event).toMatchObject({
      organizer: { email: 'amira@example.com', name: 'Amira Hassan' },
      attendees: [{ email: 'Jane.Doe@Example.com', name: 'Jane Doe' }],
      summary: 'Kick-off',
      location: 'Cairo office',
      description: 'Agenda, notes\nand more',
    })
  })

  it('says what is wrong with a body that is not iCalendar', () => {
    const result = parseFeed('<html>Sign in</html>', window)

    expect(result).toMatchObject({ ok: false })
    expect(!result.ok && result.error).toMatch(/^not iCalendar/)
  })

  it('refuses a component that is not a calendar', () => {
    const result = parseFeed('BEGIN:VCARD\r\nVERSION:4.0\r\nEND:VCARD\r\n', window)

    expect(result).toEqual({ ok: false, error: 'not iCalendar: no VCALENDAR' })
  })
})
