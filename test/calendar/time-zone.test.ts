import { describe, expect, it } from 'vitest'
import {
  addDays,
  instantOf,
  isTimeZone,
  localDateTime,
  offsetAt,
  parseDate,
  wallClockAt,
} from '../../src/calendar/time-zone'

const HOUR = 60 * 60 * 1000

function wall(text: string) {
  const [date = '', time = '00:00:00'] = text.split(' ')
  const [year, month, day] = date.split('-').map(Number)
  const [hour, minute, second] = time.split(':').map(Number)
  return {
    year: year ?? 0,
    month: month ?? 0,
    day: day ?? 0,
    hour: hour ?? 0,
    minute: minute ?? 0,
    second: second ?? 0,
  }
}

describe('localDateTime', () => {
  it('shows the same UTC hour an hour apart across Berlin falling back in late October', () => {
    const beforeChange = Date.parse('2026-10-25T00:30:00Z')
    const afterChange = Date.parse('2026-10-25T01:30:00Z')

    const first = localDateTime(beforeChange, 'Europe/Berlin')
    const second = localDateTime(afterChange, 'Europe/Berlin')

    expect(first).toBe('2026-10-25 02:30:00')
    expect(second).toBe('2026-10-25 02:30:00')
  })

  it('applies summer time in Berlin until the change and winter time after it', () => {
    const times = ['2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z'].map(Date.parse)

    const local = times.map((t) => localDateTime(t, 'Europe/Berlin'))

    expect(local).toEqual(['2026-10-24 14:00:00', '2026-10-26 13:00:00'])
  })

  it('skips the missing hour when New York springs forward in March', () => {
    const justBefore = Date.parse('2026-03-08T06:59:59Z')
    const justAfter = Date.parse('2026-03-08T07:00:00Z')

    const local = [
      localDateTime(justBefore, 'America/New_York'),
      localDateTime(justAfter, 'America/New_York'),
    ]

    expect(local).toEqual(['2026-03-08 01:59:59', '2026-03-08 03:00:00'])
  })

  it('keeps the half-hour offset of Asia/Kolkata', () => {
    const at = Date.parse('2026-07-16T12:00:00Z')

    expect(localDateTime(at, 'Asia/Kolkata')).toBe('2026-07-16 17:30:00')
  })

  it('follows Cairo onto summer time and off it again', () => {
    const summer = Date.parse('2026-07-16T12:00:00Z')
    const winter = Date.parse('2026-12-16T12:00:00Z')

    expect(localDateTime(summer, 'Africa/Cairo')).toBe('2026-07-16 15:00:00')
    expect(localDateTime(winter, 'Africa/Cairo')).toBe('2026-12-16 14:00:00')
  })

  it('turns the date at local midnight, not at UTC midnight', () => {
    const at = Date.parse('2026-01-15T20:00:00Z')

    expect(localDateTime(at, 'Asia/Kolkata')).toBe('2026-01-16 01:30:00')
    expect(localDateTime(at, 'UTC')).toBe('2026-01-15 20:00:00')
  })
})

describe('instantOf', () => {
  it('reads a Berlin time on the autumn night as the first of the two instants it names', () => {
    const at = instantOf(wall('2026-10-25 02:30:00'), 'Europe/Berlin')

    expect(new Date(at).toISOString()).toBe('2026-10-25T00:30:00.000Z')
  })

  it('reads a time New York skips with the offset before the gap, as RFC 5545 says', () => {
    const at = instantOf(wall('2026-03-08 02:30:00'), 'America/New_York')

    expect(new Date(at).toISOString()).toBe('2026-03-08T07:30:00.000Z')
    expect(localDateTime(at, 'America/New_York')).toBe('2026-03-08 03:30:00')
  })

  it('reads ordinary times on both sides of a change with their own offsets', () => {
    const winter = instantOf(wall('2026-03-07 09:00:00'), 'America/New_York')
    const summer = instantOf(wall('2026-03-09 09:00:00'), 'America/New_York')

    expect(new Date(winter).toISOString()).toBe('2026-03-07T14:00:00.000Z')
    expect(new Date(summer).toISOString()).toBe('2026-03-09T13:00:00.000Z')
  })

  it('reads Kolkata and Cairo times with their offsets', () => {
    const kolkata = instantOf(wall('2026-07-16 17:30:00'), 'Asia/Kolkata')
    const cairo = instantOf(wall('2026-07-16 15:00:00'), 'Africa/Cairo')

    expect(new Date(kolkata).toISOString()).toBe('2026-07-16T12:00:00.000Z')
    expect(new Date(cairo).toISOString()).toBe('2026-07-16T12:00:00.000Z')
  })

  it('round-trips every quarter hour across a whole Berlin autumn weekend', () => {
    const start = Date.parse('2026-10-24T00:00:00Z')
    const mismatches: string[] = []

    for (let at = start; at < start + 72 * HOUR; at += HOUR / 4) {
      const local = wallClockAt(at, 'Europe/Berlin')
      const back = instantOf(local, 'Europe/Berlin')
      // The repeated hour maps back to its first occurrence; everything else to itself.
      const expected =
        offsetAt(at, 'Europe/Berlin') === HOUR && offsetAt(at - HOUR, 'Europe/Berlin') === 2 * HOUR
          ? at - HOUR
          : at
      if (back !== expected) mismatches.push(new Date(at).toISOString())
    }

    expect(mismatches).toEqual([])
  })
})

describe('offsetAt', () => {
  it('gives each zone its offset in milliseconds', () => {
    const at = Date.parse('2026-01-15T12:00:00Z')

    expect(offsetAt(at, 'Asia/Kolkata')).toBe(5.5 * HOUR)
    expect(offsetAt(at, 'America/New_York')).toBe(-5 * HOUR)
    expect(offsetAt(at, 'UTC')).toBe(0)
  })
})

describe('isTimeZone', () => {
  it('knows IANA names and refuses others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true)
    expect(isTimeZone('W. Europe Standard Time')).toBe(false)
    expect(isTimeZone('')).toBe(false)
  })
})

describe('dates', () => {
  it('moves a date across month and leap-day boundaries', () => {
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })

  it('refuses a date that is not on the calendar', () => {
    expect(parseDate('2026-02-30')).toBeUndefined()
    expect(parseDate('2026-2-3')).toBeUndefined()
    expect(() => addDays('someday', 1)).toThrow(RangeError)
  })
})
