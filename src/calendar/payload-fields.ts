import * as v from 'valibot'

/**
 * Field schemas the calendar payloads share. Vendors send `null` as readily as they leave a
 * field out, so optional text accepts both and comes out as `undefined` or trimmed text.
 */
export const OptionalText = v.pipe(
  v.nullish(v.string()),
  v.transform((text) => {
    const trimmed = text?.trim() ?? ''
    return trimmed === '' ? undefined : trimmed
  }),
)

/** An e-mail address, trimmed. */
export const Email = v.pipe(v.string(), v.trim(), v.email('must be an e-mail address'))

/** An e-mail address, or nothing when absent or not one. */
export const OptionalEmail = v.pipe(
  v.nullish(v.unknown()),
  v.transform((value) => {
    const parsed = v.safeParse(Email, value)
    return parsed.success ? parsed.output : undefined
  }),
)

// RFC 3339 with an explicit offset: a date-time without one would be read in the Worker's zone.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i

/** An RFC 3339 date-time with its offset (`2026-07-16T12:00:00.000000Z`), as epoch milliseconds. */
export const Instant = v.pipe(
  v.string(),
  v.regex(RFC3339, 'must be a date-time with a time zone offset'),
  v.transform((text) => Date.parse(text)),
  v.check((ms) => Number.isFinite(ms), 'must be a real date-time'),
)

/** Valibot issues as `path: reason` lines, for a 422 answer. */
export function issueLines(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.slice(0, 10).map((issue) => {
    const path = v.getDotPath(issue)
    return path === null ? issue.message : `${path}: ${issue.message}`
  })
}
