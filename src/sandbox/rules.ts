import {
  ACTIVITY_LISTING,
  PROJECT_LISTING,
  SEED_FOLLOW_UP_ACTIONS,
  SEED_LISTINGS,
  SEED_SITE,
} from './seed'
import type { Json, SandboxStore } from './store'

/** What a rule may look at besides the record. */
export interface RuleContext {
  readonly store: SandboxStore
  /** The account's zone: "today" and `created` are its wall-clock time. */
  readonly timezone: string
  readonly now: Date
}

/** A record that passed its rules (fields as stored), or a reason per failing field. */
export type Checked =
  | { readonly ok: true; readonly fields: Record<string, Json> }
  | { readonly ok: false; readonly errors: Record<string, string> }

/** Checks a whole record (a create, or a stored record with an edit applied). */
export type Rules = (
  record: Readonly<Record<string, unknown>>,
  ctx: RuleContext,
) => Promise<Checked>

/** Collects one reason per field and the fields that passed, as Enerpize would store them. */
class Checker {
  readonly errors: Record<string, string> = {}
  readonly fields: Record<string, Json> = {}
  readonly #record: Readonly<Record<string, unknown>>

  constructor(record: Readonly<Record<string, unknown>>) {
    this.#record = record
  }

  fail(field: string, reason: string): undefined {
    this.errors[field] ??= reason
    return undefined
  }

  /** A value that is absent, null or "" counts as missing. */
  has(field: string): boolean {
    const value = this.#record[field]
    return value !== undefined && value !== null && value !== ''
  }

  /** A whole number (or a string holding one), stored as a string. */
  id(field: string, required: boolean): string | undefined {
    if (!this.has(field)) return required ? this.fail(field, 'is required') : undefined
    const value = this.#record[field]
    const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : ''
    if (!/^\d+$/.test(text)) return this.fail(field, 'must be a whole number')
    return (this.fields[field] = String(Number(text)))
  }

  /** One of a few whole numbers, stored as a string. */
  choice(field: string, allowed: readonly number[], fallback: number): string | undefined {
    const id = this.has(field) ? this.id(field, true) : String(fallback)
    if (id === undefined) return undefined
    if (!allowed.includes(Number(id)))
      return this.fail(field, `must be one of ${allowed.join(', ')}`)
    return (this.fields[field] = id)
  }

  text(field: string, options: { required?: boolean; max?: number } = {}): string | undefined {
    if (!this.has(field)) {
      if (options.required === true) return this.fail(field, 'is required')
      this.fields[field] = ''
      return undefined
    }
    const value = this.#record[field]
    if (typeof value !== 'string' && typeof value !== 'number')
      return this.fail(field, 'must be text')
    const text = String(value).trim()
    if (options.max !== undefined && text.length > options.max) {
      return this.fail(field, `must be at most ${options.max} characters`)
    }
    return (this.fields[field] = text)
  }

  result(): Checked {
    return Object.keys(this.errors).length > 0
      ? { ok: false, errors: this.errors }
      : { ok: true, fields: this.fields }
  }
}

/**
 * Time tracking: `staff_id`, `project_id`, `activity_id` and `time` are required and the ids must
 * exist; `time` is hours and minutes (`^\d{1,}:\d{2}$`, minutes below 60); `date` is
 * `YYYY-MM-DD` and empty means today. `cost` comes from the staff member's hourly rate.
 */
export const timeEntryRules: Rules = async (record, ctx) => {
  const check = new Checker(record)

  const staffId = check.id('staff_id', true)
  const projectId = check.id('project_id', true)
  if (projectId !== undefined && SEED_LISTINGS[PROJECT_LISTING]?.[projectId] === undefined) {
    check.fail('project_id', `no project with id ${projectId}`)
  }
  const activityId = check.id('activity_id', true)
  if (activityId !== undefined && SEED_LISTINGS[ACTIVITY_LISTING]?.[activityId] === undefined) {
    check.fail('activity_id', `no activity with id ${activityId}`)
  }
  const time = check.text('time', { required: true })
  const minutes = time === undefined ? undefined : parseDuration(time)
  if (time !== undefined && minutes === undefined) {
    check.fail('time', 'must be hours and minutes, H:MM, with minutes below 60')
  }
  const date = check.has('date') ? check.text('date') : localDate(ctx.now, ctx.timezone)
  if (date !== undefined && !isDate(date)) check.fail('date', 'must be a date, YYYY-MM-DD')
  check.fields['date'] = date ?? ''
  check.text('notes')
  check.fields['work_order_id'] = check.id('work_order_id', false) ?? null

  const staff = staffId === undefined ? undefined : await ctx.store.get('staff', staffId)
  if (staffId !== undefined && staff === undefined)
    check.fail('staff_id', `no staff member with id ${staffId}`)
  if (staff !== undefined && minutes !== undefined) {
    const rate = Number(staff['hourly_rate'] ?? 0)
    check.fields['cost'] = ((rate * minutes) / 60).toFixed(2)
    check.fields['currency'] = SEED_SITE.currency_code
  }
  return check.result()
}

/**
 * Clients: the reference marks `email` required, yet the vendor's own plugin creates clients
 * without one, so the sandbox asks for something to call the client by: a business name, a
 * first or last name, or an e-mail. An e-mail, when given, must look like one; `country_code` is
 * ISO 3166-1 alpha-2; `business_name` is at most 100 characters.
 */
