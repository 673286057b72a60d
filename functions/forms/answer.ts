/**
 * The one shape every form source is normalised to before any mapping happens: a list of
 * answers, each with the source's stable key, the question as the person saw it, what kind of
 * answer it is (where the source says) and the answer as readable text.
 */

/**
 * What kind of answer it is. `email` and `phone` come from sources that type their fields
 * (Typeform, Tally, Webflow); the address and name parts from sources that send structured
 * answers (Jotform's name and address widgets). The rest say only what the value looks like.
 */
export type AnswerType =
  | 'email'
  | 'phone'
  | 'first-name'
  | 'last-name'
  | 'address-line-1'
  | 'address-line-2'
  | 'city'
  | 'state'
  | 'postal-code'
  | 'country'
  | 'text'
  | 'number'
  | 'choice'
  | 'date'
  | 'boolean'
  | 'url'
  | 'file'
  | 'payment'
  | 'hidden'

/** One answer to one question. */
export interface Answer {
  /** The source's stable id for the question: Typeform `ref`, Tally `key`, a field name. */
  readonly key: string
  /** The question as the person saw it; the key when the source sends no label. */
  readonly label: string
  readonly type?: AnswerType
  /** The answer as text a person can read; never empty. */
  readonly value: string
}

/** The form tools the bridge takes submissions from, by the name `FORM_FIELDS` uses. */
export type FormSource = 'typeform' | 'tally' | 'webflow' | 'jotform' | 'html' | 'webhook'

/** How each source is named to people (notes, summaries). */
export const SOURCE_NAMES: Readonly<Record<FormSource, string>> = {
  typeform: 'Typeform',
  tally: 'Tally',
  webflow: 'Webflow',
  jotform: 'Jotform',
  html: 'web form',
  webhook: 'webhook',
}

/** A submission as every normaliser returns it. */
export interface FormSubmission {
  readonly source: FormSource
  /** The source's own stable id for this submission: the dedupe key. */
  readonly id: string
  /** The form's name, when the source sends it. */
  readonly formName?: string
  /** When the person submitted, as the source says (ISO 8601), when it does. */
  readonly submittedAt?: string
  readonly answers: readonly Answer[]
}

/** What a normaliser makes of a payload: a submission, or every reason it is not one. */
export type Normalised =
  | { readonly ok: true; readonly submission: FormSubmission }
  | { readonly ok: false; readonly issues: readonly string[] }

/** A failed normalisation. */
export function invalid(...issues: string[]): Normalised {
  return { ok: false, issues }
}

// Deeper structures than this are summarised: no form sends them, and a crafted payload must
// not make the recursion below run out of stack.
const MAX_DEPTH = 4

/**
 * Any JSON value as text a person can read, or `undefined` when it holds nothing: strings are
 * trimmed, lists joined with commas, objects written as `key: value` pairs.
 */
export function readable(value: unknown, depth = 0): string | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string') return nonEmpty(value)
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (depth >= MAX_DEPTH) return '…'
  if (Array.isArray(value)) {
    return nonEmpty(
      value
        .map((item) => readable(item, depth + 1))
        .filter((item) => item !== undefined)
        .join(', '),
    )
  }
  if (typeof value === 'object') {
    return nonEmpty(
      Object.entries(value)
        .flatMap(([key, item]) => {
          const text = readable(item, depth + 1)
          return text === undefined ? [] : [`${key}: ${text}`]
        })
        .join(', '),
    )
  }
  return undefined
}

/** The text trimmed, or `undefined` when nothing is left. */
export function nonEmpty(text: string): string | undefined {
  const trimmed = text.trim()
  return trimmed === '' ? undefined : trimmed
}

/**
 * A field name as a label a person can read: `fullName`, `full_name` and `full-name` all become
 * `Full name`.
 */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.[\]]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
  return words === '' ? name : words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * Builds an answer, dropping it when the value is empty. A blank key or label falls back to the
 * other, so every answer can be named in `FORM_FIELDS` and in the notes.
 */
export function answer(
  key: string,
  label: string,
  value: unknown,
  type?: AnswerType,
): Answer | undefined {
  const text = readable(value)
  if (text === undefined) return undefined
  const id = nonEmpty(key) ?? nonEmpty(label) ?? 'unnamed'
  const shown = nonEmpty(label) ?? id
  return type === undefined
    ? { key: id, label: shown, value: text }
    : { key: id, label: shown, type, value: text }
}

/** Keeps the answers that hold something. */
export function present(answers: readonly (Answer | undefined)[]): Answer[] {
  return answers.filter((a): a is Answer => a !== undefined)
}

/** True for a plain JSON object (not a list, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
