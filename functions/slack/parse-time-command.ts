import * as v from 'valibot'
import { durationWordCount, formatHours, parseDuration } from './parse-duration'
import { quote } from './quote'
import { isIsoDate, readDate } from './resolve-date'
import { plainText } from './slack-text'

/** What `parseTimeCommand` needs to know besides the text. */
export interface ParseContext {
  /** Today's date, `YYYY-MM-DD`, in the user's time zone (see `todayIn`). */
  readonly today: string
}

/** A time entry as the user typed it, before names are matched to Enerpize ids. */
export interface TimeEntryCommand {
  readonly kind: 'entry'
  /** Whole minutes, 1 to 1440. */
  readonly minutes: number
  /** The same duration as Enerpize's `time` field wants it: `H:MM`. */
  readonly time: string
  /** `YYYY-MM-DD`. */
  readonly date: string
  /** The name after `#`, as typed (`website-redesign`), for `matchName`. */
  readonly project?: string
  /** The name after `+`, as typed, for `matchName`. */
  readonly activity?: string
  /** Every other word, in the order written; empty when there are none. */
  readonly notes: string
}

/** Everything `/time` can mean. Parsing never throws: a mistake is an `error` with a message. */
export type ParseResult =
  | { readonly kind: 'help' }
  | { readonly kind: 'link'; readonly target: string }
  | { readonly kind: 'projects' }
  | { readonly kind: 'undo' }
  | { readonly kind: 'list'; readonly date: string }
  | TimeEntryCommand
  | { readonly kind: 'error'; readonly message: string }

/** A word of the command and the whitespace written before it, so notes keep their spacing. */
interface Word {
  readonly space: string
  readonly text: string
}

type Sigil = { readonly kind: 'project' | 'activity'; readonly name: string; readonly text: string }

const Email = v.pipe(v.string(), v.email())
const STAFF_ID = /^\d{1,15}$/u
/** Punctuation that ends a sentence or a clause, not a name: `#website,` names `website`. */
const CLOSING_PUNCTUATION = new Set(`.,;:!?)]}»”’"'`)

const LINK_EXAMPLE = 'Try “/time link you@example.com” or “/time link 42” with your staff id.'
const DATE_FORMS = 'Try today, yesterday, a weekday such as mon, or a date such as 2026-03-14.'

/**
 * Reads the text of a `/time` slash command.
 *
 * The grammar is `/time <duration> [date] [#project] [+activity] [notes…]`: the duration first
 * (see `parseDuration`); then, optionally, a date (see `resolveDate`; today when absent); then
 * `#project` and `+activity` in any order and anywhere, at most one of each; every other word is
 * the notes. The sub-commands are `help`, `link <e-mail or staff id>`, `projects`, `undo` and
 * `list [date]`.
 *
 * @param text Slack's `text` field as sent, Slack's escapes (`&amp;`, `<#C…|name>`) in place.
 * @example
 * parseTimeCommand('2h #website fixed the header', { today: '2026-07-15' })
 * // { kind: 'entry', minutes: 120, time: '2:00', date: '2026-07-15', project: 'website',
 * //   notes: 'fixed the header' }
 */
export function parseTimeCommand(text: string, context: ParseContext): ParseResult {
  if (!isIsoDate(context.today)) {
    return failure(`I couldn't tell today's date (${quote(context.today)}), so I logged nothing.`)
  }
  const words = splitWords(plainText(text))
  const [first] = words
  if (first === undefined) return { kind: 'help' }

  const rest = words.slice(1)
  switch (first.text.toLowerCase()) {
    case 'help':
    case '?':
      return { kind: 'help' }
    case 'link':
      return parseLink(rest)
    case 'projects':
      return rest.length === 0 ? { kind: 'projects' } : nothingAfter('projects', rest)
    case 'undo':
      return rest.length === 0 ? { kind: 'undo' } : nothingAfter('undo', rest)
    case 'list':
      return parseList(rest, context.today)
    default:
      return parseEntry(words, context.today)
  }
}

