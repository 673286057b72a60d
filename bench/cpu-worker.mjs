// The CPU timer the benchmark runs inside workerd, under its own `wrangler dev`
// (bench/cpu.wrangler.toml). It times the bridge's own code: `app.fetch` for each route, and the
// queue consumer for each kind of event, over many iterations, with storage and Enerpize
// replaced by in-memory stand-ins so that nothing in the timed loop waits for I/O. Time spent
// waiting is not CPU time on Workers either, so what the loop measures is the Worker's own CPU.
//
// It is plain JavaScript because the bench folder is type-checked for Node; this file is the one
// piece that runs in workerd, and wrangler bundles the TypeScript it imports.
import { app } from '../src/app'
import { handleQueue } from '../src/pipeline/queue'
import '../src/registry'
import { buildRequest } from './requests'

/** Workers KV, in memory: the calls the bridge makes, answered from a Map. */
class MemoryKv {
  #entries = new Map()
  /** Calls made, by kind: what would each be a round trip to KV in production. */
  reads = 0
  writes = 0

  async get(key, options) {
    this.reads += 1
    const type = typeof options === 'string' ? options : (options?.type ?? 'text')
    if (Array.isArray(key)) return new Map(key.map((k) => [k, this.#read(k, type)]))
    return this.#read(key, type)
  }

  async getWithMetadata(key, options) {
    const entry = this.#entries.get(key)
    return { value: await this.get(key, options), metadata: entry?.metadata ?? null }
  }

  async put(key, value, options = {}) {
    this.writes += 1
    this.#entries.set(key, { value: String(value), metadata: options.metadata ?? null })
  }

  async delete(key) {
    this.writes += 1
    this.#entries.delete(key)
  }

  async list(options = {}) {
    this.reads += 1
    const prefix = options.prefix ?? ''
    const limit = options.limit ?? 1000
    const names = [...this.#entries.keys()].filter((name) => name.startsWith(prefix)).sort()
    const start = options.cursor ? Number(options.cursor) : 0
    const page = names.slice(start, start + limit)
    const complete = start + limit >= names.length
    return {
      keys: page.map((name) => ({ name, metadata: this.#entries.get(name)?.metadata ?? null })),
      list_complete: complete,
      ...(complete ? {} : { cursor: String(start + limit) }),
    }
  }

  #read(key, type) {
    const entry = this.#entries.get(key)
    if (entry === undefined) return null
    return type === 'json' ? JSON.parse(entry.value) : entry.value
  }
}

/** A Queue producer that keeps what it is sent, serialised as the platform would. */
class MemoryQueue {
  sent = []

  async send(body) {
    this.sent.push(JSON.parse(JSON.stringify(body)))
  }

  async sendBatch(messages) {
    for (const message of messages) await this.send(message.body)
  }
}

const CANNED_BASE = 'http://enerpize.cpu/api2'
const ok = (body, status = 200) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  })

/** Enerpize, answered from precomputed JSON: the Worker pays for parsing, not for serving. */
const canned = {
  clientPages: new Map(),
  clientCount: 0,
  nextId: 10_000,
  staff: JSON.stringify({
    code: 200,
    result: 'successful',
    data: [
      { Staff: { id: '1', name: 'Amira Hassan', email_address: 'amira@example.com', active: '1' } },
    ],
    pagination: { prev: null, next: null, page: 1, page_count: 1, total_results: 1 },
  }),

  /** Makes the client list hold `count` clients, 1000 to a page. */
  setClients(count) {
    this.clientCount = count
    this.clientPages.clear()
    const pages = Math.max(1, Math.ceil(count / 1000))
    for (let page = 1; page <= pages; page++) {
      const data = []
      for (let i = (page - 1) * 1000; i < Math.min(count, page * 1000); i++) {
        data.push({
          Client: {
            id: String(i + 1),
            type: '2',
            client_number: String(i + 1).padStart(6, '0'),
            first_name: 'Existing',
            last_name: `Client ${String(i)}`,
            business_name: '',
            email: `existing${String(i)}@clients.example`,
            phone1: '+44 20 7946 0000',
            notes: '',
            created: '2026-01-05 09:00:00',
            modified: '2026-01-05 09:00:00',
          },
        })
      }
      this.clientPages.set(
        page,
        JSON.stringify({
          code: 200,
          result: 'successful',
          data,
          pagination: {
            prev: page > 1 ? page - 1 : null,
            next: page < pages ? page + 1 : null,
            page,
            page_count: pages,
            total_results: count,
          },
        }),
      )
    }
  },

  /** Clients created during a run, so the bridge's e-mail index finds them again. */
  created: new Map(),

  /** API calls answered so far. */
  calls: 0,

  answer(url, method, body) {
    this.calls += 1
    const path = url.pathname.slice('/api2'.length)
    if (method === 'POST') {
      const id = String(this.nextId++)
      if (path === '/clients.json') this.created.set(id, { ...JSON.parse(body).Client, id })
      return ok({ code: 202, result: 'successful', id }, 202)
    }
    const edited = /^\/clients\/(\d+)\.json$/.exec(path)
    if (method === 'PUT' && edited) {
      const existing = this.created.get(edited[1])
      if (existing) this.created.set(edited[1], { ...existing, ...JSON.parse(body).Client })
    }
    if (method === 'PUT' || method === 'DELETE') return ok({ code: 200, result: 'successful' })
    if (path === '/clients.json') {
      return ok(
        this.clientPages.get(Number(url.searchParams.get('page') ?? '1')) ??
          this.clientPages.get(1),
      )
    }
    const client = /^\/clients\/(\d+)\.json$/.exec(path)
    if (client) {
      const found = this.created.get(client[1])
      if (found === undefined)
        return ok({ result: 'failed', code: 404, message: 'Item not found' }, 404)
      return ok({ code: 200, result: 'successful', data: { Client: found } })
    }
    if (path === '/staff.json') return ok(this.staff)
    if (path === '/listing/Product.json') {
      return ok({ code: 200, result: 'successful', data: { Listing: { 31: 'Website Redesign' } } })
    }
    if (path === '/listing/TimeActivity.json') {
      return ok({ code: 200, result: 'successful', data: { Listing: { 1: 'Design' } } })
    }
    if (path.endsWith('.json') && !path.includes('/listing/')) {
      return ok({
        code: 200,
        result: 'successful',
        data: [],
        pagination: { prev: null, next: null, page: 1, page_count: 1, total_results: 0 },
      })
    }
    return ok({ result: 'failed', code: 404, message: 'Item not found' }, 404)
  },
}

// The bridge's outbound fetch, in this timer only: Enerpize and Slack's response_url are
// answered in-process, so no timed iteration waits on a socket.
const networkFetch = globalThis.fetch
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init)
  const url = new URL(request.url)
  if (url.origin === new URL(CANNED_BASE).origin) {
    return canned.answer(url, request.method, request.body === null ? '' : await request.text())
  }
  if (url.hostname === 'slack.response.cpu') return new Response('ok')
  return networkFetch(input, init)
}

function executionContext() {
  const pending = []
  const ctx = {
    waitUntil: (promise) => pending.push(promise),
    passThroughOnException: () => undefined,
    props: {},
    settle: () => Promise.allSettled(pending),
  }
  return ctx
}

/** The bindings the bridge gets: this Worker's secrets, storage in memory. */
function bindingsFor(env, live) {
  const secrets = Object.fromEntries(
    Object.entries(env).filter(([, value]) => typeof value === 'string'),
  )
  return {
    ...secrets,
    TIMEZONE: 'UTC',
    IDEMPOTENCY: new MemoryKv(),
    DELIVERIES: new MemoryQueue(),
    DEAD_LETTERS: new MemoryQueue(),
    ...(live
      ? { ENERPIZE_BASE_URL: CANNED_BASE, ENERPIZE_API_KEY: 'cpu-key', ENERPIZE_MAX_RPS: '10000' }
      : {}),
  }
}

async function call(bindings, request) {
  const ctx = executionContext()
  const res = await app.fetch(request, bindings, ctx)
  await res.arrayBuffer()
  await ctx.settle()
  return res.status
}

function toRequest(built) {
  return new Request(`http://bridge.cpu${built.path}`, {
    method: built.method,
    headers: built.headers,
    ...(built.body === undefined ? {} : { body: built.body }),
  })
}

async function prepared(bindings, route, count, offset, people) {
  const context = {
    secrets: bindings,
    slackUser: 'UCPU',
    responseUrl: 'http://slack.response.cpu/commands',
    run: `c${String(Date.now() % 100_000)}`,
    ...(people === undefined ? {} : { people }),
  }
  const requests = []
  for (let n = 0; n < count; n++)
    requests.push(toRequest(await buildRequest(route, offset + n, context)))
  return requests
}

/** Links the Slack user the requests come from and fills the listing caches. */
async function warm(bindings) {
  const link = await buildRequest('slack', 0, {
    secrets: bindings,
    slackUser: 'UCPU',
    responseUrl: 'http://slack.response.cpu/commands',
    run: 'warm',
  })
  const body = new URLSearchParams(link.body)
  body.set('text', 'link amira@example.com')
  const text = body.toString()
  const { signSlack } = await import('../src/verify/sign')
  const headers = {
    ...link.headers,
    ...(await signSlack({ secret: bindings.SLACK_SIGNING_SECRET, body: text })),
  }
  await call(
    bindings,
    new Request('http://bridge.cpu/slack/commands', { method: 'POST', headers, body: text }),
  )
}

/**
 * Milliseconds per call over `requests`, the median of `rounds` rounds, and the KV calls and
 * queue sends each request made.
 */
async function timeRequests(bindings, requests, rounds) {
  const per = Math.floor(requests.length / rounds)
  const results = []
  const kv = bindings.IDEMPOTENCY
  const before = { reads: kv.reads, writes: kv.writes, sent: bindings.DELIVERIES.sent.length }
  for (let r = 0; r < rounds; r++) {
    const slice = requests.slice(r * per, (r + 1) * per)
    const started = performance.now()
    for (const request of slice) {
      const status = await call(bindings, request)
      if (status >= 400) throw new Error(`${request.url} answered ${String(status)}`)
    }
    results.push((performance.now() - started) / slice.length)
  }
  results.sort((a, b) => a - b)
  const calls = per * rounds
  return {
    msPerCall: results[Math.floor(results.length / 2)],
    rounds: results,
    kvReads: (kv.reads - before.reads) / calls,
    kvWrites: (kv.writes - before.writes) / calls,
    queueSends: (bindings.DELIVERIES.sent.length - before.sent) / calls,
  }
}

/** A spin of known size, to check that this runtime's clock runs during computation. */
function clockCheck() {
  const started = performance.now()
  let x = 0
  for (let i = 0; i < 20_000_000; i++) x = (x + i * 7) % 1_000_003
  return { spinMs: performance.now() - started, result: x }
}

async function measureRoute(env, route, iterations) {
  const bindings = bindingsFor(env, false)
  await warm(bindings)
  // A few untimed calls first, so compilation and caches are out of the way.
  for (const request of await prepared(bindings, route, 20, 1_000_000))
    await call(bindings, request)
  const requests = await prepared(bindings, route, iterations, 0)
  return { route, iterations, ...(await timeRequests(bindings, requests, 3)) }
}

const SCENARIOS = {
  'time entry (Slack)': { route: 'slack', clients: 0 },
  'new lead (Typeform), 100 clients in Enerpize': { route: 'typeform', clients: 100 },
  'new lead (Typeform), 1000 clients in Enerpize': { route: 'typeform', clients: 1000 },
  'returning lead (Typeform)': { route: 'typeform', clients: 100, people: 1 },
  'new booking (Calendly), 100 clients in Enerpize': { route: 'calendly', clients: 100 },
}

async function measureConsumer(env, name, iterations) {
  const scenario = SCENARIOS[name]
  if (scenario === undefined) throw new Error(`no scenario ${name}`)
  canned.setClients(scenario.clients)
  canned.created.clear()
  const bindings = bindingsFor(env, true)
  await warm(bindings)
  const total = iterations + 20
  for (const request of await prepared(bindings, scenario.route, total, 0, scenario.people)) {
    await call(bindings, request)
  }
  const jobs = bindings.DELIVERIES.sent.filter((job) => job.operations.length > 0)
  bindings.DELIVERIES.sent = []

  const batchOf = (job, n) => ({
    queue: 'enerpize-bridge-deliveries',
    messages: [
      {
        id: `m${String(n)}`,
        timestamp: new Date(),
        body: job,
        attempts: 1,
        ack: () => undefined,
        retry: () => undefined,
      },
    ],
    ackAll: () => undefined,
    retryAll: () => undefined,
  })
  const deliver = async (job, n) => {
    const ctx = executionContext()
    await handleQueue(batchOf(job, n), bindings, ctx)
    await ctx.settle()
  }
  for (let n = 0; n < 20; n++) await deliver(jobs[n], n)
  const timed = jobs.slice(20)
  const per = Math.floor(timed.length / 3)
  const rounds = []
  const kv = bindings.IDEMPOTENCY
  const before = { reads: kv.reads, writes: kv.writes, calls: canned.calls }
  for (let r = 0; r < 3; r++) {
    const started = performance.now()
    for (let n = r * per; n < (r + 1) * per; n++) await deliver(timed[n], n)
    rounds.push((performance.now() - started) / per)
  }
  rounds.sort((a, b) => a - b)
  const events = await bindings.IDEMPOTENCY.list({ prefix: 'events:' })
  const delivered = events.keys.filter((key) => key.metadata?.st === 'delivered').length
  const events3 = per * 3
  return {
    scenario: name,
    iterations: events3,
    msPerEvent: rounds[1],
    rounds,
    delivered,
    kvReads: (kv.reads - before.reads) / events3,
    kvWrites: (kv.writes - before.writes) / events3,
    enerpizeCalls: (canned.calls - before.calls) / events3,
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url)
    const iterations = Number(url.searchParams.get('iterations') ?? '300')
    try {
      if (url.pathname === '/clock') return Response.json(clockCheck())
      if (url.pathname === '/route') {
        return Response.json(await measureRoute(env, url.searchParams.get('name'), iterations))
      }
      if (url.pathname === '/consumer') {
        return Response.json(await measureConsumer(env, url.searchParams.get('name'), iterations))
      }
      if (url.pathname === '/scenarios') return Response.json(Object.keys(SCENARIOS))
      return new Response('not found', { status: 404 })
    } catch (error) {
      return Response.json({ error: String(error?.stack ?? error) }, { status: 500 })
    }
  },
}
