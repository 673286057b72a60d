import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as v from 'valibot'
import { SANDBOX_API_KEY, getConfig } from '../config'
import { RESOURCES } from '../enerpize/resources'
import { log } from '../log'
import {
  ConnectionReset,
  FaultPlanSchema,
  clearSandboxFaults,
  sandboxFaults,
  setSandboxFaults,
  takeFault,
} from './faults'
import {
  appointmentRules,
  clientRules,
  localDateTime,
  timeEntryRules,
  type RuleContext,
  type Rules,
} from './rules'
import { SEED_FOLLOW_UP_ACTIONS, SEED_LISTINGS, SEED_SITE } from './seed'
import { SandboxStore, serialise, type Table } from './store'

interface SandboxEnv {
  Bindings: Env
  Variables: { store: SandboxStore; timezone: string }
}

/** A table the sandbox serves, under its path in the client's resource table. */
interface Served {
  readonly table: Table
  /** Key answers wrap a record in. */
  readonly model: string
  /** Keys a create or edit may wrap the record in; none for a read-only resource. */
  readonly writeModels: readonly string[]
  readonly rules?: Rules
}

const SERVED: Readonly<Record<string, Served>> = {
  [RESOURCES.timeTracking.path]: {
    table: 'time_tracking',
    model: RESOURCES.timeTracking.model,
    writeModels: [RESOURCES.timeTracking.model],
    rules: timeEntryRules,
  },
  [RESOURCES.clients.path]: {
    table: 'clients',
    model: RESOURCES.clients.model,
    writeModels: [RESOURCES.clients.model],
    rules: clientRules,
  },
  // Enerpize's add request wraps an appointment as FollowUpReminder; ClientAppointment, the
  // key of its answers, is accepted too.
  [RESOURCES.clientAppointments.path]: {
    table: 'client_appointments',
    model: RESOURCES.clientAppointments.model,
    writeModels: [RESOURCES.clientAppointments.writeModel, RESOURCES.clientAppointments.model],
    rules: appointmentRules,
  },
  [RESOURCES.staff.path]: { table: 'staff', model: RESOURCES.staff.model, writeModels: [] },
}

const STATUS_MESSAGES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Item not found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/**
 * The embedded Enerpize sandbox: the documented API for time tracking, clients, client
 * appointments, staff, the General Listing, follow-up actions and site info, with the reference's
 * paths, wrappers, status codes and bodies, kept in the `IDEMPOTENCY` KV namespace under
 * `sandbox:`. Paths are below the API base (`/time_tracking.json`); `sandboxFetch` and
 * `sandboxRoute` put it behind one.
 *
 * `/_faults` sets failures for the next requests: see `FaultSchema`.
 */
export const sandboxApp = new Hono<SandboxEnv>()

// Every call needs the configured key, as Enerpize does: ENERPIZE_API_KEY, or `sandbox`.
sandboxApp.use(async (c, next) => {
  const expected = getConfig(c.env).enerpize.apiKey ?? SANDBOX_API_KEY
  if (!sameKey(c.req.header('apikey') ?? '', expected)) return failure(c, 401)
  return next()
})

sandboxApp.get('/_faults', (c) => c.json({ faults: sandboxFaults() }))

sandboxApp.post('/_faults', async (c) => {
  const plan = v.safeParse(FaultPlanSchema, await readJson(c))
  if (!plan.success) return failure(c, 400, undefined, issuesByField(plan.issues))
  setSandboxFaults(plan.output.faults)
  return c.json({ faults: sandboxFaults() })
})

sandboxApp.delete('/_faults', (c) => {
  clearSandboxFaults()
  return c.json({ faults: [] })
})

