import * as v from 'valibot'
import { EVENT_STATUSES } from '../pipeline/events'

/** Source names are the bridge's own (`slack`, `typeform`, …): short, lower case. */
const Source = v.optional(
  v.pipe(
    v.string(),
    v.regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'source must be a source name, e.g. slack'),
  ),
)

const LIMIT_RULE = 'limit must be a number from 1 to 200'

/** `GET /admin/api/events` and the console's listing. */
export const EventQuerySchema = v.object({
  status: v.optional(
    v.picklist(EVENT_STATUSES, `status must be one of ${EVENT_STATUSES.join(', ')}`),
  ),
  source: Source,
  cursor: v.optional(v.pipe(v.string(), v.maxLength(2048, 'cursor is too long'))),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, LIMIT_RULE),
      v.transform(Number),
      v.minValue(1, LIMIT_RULE),
      v.maxValue(200, LIMIT_RULE),
    ),
  ),
})

export type EventQuery = v.InferOutput<typeof EventQuerySchema>

/** `POST /admin/api/replay` and the console's bulk replay: failed, dead, or (unset) both. */
export const ReplayQuerySchema = v.object({
  status: v.optional(
    v.picklist(['failed', 'dead'], 'status must be failed or dead, or unset for both'),
  ),
  source: Source,
})

export type ReplayQuery = v.InferOutput<typeof ReplayQuerySchema>

/** Event ids are `ev_` and lower-case base-36 and hex digits (see `newEventId`). */
export const EVENT_ID = /^ev_[a-z0-9]{8,40}$/

/**
 * Parses query parameters or form fields. An empty value counts as absent, so a filter form
 * submitted with a blank field asks for everything.
 */
export function parseParams<S extends v.GenericSchema>(
  schema: S,
  params: Readonly<Record<string, string>>,
): { ok: true; value: v.InferOutput<S> } | { ok: false; message: string } {
  const present = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== ''))
  const parsed = v.safeParse(schema, present)
  return parsed.success
    ? { ok: true, value: parsed.output }
    : { ok: false, message: parsed.issues[0].message }
}
