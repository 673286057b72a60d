import * as v from 'valibot'

// Enerpize answers from PHP: numbers often arrive as strings, empty values as "" or null, and an
// empty map as []. The schemas below accept all of that, turn ids into strings and counts, codes
// and foreign keys into numbers, read empty values as undefined, and keep any field they do not
// name.

/** Text, sent as a string or a number; always a string here. */
const Text = v.pipe(v.union([v.string(), v.number()]), v.transform(String))

/** An id, sent as a number or a string; always a string here. */
const Id = Text

/** A number, or a string holding one. */
const NumberLike = v.union([
  v.number(),
  v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^-?\d+(?:\.\d+)?$/, 'must be a number'),
    v.transform(Number),
  ),
])

/**
 * An optional field. Absent, null and "" all read as undefined, so a caller has one way to ask
 * whether a value is there.
 */
function optional<T>(schema: v.GenericSchema<unknown, T>) {
  return v.optional(
    v.pipe(
      v.unknown(),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const value = dataset.value
        if (value === null || value === undefined || value === '') return undefined
        const parsed = v.safeParse(schema, value)
        if (parsed.success) return parsed.output
        for (const issue of parsed.issues) addIssue({ message: issue.message })
        return NEVER
      }),
    ),
  )
}

const OptionalId = optional(Id)
const OptionalNumber = optional(NumberLike)
const OptionalText = optional(Text)

/** `active` and friends: true, 1, "1" or "true" mean yes. */
const OptionalFlag = optional(
  v.pipe(
    v.union([v.boolean(), v.number(), v.string()]),
    v.transform((flag) => flag === true || flag === 1 || flag === '1' || flag === 'true'),
  ),
)

/** A time tracking entry as Enerpize answers it (model key `TimeTracking`). */
export const TimeTrackingSchema = v.looseObject({
  id: Id,
  /** 0 is the account owner. */
  staff_id: OptionalNumber,
  project_id: OptionalNumber,
  activity_id: OptionalNumber,
  /** Hours and minutes, `H:MM`. */
  time: OptionalText,
  /** `YYYY-MM-DD`. */
  date: OptionalText,
  notes: OptionalText,
  work_order_id: OptionalNumber,
  /** From the staff member's hourly rate; read-only. */
  cost: OptionalNumber,
  currency: OptionalText,
  created: OptionalText,
  modified: OptionalText,
})

/** A client as Enerpize answers it (model key `Client`). */
export const ClientSchema = v.looseObject({
  id: Id,
  /** 2 individual, 3 business. */
  type: OptionalNumber,
  client_number: OptionalText,
  business_name: OptionalText,
  first_name: OptionalText,
  last_name: OptionalText,
  email: OptionalText,
  /** Phone. */
  phone1: OptionalText,
  /** Mobile. */
  phone2: OptionalText,
  address1: OptionalText,
  address2: OptionalText,
  city: OptionalText,
  state: OptionalText,
  postal_code: OptionalText,
  /** ISO 3166-1 alpha-2. */
  country_code: OptionalText,
  notes: OptionalText,
  staff_id: OptionalNumber,
  created: OptionalText,
  modified: OptionalText,
})

/** A client appointment as Enerpize answers it (model key `ClientAppointment`). */
export const ClientAppointmentSchema = v.looseObject({
  id: Id,
  /** Local wall-clock date-time, `YYYY-MM-DD HH:MM:SS`. */
  date: OptionalText,
  end_date: OptionalText,
  /** The client's id. */
  item_id: OptionalId,
  /** 1 is a client. */
  partner_type: OptionalNumber,
  partner_id: OptionalId,
  body: OptionalText,
  action_id: OptionalNumber,
  /** 0 scheduled, 1 done, 2 dismissed. */
  status: OptionalNumber,
  /** One staff member, or every assigned one. */
  staff_id: optional(v.union([NumberLike, v.array(NumberLike)])),
  share_with_partner: OptionalNumber,
  created: OptionalText,
  modified: OptionalText,
})