// Injected faults, before anything touches data.
sandboxApp.use(async (c, next) => {
  const fault = takeFault(c.req.method, c.req.path)
  if (fault === undefined) return next()

  if (fault.hangMs !== undefined) await new Promise((resolve) => setTimeout(resolve, fault.hangMs))
  if (fault.reset === 'before') throw new ConnectionReset()
  if (fault.status !== undefined) {
    if (fault.retryAfter !== undefined) c.header('Retry-After', String(fault.retryAfter))
    return failure(c, fault.status, fault.message, fault.validationErrors)
  }
  await next()
  if (fault.reset === 'after') throw new ConnectionReset()
})

sandboxApp.use(async (c, next) => {
  const store = new SandboxStore(c.env.IDEMPOTENCY)
  await store.ensureSeeded()
  c.set('store', store)
  c.set('timezone', getConfig(c.env).timezone)
  await next()
})

sandboxApp.get('/site_info.json', (c) =>
  c.json({
    code: 200,
    result: 'successful',
    data: { Site: { ...SEED_SITE, timezone: c.var.timezone } },
  }),
)

sandboxApp.get('/listing/:file', (c) => {
  const model = withoutSuffix(c.req.param('file'))
  const listing = model === undefined ? undefined : SEED_LISTINGS[model]
  if (listing === undefined) return failure(c, 404)
  return c.json({ code: 200, result: 'successful', data: { Listing: listing } })
})

// The reference does not list the types; every type answers the same actions here.
sandboxApp.get('/follow_up_actions/:file', (c) => {
  if (withoutSuffix(c.req.param('file')) === undefined) return failure(c, 404)
  return c.json({
    code: 200,
    result: 'successful',
    data: { FollowUpAction: SEED_FOLLOW_UP_ACTIONS },
  })
})

// GET /{resource}.json?page=&limit=: page from 1, limit 20 by default and at most 1000.
sandboxApp.get('/:file', async (c) => {
  const served = servedAt(c.req.param('file'))
  if (served === undefined) return failure(c, 404)
  const page = wholeNumber(c.req.query('page'), 1)
  const limit = wholeNumber(c.req.query('limit'), 20)
  if (page === undefined || limit === undefined) {
    return failure(c, 400, undefined, {
      ...(page === undefined ? { page: 'must be a whole number from 1' } : {}),
      ...(limit === undefined ? { limit: 'must be a whole number from 1' } : {}),
    })
  }
  const perPage = Math.min(limit, 1000)

  const { records, total } = await c.var.store.page(served.table, page, perPage)

  const pageCount = Math.max(1, Math.ceil(total / perPage))
  return c.json({
    code: 200,
    result: 'successful',
    data: records.map((record) => ({ [served.model]: record })),
    pagination: {
      prev: page > 1 ? page - 1 : null,
      next: page < pageCount ? page + 1 : null,
      page,
      page_count: pageCount,
      total_results: total,
    },
  })
})

// POST /{resource}.json with {"<Model>": {...}}: 202 and the new id, as a string.
sandboxApp.post('/:file', async (c) => {
  const served = servedAt(c.req.param('file'))
  if (served?.rules === undefined) return failure(c, 404)
  const input = await readRecord(c, served)
  if (input instanceof Response) return input

  const checked = await served.rules(input, ruleContext(c))
  if (!checked.ok) return failure(c, 400, undefined, checked.errors)

  const now = localDateTime(new Date(), c.var.timezone)
  const record = await serialise(() =>
    c.var.store.insert(served.table, (id) => ({
      ...checked.fields,
      ...(served.table === 'clients' ? { client_number: id.padStart(6, '0') } : {}),
      created: now,
      modified: now,
    })),
  )
  return c.json({ code: 202, result: 'successful', id: record.id }, 202)
})

sandboxApp.get('/:name/:file', async (c) => {
  const served = SERVED[c.req.param('name')]
  const id = withoutSuffix(c.req.param('file'))
  if (served === undefined || id === undefined) return failure(c, 404)

  const record = await c.var.store.get(served.table, id)

  if (record === undefined) return failure(c, 404)
  return c.json({ code: 200, result: 'successful', data: { [served.model]: record } })
})

