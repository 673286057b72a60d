import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  SEED_CLIENTS,
  SEED_FOLLOW_UP_ACTIONS,
  SEED_LISTINGS,
  SEED_SITE,
  SEED_STAFF,
} from '../src/sandbox/seed'

/**
 * A stand-in for Enerpize on 127.0.0.1, for the benchmark and the reliability suite: a small Node
 * HTTP server speaking the documented API (paths ending in `.json`, records wrapped in their model
 * key, ids as strings, `{"result":"failed",…}` failures) for time tracking, clients, client
 * appointments, staff, the General Listing, follow-up actions and site info, seeded like the
 * embedded sandbox.
 *
 * Unlike the sandbox, it sits on the far side of a real socket, which is what the harnesses need:
 * it notes when every call arrives (so send times can be matched to create times and calls per
 * second counted), it can drop a connection for real, hang, or answer 429 when called too fast,
 * and nothing it does costs the Worker CPU.
 *
 * Besides the API under `/api2`, it answers `/_control/*` (faults, calls, records, reports) so
 * tests inside workerd can drive it, and any other path with 200 (a Slack `response_url` that
 * nothing reads).
 */

/** The tables it keeps, by API path. */
export type StandInTable = 'time_tracking' | 'clients' | 'client_appointments' | 'staff'

/** A stored record: Enerpize's fields as strings, and a string `id`. */
export type StandInRecord = { readonly id: string } & Record<string, unknown>

/** One call that reached the stand-in. */
export interface StandInCall {
  /** Milliseconds since the epoch, with a fraction: when the request's head arrived. */
  readonly at: number
  readonly method: string
  /** Below the API base: `/time_tracking.json`, `/clients/12.json`. */
  readonly path: string
  /** What it answered; 0 for a dropped connection. */
  status: number
  /** The id a create made. */
  created?: string
  /** The request body as sent, for creates and edits. */
  readonly body: string
}

/**
 * A failure to inject. It applies to calls whose method (any, when unset), path (a prefix when
 * it ends in `*`) and body (when `bodyIncludes` is set) match, `times` times or until cleared.
 *
 * - `status`: answer that failure and do nothing (after `hangMs`, when set).
 * - `reset: 'before'`: drop the connection and do nothing; `'after'`: do the work, then drop it.
 * - `hangMs` alone: do the work when the call arrives, answer only after `hangMs` (an answer
 *   lost to the caller's timeout while the record exists).
 */
export interface StandInFault {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  readonly path: string
  readonly bodyIncludes?: string
  readonly status?: number
  /** `Retry-After` sent with `status`: seconds. */
  readonly retryAfter?: number
  readonly hangMs?: number
  readonly reset?: 'before' | 'after'
  readonly times?: number
  readonly validationErrors?: Readonly<Record<string, string>>
}

/** Enerpize's own throttle, as far as the stand-in plays it: 429 above a rate. */
export interface StandInThrottle {
  /** Calls allowed in any one second. */
  readonly perSecond: number
  readonly retryAfter: number
}

export interface StandInOptions {
  /** The `apikey` every API call must send. */
  readonly apiKey: string
  /** 0 (the default) picks a free port. */
  readonly port?: number
  readonly throttle?: StandInThrottle
}

/** A running stand-in. */
export interface StandIn {
  /** The API base to give the bridge as `ENERPIZE_BASE_URL`. */
  readonly baseUrl: string
  /** The server's origin, e.g. `http://127.0.0.1:40123`. */
  readonly origin: string
  readonly calls: readonly StandInCall[]
  /** What tests sent to `/_control/reports`, in order. */
  readonly reports: readonly unknown[]
  records(table: StandInTable): readonly StandInRecord[]
  setFaults(faults: readonly StandInFault[]): void
  setThrottle(throttle: StandInThrottle | undefined): void
  close(): Promise<void>
}

const MODELS: Readonly<Record<StandInTable, string>> = {
  time_tracking: 'TimeTracking',
  clients: 'Client',
  client_appointments: 'ClientAppointment',
  staff: 'Staff',
}

