import { quote } from './quote'

/** The longest duration one time entry may hold: one day. */
export const MAX_MINUTES = 24 * 60

/** A duration read from `/time`, in whole minutes, or why it cannot be logged. */
export type DurationResult = { readonly minutes: number } | { readonly error: string }

/** What reading a duration yields before its range is checked; `undefined` when unreadable. */
type Reading = { readonly minutes: number } | { readonly error: string } | undefined

const HOURS = String.raw`(?:h|hrs?|hours?)`
const MINUTES = String.raw`(?:m|mins?|minutes?)`
// A decimal point or, as much of the world writes it, a decimal comma: 1.5h, 1,5h, .5h.
const DECIMAL = String.raw`(\d+(?:[.,]\d+)?|[.,]\d+)`

/** `1.5`, `2h`, `2hrs`: a bare number counts as hours. */
const HOURS_ONLY = new RegExp(`^${DECIMAL}${HOURS}?$`, 'u')
/** `45m`, `30mins`. */
const MINUTES_ONLY = new RegExp(`^${DECIMAL}${MINUTES}$`, 'u')
/** `2h30m`, `2h30`, `2hrs30min`. */
const HOURS_AND_MINUTES = new RegExp(`^(\\d+)${HOURS}(\\d+)${MINUTES}?$`, 'u')
/** `2:30`, as a clock shows it. */
const CLOCK = /^(\d+):(\d{2})$/u
/** A minus sign: ASCII hyphen-minus or U+2212. */
const MINUS = /^[-\u2212]/u

/** The forms a user can type, for messages. */
const FORMS = 'Try 2h, 2h30m, 45m, 1.5h or 2:30.'

/**
 * Reads a duration as typed after `/time`, rounded to whole minutes.
 *
 * Accepts hours (`2h`, `2hr`, `2hrs`, `1.5h`, or a bare `1.5`), minutes (`45m`, `90m`, `30min`,
 * `30mins`), both (`2h30m`, or `2h 30m` as two words) and clock form (`2:30`), in any case. A
 * unit may stand apart from its number (`2 hours`). Zero, negative and longer than a day are
 * refused, each with a message that quotes the fragment.
 *
 * @example parseDuration('2h 30m') // { minutes: 150 }
 * @example parseDuration('2x') // { error: 'I couldn't read “2x” as a duration. Try …' }
 */
export function parseDuration(text: string): DurationResult {
  const shown = quote(text.trim())

  const reading = read(text)
  if (reading === undefined) return { error: `I couldn't read ${shown} as a duration. ${FORMS}` }
  if ('error' in reading) return reading

  if (reading.minutes <= 0) {
    return { error: `${shown} is not a duration I can log: it must be more than zero.` }
  }
  const minutes = Math.round(reading.minutes)
  if (minutes === 0) {
    return { error: `${shown} is under half a minute; time is logged in whole minutes.` }
  }
  if (minutes > MAX_MINUTES) {
    return { error: `${shown} is more than 24 hours. Log each day on its own, at most 24h.` }
  }
  return { minutes }
}

/**
 * How many of the leading words of a command make up its duration: `2h 30m` and `2 hours` are
 * two, `2 hours 30 minutes` four, anything else one.
 *
 * Words join only where a number meets a unit and only when the last one is a unit, so `2h 30
 * pages` keeps `30 pages` for the notes.
 */
export function durationWordCount(words: readonly string[]): number {
  for (let count = Math.min(4, words.length); count > 1; count--) {
    if (read(words.slice(0, count).join(' ')) !== undefined) return count
  }
  return 1
}

/**
 * Formats minutes as Enerpize's time tracking `time` field wants it: hours and two-digit
 * minutes, `^\d{1,}:\d{2}$`.
 *
 * @example formatHours(150) // '2:30'
 * @throws RangeError for anything but a whole, non-negative number of minutes.
 */
export function formatHours(minutes: number): string {
  if (!Number.isSafeInteger(minutes) || minutes < 0) {
    throw new RangeError(`formatHours takes whole, non-negative minutes, not ${minutes}`)
  }
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`
}

/** Reads the minutes a duration names, signed and unrounded, before any range check. */
function read(text: string): Reading {
  const words = text.trim().split(/\s+/u)
  if (!joinable(words)) return undefined
  const joined = words.join('').toLowerCase()

  const negative = MINUS.test(joined)
  const reading = readUnsigned(negative ? joined.slice(1) : joined, text.trim())
  if (reading === undefined || 'error' in reading || !negative) return reading
  return { minutes: -reading.minutes }
}

/** Words may join only where a digit meets a letter, and the last word must end in a unit. */
function joinable(words: readonly string[]): boolean {
  if (words.length === 1) return true
  if (!/\p{L}$/u.test(words.at(-1) ?? '')) return false
  return words.every((word, i) => {
    const previous = words[i - 1]
    if (previous === undefined) return true
    const end = previous.slice(-1)
    const start = word.slice(0, 1)
    return (/\d/u.test(end) && /\p{L}/u.test(start)) || (/\p{L}/u.test(end) && /\d/u.test(start))
  })
}

function readUnsigned(body: string, shownText: string): Reading {
  const hours = HOURS_ONLY.exec(body)
  if (hours?.[1] !== undefined) return { minutes: decimal(hours[1]) * 60 }

  const minutes = MINUTES_ONLY.exec(body)
  if (minutes?.[1] !== undefined) return { minutes: decimal(minutes[1]) }

  const both = HOURS_AND_MINUTES.exec(body) ?? CLOCK.exec(body)
  if (both?.[1] !== undefined && both[2] !== undefined) {
    const extra = Number(both[2])
    if (extra >= 60) {
      return {
        error: `In ${quote(shownText)} the minutes after the hours must be under 60. ${FORMS}`,
      }
    }
    return { minutes: Number(both[1]) * 60 + extra }
  }

  return undefined
}

function decimal(digits: string): number {
  return Number(digits.replace(',', '.'))
}