// PUT /{resource}/{id}.json: the edit is applied to the stored record and the whole is checked.
sandboxApp.put('/:name/:file', async (c) => {
  const served = SERVED[c.req.param('name')]
  const id = withoutSuffix(c.req.param('file'))
  if (served?.rules === undefined || id === undefined) return failure(c, 404)
  const rules = served.rules
  const changes = await readRecord(c, served)
  if (changes instanceof Response) return changes

  return serialise(async () => {
    const existing = await c.var.store.get(served.table, id)
    if (existing === undefined) return failure(c, 404)
    const checked = await rules({ ...existing, ...changes }, ruleContext(c))
    if (!checked.ok) return failure(c, 400, undefined, checked.errors)
    await c.var.store.replace(served.table, {
      ...existing,
      ...checked.fields,
      id: existing.id,
      modified: localDateTime(new Date(), c.var.timezone),
    })
    return c.json({ code: 200, result: 'successful' })
  })
})

sandboxApp.delete('/:name/:file', async (c) => {
  const served = SERVED[c.req.param('name')]
  const id = withoutSuffix(c.req.param('file'))
  if (served?.rules === undefined || id === undefined) return failure(c, 404)

  return serialise(async () => {
    const existing = await c.var.store.get(served.table, id)
    if (existing === undefined) return failure(c, 404)
    await c.var.store.remove(served.table, existing.id)
    return c.json({ code: 200, result: 'successful' })
  })
})

sandboxApp.notFound((c) => failure(c, 404))

sandboxApp.onError((error, c) => {
  // A reset has no answer: it leaves the sandbox so its fetch can fail like a dropped connection.
  if (error instanceof ConnectionReset) throw error
  log('error', 'sandbox failed', { path: c.req.path, error: error.name, detail: error.message })
  return failure(c, 500)
})

/** An Enerpize failure body: `{"result":"failed","code":…,"message":…}`. */
function failure(
  c: Context,
  status: number,
  message?: string,
  validationErrors?: Readonly<Record<string, string>>,
): Response {
  return c.json(
    {
      result: 'failed',
      code: status,
      message: message ?? STATUS_MESSAGES[status] ?? 'Error',
      ...(validationErrors === undefined ? {} : { validation_errors: validationErrors }),
    },
    status as ContentfulStatusCode,
  )
}

/** `time_tracking.json` → the served table; anything without the `.json` suffix is unknown. */
function servedAt(file: string): Served | undefined {
  const name = withoutSuffix(file)
  return name === undefined ? undefined : SERVED[name]
}

function withoutSuffix(file: string): string | undefined {
  return file.endsWith('.json') && file.length > 5 ? file.slice(0, -5) : undefined
}

function wholeNumber(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined || value === '') return fallback
  return /^\d+$/.test(value) && Number(value) >= 1 ? Number(value) : undefined
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    return undefined
  }
}

/** The record inside its model key, or the 400 to answer. */
async function readRecord(
  c: Context,
  served: Served,
): Promise<Readonly<Record<string, unknown>> | Response> {
  const body = await readJson(c)
  if (!isObject(body)) return failure(c, 400, undefined, { body: 'must be a JSON object' })
  for (const model of served.writeModels) {
    const record = body[model]
    if (isObject(record)) return record
  }
  const [model = served.model] = served.writeModels
  return failure(c, 400, undefined, {
    [model]: `the record must be wrapped in ${served.writeModels.join(' or ')}`,
  })
}

function ruleContext(c: Context<SandboxEnv>): RuleContext {
  return { store: c.var.store, timezone: c.var.timezone, now: new Date() }
}

function issuesByField(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of issues) out[v.getDotPath(issue) ?? 'faults'] ??= issue.message
  return out
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Compares keys in constant time, so the sandbox does not teach timing attacks by example. */
function sameKey(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given)
  const b = new TextEncoder().encode(expected)
  return a.byteLength === b.byteLength && crypto.subtle.timingSafeEqual(a, b)
}
