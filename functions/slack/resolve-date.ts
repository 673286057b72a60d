import { quote } from './quote'

/** A date read from `/time`, as `YYYY-MM-DD`, or why the word that looked like one is not. */
export type DateReading = { readonly date: string } | { readonly error: string }

/** Short and full weekday names, by `Date#getUTCDay` number. */
const WEEKDAYS = new Map<string, number>([
  ['sun', 0],
  ['sunday', 0],
  ['mon', 1],
  ['monday', 1],
  ['tue', 2],
  ['tues', 2],
  ['tuesday', 2],
  ['wed', 3],
  ['wednesday', 3],
  ['thu', 4],
  ['thur', 4],
  ['thurs', 4],
  ['thursday', 4],
  ['fri', 5],
  ['friday', 5],
  ['sat', 6],
  ['saturday', 6],
])

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u
/** Dates in another shape (`3/7/2026`, `2026-7-3`): refused rather than guessed at. */
const OTHER_DATE = /^(?:\d{1,4}[-/]\d{1,2}[-/]\d{1,4})$/u

/**
 * Resolves a date word against today's date (`YYYY-MM-DD` in the user's zone): `today`,
 * `yesterday`, a weekday (`mon`…`sun` or `monday`…`sunday`, meaning the most recent such day,
 * today included), or an ISO date `YYYY-MM-DD` that exists on the calendar. Any case.
 *
 * @returns the date as `YYYY-MM-DD`, or `undefined` when the word names no date.
 * @example resolveDate('fri', '2026-07-15') // '2026-07-10'
 */
export function resolveDate(word: string, today: string): string | undefined {
  const reading = readDate(word, today)
  return reading !== undefined && 'date' in reading ? reading.date : undefined
}

/**
 * Like `resolveDate`, but tells a word that is no date (`undefined`) from one that is meant as a
 * date and is wrong (`2026-02-30`, `3/7/2026`), which gets a message quoting it.
 */
export function readDate(word: string, today: string): DateReading | undefined {
  const lower = word.toLowerCase()

  if (lower === 'today' || lower === 'yesterday' || WEEKDAYS.has(lower)) {
    const day = parseIsoDate(today)
    if (day === undefined) return undefined
    const weekday = WEEKDAYS.get(lower)
    const back =
      weekday === undefined ? (lower === 'yesterday' ? 1 : 0) : (day.getUTCDay() - weekday + 7) % 7
    day.setUTCDate(day.getUTCDate() - back)
    return { date: formatIsoDate(day) }
  }

  const iso = ISO_DATE.exec(word)
  if (iso !== null) {
    const [, year = '', month = '', dayOfMonth = ''] = iso
    const problem = calendarProblem(Number(year), Number(month), Number(dayOfMonth))
    if (problem === undefined) return { date: word }
    return { error: `${quote(word)} is not a date on the calendar: ${problem}.` }
  }

  if (OTHER_DATE.test(word)) {
    return { error: `I couldn't read ${quote(word)} as a date. Write dates as YYYY-MM-DD.` }
  }
  return undefined
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== undefined
}

/** Midnight UTC of a real `YYYY-MM-DD` date, or `undefined`. */
function parseIsoDate(text: string): Date | undefined {
  const match = ISO_DATE.exec(text)
  if (match === null) return undefined
  const [, year = '', month = '', day = ''] = match
  if (calendarProblem(Number(year), Number(month), Number(day)) !== undefined) return undefined
  const date = new Date(0)
  // setUTCFullYear, unlike Date.UTC, does not read years 0 to 99 as 1900 to 1999.
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day))
  return date
}

function formatIsoDate(date: Date): string {
  const year = String(date.getUTCFullYear()).padStart(4, '0')
  const month = String(date.getUTCMonth() + 1).padStart(2, '0')
  const day = String(date.getUTCDate()).padStart(2, '0')
  return `${year}-${month}-${day}`
}

/** Why year, month and day name no day of the Gregorian calendar; `undefined` when they do. */
function calendarProblem(year: number, month: number, day: number): string | undefined {
  const name = MONTHS[month - 1]
  if (name === undefined) return 'months run from 01 to 12'
  const days = daysInMonth(year, month)
  if (day < 1 || day > days) return `${name} ${year} has ${days} days`
  return undefined
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0)
  // Day 0 of the next month is the last day of this one.
  date.setUTCFullYear(year, month, 0)
  return date.getUTCDate()
}