/** Keys a create or edit may wrap its record in. */
const WRITE_MODELS: Readonly<Record<StandInTable, readonly string[]>> = {
  time_tracking: ['TimeTracking'],
  clients: ['Client'],
  client_appointments: ['FollowUpReminder', 'ClientAppointment'],
  staff: [],
}

const REQUIRED: Readonly<Record<StandInTable, readonly string[]>> = {
  time_tracking: ['staff_id', 'project_id', 'activity_id', 'time'],
  clients: [],
  client_appointments: ['date', 'item_id', 'partner_type', 'partner_id'],
  staff: [],
}

const MESSAGES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Item not found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

interface ActiveFault extends StandInFault {
  remaining: number | null
}

/** An answer to send, or a connection to drop. */
type Outcome =
  | {
      readonly kind: 'answer'
      readonly status: number
      readonly body: unknown
      retryAfter?: number
    }
  | { readonly kind: 'drop' }

/** Starts a stand-in on 127.0.0.1. */
export async function startEnerpizeStandIn(options: StandInOptions): Promise<StandIn> {
  const tables = new Map<StandInTable, Map<string, StandInRecord>>()
  const lastIds = new Map<StandInTable, number>()
  for (const table of Object.keys(MODELS) as StandInTable[]) {
    tables.set(table, new Map())
    lastIds.set(table, 0)
  }
  for (const staff of SEED_STAFF) tables.get('staff')?.set(staff.id, { ...staff })
  for (const client of SEED_CLIENTS) tables.get('clients')?.set(client.id, { ...client })
  lastIds.set('staff', SEED_STAFF.length - 1)
  lastIds.set('clients', SEED_CLIENTS.length)

  const calls: StandInCall[] = []
  const reports: unknown[] = []
  let faults: ActiveFault[] = []
  let throttle = options.throttle
  // Answers held back by a hang, so `close` can let the process exit.
  const timers = new Set<NodeJS.Timeout>()

  const table = (name: StandInTable) => tables.get(name) ?? new Map<string, StandInRecord>()

  function takeFault(method: string, path: string, body: string): StandInFault | undefined {
    const fault = faults.find(
      (f) =>
        (f.method === undefined || f.method === method) &&
        (f.path.endsWith('*') ? path.startsWith(f.path.slice(0, -1)) : path === f.path) &&
        (f.bodyIncludes === undefined || body.includes(f.bodyIncludes)) &&
        (f.remaining === null || f.remaining > 0),
    )
    if (fault?.remaining != null) fault.remaining -= 1
    return fault
  }

  /** Whether this call would make more than `perSecond` calls served within one second. */
  function throttled(at: number): boolean {
    if (throttle === undefined) return false
    let recent = 1
    for (let i = calls.length - 1; i >= 0; i--) {
      const call = calls[i]
      if (call === undefined || call.at <= at - 1000) break
      if (call.status !== 429) recent += 1
    }
    return recent > throttle.perSecond
  }

  function failure(status: number, extra: Record<string, unknown> = {}): Outcome {
    return {
      kind: 'answer',
      status,
      body: { result: 'failed', code: status, message: MESSAGES[status] ?? 'Error', ...extra },
    }
  }

  function ok(status: number, extra: Record<string, unknown> = {}): Outcome {
    return { kind: 'answer', status, body: { code: status, result: 'successful', ...extra } }
  }

  /** The API itself: what Enerpize would do with the call. */
  function perform(method: string, path: string, query: URLSearchParams, body: string): Outcome {
    if (path === '/site_info.json' && method === 'GET') {
      return ok(200, { data: { Site: { ...SEED_SITE, timezone: 'UTC' } } })
    }
    const listing = /^\/listing\/([A-Za-z]+)\.json$/.exec(path)
    if (listing && method === 'GET') {
      const names = SEED_LISTINGS[listing[1] ?? '']
      return names === undefined ? failure(404) : ok(200, { data: { Listing: names } })
    }
    if (/^\/follow_up_actions\/[A-Za-z_]+\.json$/.test(path) && method === 'GET') {
      return ok(200, { data: { FollowUpAction: SEED_FOLLOW_UP_ACTIONS } })
    }

    const match = /^\/([a-z_]+)(?:\/(\d+))?\.json$/.exec(path)
    const name = match?.[1] as StandInTable | undefined
    if (name === undefined || !(name in MODELS)) return failure(404)
    const id = match?.[2]
    const rows = table(name)
    const model = MODELS[name]

    if (method === 'GET' && id === undefined) {
      const page = Math.max(1, Number(query.get('page') ?? '1') || 1)
      const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? '20') || 20))
      const all = [...rows.values()]
      const pageCount = Math.max(1, Math.ceil(all.length / limit))
      return ok(200, {
        data: all.slice((page - 1) * limit, page * limit).map((record) => ({ [model]: record })),
        pagination: {
          prev: page > 1 ? page - 1 : null,
          next: page < pageCount ? page + 1 : null,
          page,
          page_count: pageCount,
          total_results: all.length,
        },
      })
    }
    if (method === 'GET' && id !== undefined) {
      const record = rows.get(id)
      return record === undefined ? failure(404) : ok(200, { data: { [model]: record } })
    }
    if (WRITE_MODELS[name].length === 0) return failure(404)
    if (method === 'DELETE' && id !== undefined) {
      return rows.delete(id) ? ok(200) : failure(404)
    }

    const input = unwrap(body, WRITE_MODELS[name])
    if (input === undefined) {
      return failure(400, { validation_errors: { body: 'the record is not wrapped in its model' } })
    }
    if (method === 'PUT' && id !== undefined) {
      const existing = rows.get(id)
      if (existing === undefined) return failure(404)
      rows.set(id, { ...existing, ...stringified(input), id, modified: wallClock() })
      return ok(200)
    }
    if (method === 'POST' && id === undefined) {
      const missing = REQUIRED[name].filter(
        (field) => input[field] === undefined || input[field] === '',
      )
      const invalidTime = name === 'time_tracking' && !/^\d+:\d{2}$/.test(textOf(input['time']))
      if (missing.length > 0 || invalidTime) {
        return failure(400, {
          validation_errors: {
            ...Object.fromEntries(missing.map((field) => [field, 'is required'])),
            ...(invalidTime && !missing.includes('time') ? { time: 'must be H:MM' } : {}),
          },
        })
      }
      const next = (lastIds.get(name) ?? 0) + 1
      lastIds.set(name, next)
      const newId = String(next)
      const now = wallClock()
      rows.set(newId, { ...stringified(input), id: newId, created: now, modified: now })
      return ok(202, { id: newId })
    }
    return failure(404)
  }

  /** `/_control/*`: what tests inside workerd use to drive the stand-in. */
  function control(method: string, path: string, query: URLSearchParams, body: string): Outcome {
    if (path === '/_control/faults' && method === 'POST') {
      const plan = JSON.parse(body) as { faults: StandInFault[] }
      faults = plan.faults.map((f) => ({ ...f, remaining: f.times ?? null }))
      return ok(200, { faults: faults.length })
    }
    if (path === '/_control/faults' && method === 'DELETE') {
      faults = []
      return ok(200)
    }
    if (path === '/_control/throttle' && method === 'POST') {
      throttle = (JSON.parse(body) as { throttle?: StandInThrottle }).throttle
      return ok(200)
    }
    if (path === '/_control/calls' && method === 'GET') {
      const since = Number(query.get('since') ?? '0')
      return ok(200, { data: calls.filter((call) => call.at >= since) })
    }
    const records = /^\/_control\/records\/([a-z_]+)$/.exec(path)
    if (records && method === 'GET') {
      const name = records[1] as StandInTable
      return name in MODELS ? ok(200, { data: [...table(name).values()] }) : failure(404)
    }
    if (path === '/_control/reports' && method === 'POST') {
      reports.push(JSON.parse(body))
      return ok(200)
    }
    return failure(404)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.timeOrigin + performance.now()
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const method = req.method ?? 'GET'
    const body = await readAll(req)

    if (url.pathname.startsWith('/_control/')) {
      send(res, control(method, url.pathname, url.searchParams, body))
      return
    }
    if (!url.pathname.startsWith('/api2/')) {
      send(res, ok(200))
      return
    }

    const path = url.pathname.slice('/api2'.length)
    const call: StandInCall = {
      at: arrived,
      method,
      path,
      status: 0,
      body: method === 'GET' ? '' : body,
    }
    if (req.headers['apikey'] !== options.apiKey) {
      calls.push(call)
      finish(res, call, failure(401))
      return
    }
    if (throttled(arrived)) {
      calls.push(call)
      finish(res, call, { ...failure(429), retryAfter: throttle?.retryAfter ?? 1 } as Outcome)
      return
    }
    calls.push(call)

    const fault = takeFault(method, path, body)
    if (fault === undefined) {
      finish(res, call, perform(method, path, url.searchParams, body))
      return
    }

    // Work that happens when the call arrives, before any hang: a slow answer or a reset after.
    const doesWork = fault.status === undefined && fault.reset !== 'before'
    const outcome: Outcome = doesWork
      ? perform(method, path, url.searchParams, body)
      : fault.status === undefined
        ? { kind: 'drop' }
        : {
            ...failure(
              fault.status,
              fault.validationErrors === undefined
                ? {}
                : { validation_errors: fault.validationErrors },
            ),
            ...(fault.retryAfter === undefined ? {} : { retryAfter: fault.retryAfter }),
          }
    const settle = () => {
      finish(res, call, fault.reset === undefined ? outcome : { kind: 'drop' }, outcome)
    }
    if (fault.hangMs === undefined) {
      settle()
      return
    }
    const timer = setTimeout(() => {
      timers.delete(timer)
      settle()
    }, fault.hangMs)
    timers.add(timer)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${String(port)}`

  return {
    baseUrl: `${origin}/api2`,
    origin,
    calls,
    reports,
    records: (name) => [...table(name).values()],
    setFaults: (next) => {
      faults = next.map((f) => ({ ...f, remaining: f.times ?? null }))
    },
    setThrottle: (next) => {
      throttle = next
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Writes the outcome, noting on the call what it was; `done` is what was done, if different. */
function finish(
  res: ServerResponse,
  call: StandInCall,
  outcome: Outcome,
  done: Outcome = outcome,
): void {
  if (done.kind === 'answer' && done.status === 202) {
    const created = (done.body as { id?: unknown }).id
    if (typeof created === 'string') call.created = created
  }
  if (outcome.kind === 'drop') {
    call.status = 0
    res.socket?.destroy()
    return
  }
  call.status = outcome.status
  send(res, outcome)
}

function send(res: ServerResponse, outcome: Outcome): void {
  if (outcome.kind === 'drop') {
    res.socket?.destroy()
    return
  }
  const text = JSON.stringify(outcome.body)
  res.writeHead(outcome.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(outcome.retryAfter === undefined ? {} : { 'retry-after': String(outcome.retryAfter) }),
  })
  res.end(text)
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function unwrap(body: string, models: readonly string[]): Record<string, unknown> | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined
  for (const model of models) {
    const record = (parsed as Record<string, unknown>)[model]
    if (typeof record === 'object' && record !== null && !Array.isArray(record)) {
      return record as Record<string, unknown>
    }
  }
  return undefined
}

/** Enerpize answers numbers as strings; arrays (assigned staff) stay as they are. */
function stringified(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [
      key,
      typeof value === 'number' || typeof value === 'boolean' ? String(value) : value,
    ]),
  )
}

/** A value as text when it is text or a number; anything else reads as empty. */
function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

function wallClock(): string {
  return new Date().toISOString().slice(0, 19).replace('T', ' ')
}