/** A staff member (model key `Staff`; read-only). */
export const StaffSchema = v.looseObject({
  id: Id,
  name: OptionalText,
  email_address: OptionalText,
  active: OptionalFlag,
  hourly_rate: OptionalNumber,
})

/** The account's site info (`GET /site_info.json`, model key `Site`). */
export const SiteSchema = v.looseObject({
  business_name: OptionalText,
  subdomain: OptionalText,
  timezone: OptionalText,
  currency_code: OptionalText,
})

/** A record of a resource this module has no schema for; only `id` is read. */
export const LooseRecordSchema = v.looseObject({ id: v.optional(Id) })

/**
 * An id-to-name map: a General Listing (`{"Listing": {"31": "Website Redesign"}}`), the
 * follow-up actions, or any such answer. Accepted leniently: a bare map, a map under one model
 * key, a PHP list (`["Design", "Support"]`, `[]`), or rows of `{id, name}` records, wrapped in a
 * model key or not.
 */
export const NameMapSchema = v.pipe(
  v.unknown(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const map = toNameMap(dataset.value)
    if (map === undefined) {
      addIssue({ message: 'expected a map of ids to names' })
      return NEVER
    }
    return map
  }),
)

function toNameMap(value: unknown): Record<string, string> | undefined {
  if (Array.isArray(value)) {
    const out: Record<string, string> = {}
    for (const [index, row] of value.entries()) {
      if (typeof row === 'string' || typeof row === 'number') out[String(index)] = String(row)
      else {
        const named = namedRow(row)
        if (named === undefined) return undefined
        out[named[0]] = named[1]
      }
    }
    return out
  }
  if (!isObject(value)) return undefined

  const entries = Object.entries(value)
  if (entries.every(([, name]) => typeof name === 'string' || typeof name === 'number')) {
    return Object.fromEntries(entries.map(([id, name]) => [id, String(name)]))
  }
  // One model key around the map: {"Listing": {...}}, {"FollowUpAction": [...]}.
  const only = entries.length === 1 ? entries[0] : undefined
  return only === undefined ? undefined : toNameMap(only[1])
}

