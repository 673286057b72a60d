/**
 * Conversions between instants and wall-clock times in IANA time zones.
 *
 * Enerpize stores appointments as local wall-clock times in the account's zone, while booking
 * tools send UTC instants and iCalendar feeds send UTC, zoned (`TZID=`) or floating times. The
 * zones' rules come from the runtime's time zone data through `Intl.DateTimeFormat` (workerd
 * ships full ICU), so daylight-saving changes and half-hour offsets are whatever the zone
 * database says they are, with no table kept here.
 */

/** A time on a wall clock, without a zone. Months are 1–12. */
export interface WallClock {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
}

const DAY_MS = 24 * 60 * 60 * 1000

// Building an `Intl.DateTimeFormat` costs far more than using one.
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    })
    formatters.set(zone, formatter)
  }
  return formatter
}

/** Whether the runtime knows `zone` as an IANA time zone (`Europe/Berlin`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false
  try {
    formatterFor(zone)
    return true
  } catch {
    return false
  }
}

/**
 * The wall-clock time in `zone` at the instant `at` (milliseconds since the epoch).
 *
 * @example wallClockAt(Date.UTC(2026, 9, 25, 0, 30), 'Europe/Berlin') // 02:30, still CEST
 * @throws RangeError for a zone the runtime does not know.
 */
export function wallClockAt(at: number, zone: string): WallClock {
  const parts = formatterFor(zone).formatToParts(new Date(at))
  const value = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? Number.NaN)
  const era = parts.find((p) => p.type === 'era')?.value ?? 'AD'
  const year = value('year')
  return {
    // The formatter counts years before 1 AD backwards from 1 BC.
    year: era.startsWith('B') ? 1 - year : year,
    month: value('month'),
    day: value('day'),
    hour: value('hour'),
    minute: value('minute'),
    second: value('second'),
  }
}

/** The milliseconds a wall-clock time would be if it were UTC. */
export function wallClockMs(wall: WallClock): number {
  const date = new Date(0)
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day)
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0)
  return date.getTime()
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
export function offsetAt(at: number, zone: string): number {
  const whole = Math.floor(at / 1000) * 1000
  return wallClockMs(wallClockAt(whole, zone)) - whole
}

/**
 * The instant a wall-clock time in `zone` names, in milliseconds since the epoch.
 *
 * Around a daylight-saving change a wall-clock time can name two instants or none. RFC 5545
 * §3.3.5 settles both for calendars, and this follows it: a repeated time (autumn) is the first
 * of the two, and a skipped time (spring) is read with the offset in force before the gap, so
 * 02:30 on the night New York springs forward is 03:30 EDT.
 *
 * @throws RangeError for a zone the runtime does not know.
 */
export function instantOf(wall: WallClock, zone: string): number {
  const local = wallClockMs(wall)
  // The offsets in force a day either side cover any single change that night.
  const before = offsetAt(local - DAY_MS, zone)
  const after = offsetAt(local + DAY_MS, zone)
  const candidates = [...new Set([before, after])]
    .map((offset) => local - offset)
    .filter((at) => wallClockMs(wallClockAt(at, zone)) === local)
    .sort((a, b) => a - b)
  return candidates[0] ?? local - before
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0')
}

/** `YYYY-MM-DD HH:MM:SS`, the way Enerpize writes date-times. */
export function formatWallClock(wall: WallClock): string {
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`
}

/**
 * An instant as Enerpize wants it: the wall-clock date and time in `zone`, `YYYY-MM-DD HH:MM:SS`.
 *
 * @example localDateTime(Date.UTC(2026, 6, 16, 12), 'Africa/Cairo') // '2026-07-16 15:00:00'
 */
export function localDateTime(at: number, zone: string): string {
  return formatWallClock(wallClockAt(at, zone))
}

/** Reads `YYYY-MM-DD` as a date, or undefined when it is not a real calendar date. */
export function parseDate(text: string): WallClock | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (match === null) return undefined
  const wall = {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: 0,
    minute: 0,
    second: 0,
  }
  return formatWallClock(wallClockAt(wallClockMs(wall), 'UTC')).startsWith(text) ? wall : undefined
}

/** A calendar date moved by whole days: `addDays('2026-03-01', -1)` is `'2026-02-28'`. */
export function addDays(date: string, days: number): string {
  const wall = parseDate(date)
  if (wall === undefined) throw new RangeError(`not a date: ${date}`)
  return formatWallClock(wallClockAt(wallClockMs(wall) + days * DAY_MS, 'UTC')).slice(0, 10)
}
