import { describe, expect, it } from 'vitest'
import { todayIn } from '../../../functions/slack/today-in'

describe('todayIn', () => {
  it.each([
    // New Zealand daylight time, UTC+13, in January.
    ['Pacific/Auckland', '2026-01-15T10:59:59Z', '2026-01-15'],
    ['Pacific/Auckland', '2026-01-15T11:00:00Z', '2026-01-16'],
    // New Zealand standard time, UTC+12, in July.
    ['Pacific/Auckland', '2026-07-15T11:59:59Z', '2026-07-15'],
    ['Pacific/Auckland', '2026-07-15T12:00:00Z', '2026-07-16'],
    // Pacific standard time, UTC−8, in January.
    ['America/Los_Angeles', '2026-01-16T07:59:59Z', '2026-01-15'],
    ['America/Los_Angeles', '2026-01-16T08:00:00Z', '2026-01-16'],
    // Pacific daylight time, UTC−7, in July.
    ['America/Los_Angeles', '2026-07-16T06:59:59Z', '2026-07-15'],
    ['America/Los_Angeles', '2026-07-16T07:00:00Z', '2026-07-16'],
    // New Year's Eve turns over a day earlier in Auckland than in Los Angeles.
    ['Pacific/Auckland', '2026-12-31T11:00:00Z', '2027-01-01'],
    ['America/Los_Angeles', '2026-12-31T11:00:00Z', '2026-12-31'],
    ['UTC', '2026-12-31T23:59:59Z', '2026-12-31'],
    ['UTC', '2027-01-01T00:00:00Z', '2027-01-01'],
  ])('gives the date in %s at %s as %s', (zone, instant, date) => {
    const today = todayIn(zone, new Date(instant))

    expect(today).toBe(date)
  })

  it.each([
    // Berlin springs forward at 01:00 UTC on 29 March 2026: midnight before is 23:00 UTC (CET,
    // UTC+1), midnight after is 22:00 UTC (CEST, UTC+2).
    ['2026-03-28T22:59:59Z', '2026-03-28'],
    ['2026-03-28T23:00:00Z', '2026-03-29'],
    ['2026-03-29T01:00:00Z', '2026-03-29'],
    ['2026-03-29T21:59:59Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    // Berlin falls back at 01:00 UTC on 25 October 2026: midnight before is 22:00 UTC, after 23:00.
    ['2026-10-24T21:59:59Z', '2026-10-24'],
    ['2026-10-24T22:00:00Z', '2026-10-25'],
    ['2026-10-25T22:59:59Z', '2026-10-25'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
  ])(
    'turns the Berlin date at local midnight across daylight saving time: %s is %s',
    (instant, date) => {
      const today = todayIn('Europe/Berlin', new Date(instant))

      expect(today).toBe(date)
    },
  )

  it('refuses a zone the runtime does not know', () => {
    const run = () => todayIn('Mars/Olympus_Mons', new Date('2026-07-15T12:00:00Z'))

    expect(run).toThrow(RangeError)
  })

  it('refuses an invalid instant', () => {
    const run = () => todayIn('UTC', new Date('not a date'))

    expect(run).toThrow(RangeError)
  })
})