/** `{id, name}`, or the same under one model key: `{"FollowUpAction": {id, name}}`. */
function namedRow(row: unknown): [string, string] | undefined {
  if (!isObject(row)) return undefined
  const id = row['id']
  const name = row['name'] ?? row['title']
  if ((typeof id === 'string' || typeof id === 'number') && typeof name === 'string') {
    return [String(id), name]
  }
  const inner = Object.values(row)
  return inner.length === 1 ? namedRow(inner[0]) : undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** 202 answer to a create: `{"code":202,"result":"successful","id":"2415"}`. */
export const CreatedEnvelopeSchema = v.looseObject({ id: Id })

/** 200 answer to an edit or delete: `{"code":200,"result":"successful"}`. */
export const OkEnvelopeSchema = v.looseObject({
  result: v.optional(v.string()),
  code: OptionalNumber,
})

/** One record: `{"data": {"Client": {...}}}`. */
export const OneEnvelopeSchema = v.looseObject({
  data: v.record(v.string(), v.unknown()),
})

const PaginationSchema = v.looseObject({
  page: v.optional(NumberLike),
  page_count: v.optional(NumberLike),
  total_results: v.optional(NumberLike),
  prev: v.optional(v.unknown()),
  next: v.optional(v.unknown()),
})

/** A page of records: `{"data": [{"Client": {...}}], "pagination": {...}}`. */
export const ListEnvelopeSchema = v.looseObject({
  data: v.union([
    v.array(v.record(v.string(), v.unknown())),
    // PHP sends a list with holes in its keys as an object.
    v.pipe(
      v.record(v.string(), v.record(v.string(), v.unknown())),
      v.transform((rows) => Object.values(rows)),
    ),
  ]),
  pagination: v.optional(PaginationSchema),
})

/** A lookup answer whose `data` is read by the caller: `{"data": {"Site": {...}}}`. */
export const DataEnvelopeSchema = v.looseObject({ data: v.unknown() })

/**
 * A failure: `{"result":"failed","code":400,"message":"Bad Request","validation_errors":{...}}`.
 * Validation errors come as a reason per field, a list of reasons, or reasons per rule; they
 * become one line per field.
 */
export const FailureEnvelopeSchema = v.pipe(
  v.looseObject({
    result: v.optional(v.string()),
    code: OptionalNumber,
    message: v.optional(v.string()),
    validation_errors: v.optional(v.unknown()),
  }),
  v.transform((failure) => ({
    ...failure,
    validation_errors: reasonsByField(failure.validation_errors),
  })),
)

function reasonsByField(errors: unknown): Record<string, string> {
  if (!isObject(errors)) return {}
  const out: Record<string, string> = {}
  for (const [field, reason] of Object.entries(errors)) out[field] = reasonText(reason)
  return out
}

function reasonText(reason: unknown): string {
  if (typeof reason === 'string') return reason
  if (typeof reason === 'number' || typeof reason === 'boolean') return String(reason)
  if (Array.isArray(reason)) return reason.map(reasonText).join('; ')
  if (isObject(reason)) return Object.values(reason).map(reasonText).join('; ')
  return 'invalid'
}

export type TimeTracking = v.InferOutput<typeof TimeTrackingSchema>
export type Client = v.InferOutput<typeof ClientSchema>
export type ClientAppointment = v.InferOutput<typeof ClientAppointmentSchema>
export type Staff = v.InferOutput<typeof StaffSchema>
export type Site = v.InferOutput<typeof SiteSchema>
export type LooseRecord = v.InferOutput<typeof LooseRecordSchema>
export type Failure = v.InferOutput<typeof FailureEnvelopeSchema>

/** A time tracking entry to add (`{"TimeTracking": {...}}`). */
export interface TimeTrackingInput {
  /** 0 is the account owner. */
  staff_id: number
  /** From the General Listing of projects. */
  project_id: number
  /** From the General Listing `TimeActivity`. */
  activity_id: number
  /** Hours and minutes, pattern `^\d{1,}:\d{2}$`: `"8:17"`, `"0:45"`. */
  time: string
  /** `YYYY-MM-DD`; empty means today. */
  date?: string
  notes?: string
  work_order_id?: number | null
}

/** A client to add (`{"Client": {...}}`). */
export interface ClientInput {
  /** 2 individual, 3 business. */
  type?: 2 | 3
  /** At most 100 characters. */
  business_name?: string
  first_name?: string
  last_name?: string
  email?: string
  /** Phone. */
  phone1?: string
  /** Mobile. */
  phone2?: string
  address1?: string
  address2?: string
  city?: string
  state?: string
  postal_code?: string
  /** ISO 3166-1 alpha-2. */
  country_code?: string
  notes?: string
  default_currency_code?: string
  follow_up_status?: number
  category?: string
  timezone?: string
  /** `YYYY-MM-DD`. */
  birth_date?: string
  staff_id?: number
}

/** A client appointment to add (sent as `{"FollowUpReminder": {...}}`). */
export interface ClientAppointmentInput {
  /** Local wall-clock date-time in the account's zone, `YYYY-MM-DD HH:MM:SS`. */
  date: string
  end_date?: string
  /** The client's id. */
  item_id: number | string
  /** 1 is a client. */
  partner_type: number
  /** The client's id. */
  partner_id: number | string
  body?: string
  /** From the follow-up actions. */
  action_id?: number
  /** 0 scheduled, 1 done, 2 dismissed. */
  status?: 0 | 1 | 2
  staff_id?: number | number[]
  share_with_partner?: 0 | 1
}