export const clientRules: Rules = async (record, ctx) => {
  const check = new Checker(record)

  const business = check.text('business_name', { max: 100 })
  const first = check.text('first_name')
  const last = check.text('last_name')
  const email = check.text('email')
  if (business === undefined && first === undefined && last === undefined && email === undefined) {
    check.fail(
      'business_name',
      'a client needs a business name, a first or last name, or an e-mail',
    )
  }
  if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    check.fail('email', 'must be an e-mail address')
  }
  check.choice('type', [2, 3], business === undefined ? 2 : 3)
  for (const field of [
    'phone1',
    'phone2',
    'address1',
    'address2',
    'city',
    'state',
    'postal_code',
  ]) {
    check.text(field)
  }
  const country = check.text('country_code')
  if (country !== undefined) {
    if (/^[a-z]{2}$/i.test(country)) check.fields['country_code'] = country.toUpperCase()
    else check.fail('country_code', 'must be an ISO 3166-1 alpha-2 code, e.g. EG')
  }
  for (const field of ['notes', 'default_currency_code', 'category', 'timezone']) check.text(field)
  const birth = check.text('birth_date')
  if (birth !== undefined && !isDate(birth)) check.fail('birth_date', 'must be a date, YYYY-MM-DD')
  const staffId = check.id('staff_id', false)
  if (staffId !== undefined && (await ctx.store.get('staff', staffId)) === undefined) {
    check.fail('staff_id', `no staff member with id ${staffId}`)
  }
  return check.result()
}

/**
 * Client appointments: `date`, `item_id`, `partner_type` and `partner_id` are required; dates are
 * `YYYY-MM-DD HH:MM:SS` (or a bare `YYYY-MM-DD`) and the end is not before the start; the
 * partner is a client (type 1) that exists; `status` is 0 scheduled, 1 done or 2 dismissed;
 * `action_id` and every `staff_id` must exist.
 */
export const appointmentRules: Rules = async (record, ctx) => {
  const check = new Checker(record)

  const start = check.text('date', { required: true })
  if (start !== undefined && !isDateTime(start)) {
    check.fail('date', 'must be a date and time, YYYY-MM-DD HH:MM:SS')
  }
  const end = check.text('end_date')
  if (end !== undefined && !isDateTime(end)) {
    check.fail('end_date', 'must be a date and time, YYYY-MM-DD HH:MM:SS')
  } else if (end !== undefined && start !== undefined && end < start) {
    check.fail('end_date', 'must not be before date')
  }
  const partnerType = check.id('partner_type', true)
  if (partnerType !== undefined && partnerType !== '1') {
    check.fail('partner_type', 'must be 1 (client) for a client appointment')
  }
  const itemId = check.id('item_id', true)
  const partnerId = check.id('partner_id', true)
  check.text('body')
  const actionId = check.id('action_id', false)
  if (actionId !== undefined && SEED_FOLLOW_UP_ACTIONS[actionId] === undefined) {
    check.fail('action_id', `no follow-up action with id ${actionId}`)
  }
  check.choice('status', [0, 1, 2], 0)
  check.choice('share_with_partner', [0, 1], 0)

  for (const [field, id] of [
    ['item_id', itemId],
    ['partner_id', partnerId],
  ] as const) {
    if (id !== undefined && (await ctx.store.get('clients', id)) === undefined) {
      check.fail(field, `no client with id ${id}`)
    }
  }
  await checkStaffIds(check, record['staff_id'], ctx)
  return check.result()
}

/** `staff_id` on an appointment: one id, or a list of the assigned staff. */
async function checkStaffIds(check: Checker, value: unknown, ctx: RuleContext): Promise<void> {
  if (!check.has('staff_id')) return
  if (!Array.isArray(value)) {
    const id = check.id('staff_id', false)
    if (id !== undefined && (await ctx.store.get('staff', id)) === undefined) {
      check.fail('staff_id', `no staff member with id ${id}`)
    }
    return
  }
  const ids: string[] = []
  for (const item of value) {
    const text = typeof item === 'number' || typeof item === 'string' ? String(item).trim() : ''
    if (!/^\d+$/.test(text)) {
      check.fail('staff_id', 'must be staff ids')
      return
    }
    if ((await ctx.store.get('staff', text)) === undefined) {
      check.fail('staff_id', `no staff member with id ${text}`)
      return
    }
    ids.push(String(Number(text)))
  }
  check.fields['staff_id'] = ids
}

/** Minutes in `H:MM`, or undefined when it is not that. */
export function parseDuration(time: string): number | undefined {
  const match = /^(\d{1,}):(\d{2})$/.exec(time)
  if (match === null) return undefined
  const minutes = Number(match[2])
  return minutes < 60 ? Number(match[1]) * 60 + minutes : undefined
}

/** A real calendar date, `YYYY-MM-DD`. */
export function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text)
}

/** `YYYY-MM-DD HH:MM:SS` with a real date and time, or a bare `YYYY-MM-DD`. */
export function isDateTime(text: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(text)
  if (match?.[1] === undefined || !isDate(match[1])) return false
  const [hours, minutes, seconds] = [match[2], match[3], match[4]].map((part) => Number(part ?? 0))
  return (hours ?? 0) < 24 && (minutes ?? 0) < 60 && (seconds ?? 0) < 60
}

/** The wall-clock date in a zone, `YYYY-MM-DD`. */
export function localDate(at: Date, timezone: string): string {
  return localDateTime(at, timezone).slice(0, 10)
}

/** The wall-clock date and time in a zone, `YYYY-MM-DD HH:MM:SS`, as Enerpize writes them. */
export function localDateTime(at: Date, timezone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  )
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}:${parts['second']}`
}