function parseEntry(words: readonly Word[], today: string): ParseResult {
  // The duration: one word, or up to four when a number and its unit stand apart (`2 hours`).
  const count = durationWordCount(words.map(({ text }) => text))
  const duration = parseDuration(joinWords(words.slice(0, count)))
  if ('error' in duration) return failure(misplacedDuration(words, today) ?? duration.error)

  // `#project` and `+activity`, wherever they stand; the other words stay in order.
  let project: Sigil | undefined
  let activity: Sigil | undefined
  const others: Word[] = []
  for (const word of words.slice(count)) {
    const sigil = readSigil(word.text)
    if (sigil === undefined) others.push(word)
    else if (sigil.kind === 'project') {
      if (project !== undefined) return failure(twice(project, sigil))
      project = sigil
    } else {
      if (activity !== undefined) return failure(twice(activity, sigil))
      activity = sigil
    }
  }

  // The date, when the first of the other words is one.
  let date = today
  const [head] = others
  const reading = head === undefined ? undefined : readDate(head.text, today)
  if (reading !== undefined) {
    if ('error' in reading) return failure(reading.error)
    date = reading.date
    others.shift()
  }

  return {
    kind: 'entry',
    minutes: duration.minutes,
    time: formatHours(duration.minutes),
    date,
    ...(project === undefined ? {} : { project: project.name }),
    ...(activity === undefined ? {} : { activity: activity.name }),
    notes: joinWords(others),
  }
}

/**
 * When a command starts with a date or a name and the duration follows (`/time yesterday 2h`),
 * says to put the duration first, showing the command that way round.
 */
function misplacedDuration(words: readonly Word[], today: string): string | undefined {
  const [first, ...rest] = words
  if (first === undefined) return undefined
  if (readDate(first.text, today) === undefined && readSigil(first.text) === undefined) {
    return undefined
  }

  const count = durationWordCount(rest.map(({ text }) => text))
  const duration = joinWords(rest.slice(0, count))
  if (rest.length === 0 || 'error' in parseDuration(duration)) return undefined
  const more = rest.length > count ? ' …' : ''
  return `The duration comes first: try ${quote(`/time ${duration} ${first.text}${more}`)}.`
}

function parseLink(rest: readonly Word[]): ParseResult {
  const [target] = rest
  if (target === undefined) return failure(`Tell me who you are in Enerpize. ${LINK_EXAMPLE}`)
  const shown = quote(joinWords(rest))
  if (rest.length > 1) {
    return failure(`I couldn't read ${shown} as one e-mail address or staff id. ${LINK_EXAMPLE}`)
  }

  if (STAFF_ID.test(target.text)) return { kind: 'link', target: String(Number(target.text)) }
  if (v.is(Email, target.text)) return { kind: 'link', target: target.text }
  return failure(`I couldn't read ${shown} as an e-mail address or a staff id. ${LINK_EXAMPLE}`)
}

function parseList(rest: readonly Word[], today: string): ParseResult {
  const [word] = rest
  if (word === undefined) return { kind: 'list', date: today }
  if (rest.length > 1) {
    return failure(`I couldn't read ${quote(joinWords(rest))} as one date. ${DATE_FORMS}`)
  }

  const reading = readDate(word.text, today)
  if (reading === undefined) {
    return failure(`I couldn't read ${quote(word.text)} as a date. ${DATE_FORMS}`)
  }
  if ('error' in reading) return failure(reading.error)
  return { kind: 'list', date: reading.date }
}

/** `#name` names the project, `+name` the activity; a bare `#` or `+` is just a word. */
function readSigil(text: string): Sigil | undefined {
  const kind = text.startsWith('#') ? 'project' : text.startsWith('+') ? 'activity' : undefined
  if (kind === undefined) return undefined
  const name = withoutClosingPunctuation(text.slice(1))
  if (!/[\p{L}\p{N}]/u.test(name)) return undefined
  return { kind, name, text }
}

/** Trims closing punctuation in a loop, since a `[…]+$` pattern backtracks on long runs. */
function withoutClosingPunctuation(name: string): string {
  let end = name.length
  while (end > 0 && CLOSING_PUNCTUATION.has(name.charAt(end - 1))) end--
  return name.slice(0, end)
}

function twice(first: Sigil, second: Sigil): string {
  const [named, mark, what] =
    first.kind === 'project' ? ['a project', '#', 'project'] : ['an activity', '+', 'activity']
  return (
    `${quote(first.text)} and ${quote(second.text)} both name ${named}, and a time entry has ` +
    `one. Keep one ${mark}${what}; to mention the other in the notes, drop its “${mark}”.`
  )
}

function nothingAfter(command: string, rest: readonly Word[]): ParseResult {
  return failure(
    `“/time ${command}” takes nothing after it, so I did nothing with ` +
      `${quote(joinWords(rest))}.`,
  )
}

function failure(message: string): ParseResult {
  return { kind: 'error', message }
}

function splitWords(text: string): Word[] {
  return Array.from(text.trim().matchAll(/(\s*)(\S+)/gu), ([, space = '', word = '']) => ({
    space,
    text: word,
  }))
}

/** Words back into text with the spacing the user wrote between them. */
function joinWords(words: readonly Word[]): string {
  return words.map(({ space, text }, i) => (i === 0 ? text : space + text)).join('')
}
