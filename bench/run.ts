/**
 * `npm run bench`: the bridge's benchmark, on loopback only.
 *
 * Starts an Enerpize stand-in (a Node server on 127.0.0.1) and the bridge under `wrangler dev`
 * (free ports, a temporary `--persist-to`, the local secrets of `.dev.vars.example`), then:
 *
 * 1. acknowledgement latency and throughput of a Slack command, a Typeform delivery and a
 *    Calendly delivery at 1, 10 and 50 concurrent clients, each against `GET /ping` (a bare
 *    route of the same Worker) measured in the same run;
 * 2. event-to-Enerpize latency through the queue: each create the stand-in receives is matched
 *    to the request that caused it;
 * 3. the Worker's own CPU time per request and per delivered event, timed inside workerd by a
 *    second `wrangler dev` running `bench/cpu-worker.mjs`;
 * 4. the bundle size `wrangler deploy --dry-run` reports; that build is what phases 1 and 2
 *    serve, so an edit to the sources while the benchmark runs changes nothing.
 *
 * Results go to `bench/results.md`, `bench/chart.svg` and `bench/results/latest.json`. Every
 * loop is bounded; the run takes a few minutes.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { renderChart } from './chart'
import { startEnerpizeStandIn, type StandIn } from './enerpize-stand-in'
import { now, percentile, runLoad, type LoadRun } from './load'
import { renderResults } from './report'
import { buildRequest, type BenchRequest, type BenchRoute, type RequestContext } from './requests'
import type {
  AckResult,
  BenchResults,
  BundleResult,
  ConsumerCpu,
  CpuResults,
  EndToEndResult,
  RouteCpu,
} from './results'
import { cpuSeconds, startWranglerDev, stopAll, type DevServer } from './wrangler-dev'

const API_KEY = 'bench-enerpize-key'
/** The outbound rate the consumer keeps to during the run (`ENERPIZE_MAX_RPS`). */
const MAX_RPS = '1000'
const CONCURRENCY = [1, 10, 50] as const
/** Requests per run, by concurrency: enough for a stable p99, few enough to stay quick. */
const REQUESTS: Readonly<Record<(typeof CONCURRENCY)[number], number>> = {
  1: 200,
  10: 600,
  50: 1500,
}
const ACK_ROUTES: readonly BenchRoute[] = ['slack', 'typeform', 'calendly']
/** Forms and bookings in the acknowledgement runs come from this many people, again and again. */
const PEOPLE = 100
const END_TO_END: readonly { source: BenchRoute; events: number; create: string }[] = [
  { source: 'slack', events: 1000, create: '/time_tracking.json' },
  { source: 'typeform', events: 300, create: '/clients.json' },
  { source: 'calendly', events: 200, create: '/client_appointments.json' },
]
const CPU_ITERATIONS = 300
const CONSUMER_ITERATIONS: Readonly<Record<string, number>> = {
  'new lead (Typeform), 1000 clients in Enerpize': 60,
}

function readEnvFile(path: string): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line)
    if (match?.[1] !== undefined && match[2] !== undefined) vars[match[1]] = match[2]
  }
  return vars
}

/** Markdown as the project's Prettier settings lay it out, so `npm run lint` accepts it. */
async function formatted(path: string, markdown: string): Promise<string> {
  const options = await resolveConfig(path)
  return format(markdown, { ...options, filepath: path })
}

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`)
}

/** Waits until the stand-in has had no API call for a second and a half: the queue is empty. */
async function drained(standIn: StandIn, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  await new Promise((resolve) => setTimeout(resolve, 1500))
  for (;;) {
    const last = standIn.calls.at(-1)?.at ?? 0
    if (now() - last > 1500) return
    if (Date.now() > deadline) throw new Error('the queue never drained')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

async function requestsFor(
  route: BenchRoute,
  count: number,
  context: RequestContext,
): Promise<BenchRequest[]> {
  const requests: BenchRequest[] = []
  for (let n = 0; n < count; n++) requests.push(await buildRequest(route, n, context))
  return requests
}

async function linkSlackUser(origin: string, context: RequestContext): Promise<void> {
  const request = await buildRequest('slack', 0, context)
  const { signSlack } = await import('../src/verify/sign')
  const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '')
  form.set('text', 'link amira@example.com')
  const body = form.toString()
  const res = await fetch(origin + request.path, {
    method: 'POST',
    headers: {
      ...request.headers,
      ...(await signSlack({ secret: context.secrets['SLACK_SIGNING_SECRET'] ?? '', body })),
    },
    body,
  })
  const text = await res.text()
  if (!text.includes('Linked you to')) throw new Error(`could not link the Slack user: ${text}`)
}

/** Phase 1: acknowledgements, against `/ping` at each concurrency. */
async function measureAcks(
  dev: DevServer,
  standIn: StandIn,
  base: RequestContext,
): Promise<AckResult[]> {
  const results: AckResult[] = []
  for (const concurrency of CONCURRENCY) {
    const count = REQUESTS[concurrency]
    const runs = new Map<BenchRoute, LoadRun>()
    // `/ping` before and after the routes; its figures are the mean of the two runs.
    const pings: LoadRun[] = []
    pings.push(await runLoad(dev.origin, await requestsFor('ping', count, base), concurrency))
    for (const route of ACK_ROUTES) {
      const context = { ...base, run: `${base.run}a${String(concurrency)}`, people: PEOPLE }
      const requests = await requestsFor(route, count, context)
      runs.set(route, await runLoad(dev.origin, requests, concurrency))
      log(`${route} at ${String(concurrency)}: p99 ${runs.get(route)?.p99.toFixed(1) ?? '?'} ms`)
      await drained(standIn)
    }
    pings.push(await runLoad(dev.origin, await requestsFor('ping', count, base), concurrency))
    const ping = {
      p50: (pings[0]?.p50 ?? 0) / 2 + (pings[1]?.p50 ?? 0) / 2,
      p99: (pings[0]?.p99 ?? 0) / 2 + (pings[1]?.p99 ?? 0) / 2,
      throughput: (pings[0]?.throughput ?? 0) / 2 + (pings[1]?.throughput ?? 0) / 2,
      failures: { ...pings[0]?.failures, ...pings[1]?.failures },
    }
    results.push({
      route: 'ping',
      concurrency,
      requests: count * 2,
      ...ping,
      ratioP50: 1,
      ratioP99: 1,
    })
    for (const [route, run] of runs) {
      results.push({
        route,
        concurrency,
        requests: run.requests,
        p50: run.p50,
        p99: run.p99,
        throughput: run.throughput,
        failures: run.failures,
        ratioP50: run.p50 / ping.p50,
        ratioP99: run.p99 / ping.p99,
      })
    }
  }
  return results
}

/** Phase 2: from each request to the create it leads to, through the queue. */
async function measureEndToEnd(
  dev: DevServer,
  standIn: StandIn,
  base: RequestContext,
): Promise<EndToEndResult[]> {
  const results: EndToEndResult[] = []
  for (const { source, events, create } of END_TO_END) {
    const context = { ...base, run: `${base.run}e` }
    const requests = await requestsFor(source, events, context)
    const firstCall = standIn.calls.length
    const load = await runLoad(dev.origin, requests, 50)

    // Bounded: every create arrives, or the wait ends and the missing ones count as such.
    // Markers are `b<run><source>` and a number, so each create names its request.
    const marker = new RegExp(`b${context.run}${source.slice(0, 3)}\\d+`)
    const deadline = Date.now() + 180_000
    const arrived = new Map<string, number>()
    let seen = firstCall
    while (arrived.size < events && Date.now() < deadline) {
      for (const call of standIn.calls.slice(seen)) {
        seen += 1
        if (call.method !== 'POST' || call.path !== create || call.status !== 202) continue
        const found = marker.exec(call.body)?.[0]
        if (found !== undefined && load.sentAt.has(found) && !arrived.has(found)) {
          arrived.set(found, call.at)
        }
      }
      if (arrived.size < events) await new Promise((resolve) => setTimeout(resolve, 500))
    }
    await drained(standIn)

    const latencies = [...arrived].map(([marker, at]) => at - (load.sentAt.get(marker) ?? at))
    const firstSent = Math.min(...load.sentAt.values())
    const firstArrival = Math.min(...arrived.values())
    const lastArrival = Math.max(...arrived.values())
    results.push({
      source,
      record: `POST ${create}`,
      events,
      delivered: arrived.size,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      eventsPerSecond: (arrived.size / (lastArrival - firstSent)) * 1000,
      acceptedPerSecond: load.throughput,
      deliveredPerSecond: (arrived.size / Math.max(1, lastArrival - firstArrival)) * 1000,
      callsPerEvent: (standIn.calls.length - firstCall) / events,
    })
    log(`${source} end to end: p99 ${percentile(latencies, 99).toFixed(0)} ms`)
  }
  return results
}

interface CpuReply {
  readonly msPerCall?: number
  readonly msPerEvent?: number
  readonly spinMs?: number
  readonly kvReads?: number
  readonly kvWrites?: number
  readonly queueSends?: number
  readonly enerpizeCalls?: number
  readonly error?: string
}

async function ask(dev: DevServer, path: string): Promise<CpuReply> {
  const res = await fetch(dev.origin + path)
  const reply = (await res.json()) as CpuReply
  if (!res.ok || reply.error !== undefined) {
    throw new Error(`CPU timer ${path}: ${reply.error ?? String(res.status)}`)
  }
  return reply
}

/** The same spin as the CPU timer's clock check, in Node. */
function spinInNode(): number {
  const started = performance.now()
  let x = 0
  for (let i = 0; i < 20_000_000; i++) x = (x + i * 7) % 1_000_003
  if (x < 0) console.log(x)
  return performance.now() - started
}

/** Phase 3: the Worker's own CPU time, inside workerd. */
async function measureCpu(envFile: string, persistTo: string): Promise<CpuResults> {
  const dev = await startWranglerDev({
    config: 'bench/cpu.wrangler.toml',
    envFile,
    vars: {},
    persistTo,
    logDir: join(persistTo, 'logs'),
  })
  try {
    // The clock check: workerd's clock against the process's CPU time over the same spin.
    await ask(dev, '/clock')
    const before = cpuSeconds(dev.workerdPids())
    const clock = await ask(dev, '/clock')
    const processMs = (cpuSeconds(dev.workerdPids()) - before) * 1000
    const routes: RouteCpu[] = []
    for (const route of [
      'ping',
      ...ACK_ROUTES,
      'tally',
      'webflow',
      'webhook',
      'jotform',
      'html',
      'calcom',
    ] as const) {
      const reply = await ask(dev, `/route?name=${route}&iterations=${String(CPU_ITERATIONS)}`)
      routes.push({
        route,
        msPerCall: reply.msPerCall ?? Number.NaN,
        kvReads: reply.kvReads ?? Number.NaN,
        kvWrites: reply.kvWrites ?? Number.NaN,
        queueSends: reply.queueSends ?? Number.NaN,
      })
      log(`CPU ${route}: ${(reply.msPerCall ?? 0).toFixed(2)} ms`)
    }
    const scenarios = (await (await fetch(`${dev.origin}/scenarios`)).json()) as string[]
    const consumer: ConsumerCpu[] = []
    for (const scenario of scenarios) {
      const iterations = CONSUMER_ITERATIONS[scenario] ?? 150
      const reply = await ask(
        dev,
        `/consumer?name=${encodeURIComponent(scenario)}&iterations=${String(iterations)}`,
      )
      consumer.push({
        scenario,
        msPerEvent: reply.msPerEvent ?? Number.NaN,
        kvReads: reply.kvReads ?? Number.NaN,
        kvWrites: reply.kvWrites ?? Number.NaN,
        enerpizeCalls: reply.enerpizeCalls ?? Number.NaN,
      })
      log(`CPU consumer, ${scenario}: ${(reply.msPerEvent ?? 0).toFixed(2)} ms`)
    }
    return {
      clock: { workerdMs: clock.spinMs ?? Number.NaN, processMs, nodeMs: spinInNode() },
      routes,
      consumer,
    }
  } finally {
    await dev.stop()
  }
}

/**
 * What `wrangler deploy --dry-run` would upload, as wrangler.toml builds it and without
 * minification. The configured build is also what the benchmark then serves.
 */
function measureBundle(dir: string): BundleResult {
  const env = {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_HIDE_BANNER: 'true',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    NO_COLOR: '1',
  }
  const build = (outdir: string, minify: boolean) => {
    const output = execFileSync(
      'node_modules/.bin/wrangler',
      ['deploy', '--dry-run', '--outdir', outdir, '--metafile', ...(minify ? [] : ['--no-minify'])],
      { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const match = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output)
    if (!match) throw new Error(`no size in wrangler's output:\n${output}`)
    return { total: Number(match[1]), gzip: Number(match[2]) }
  }
  const configured = build(join(dir, 'configured'), true)
  const unminified = build(join(dir, 'unminified'), false)

  // Which inputs fill the bundle, by package (or by folder of the bridge's own code).
  const meta = JSON.parse(readFileSync(join(dir, 'configured', 'bundle-meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs?: Record<string, { bytesInOutput: number }> }>
  }
  const inputs = Object.entries(meta.outputs).find(([name]) => name.endsWith('index.js'))?.[1]
  const sizes = new Map<string, number>()
  for (const [file, { bytesInOutput }] of Object.entries(inputs?.inputs ?? {})) {
    const tail = file.split('node_modules/').at(-1) ?? file
    const name = file.includes('node_modules/')
      ? tail
          .split('/')
          .slice(0, tail.startsWith('@') ? 2 : 1)
          .join('/')
      : `${file.split('/').slice(0, 2).join('/')} (bridge)`
    sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput)
  }
  return {
    totalKiB: configured.total,
    gzipKiB: configured.gzip,
    unminifiedTotalKiB: unminified.total,
    unminifiedGzipKiB: unminified.gzip,
    largest: [...sizes]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, bytes]) => ({ name, kib: bytes / 1024 })),
  }
}

async function main(): Promise<void> {
  const started = Date.now()
  const loadBefore = loadavg()[0] ?? 0
  const dir = mkdtempSync(join(tmpdir(), 'enerpize-bench-'))
  const envFile = join(dir, 'env')
  copyFileSync('.dev.vars.example', envFile)
  const secrets = readEnvFile(envFile)
  const standIn = await startEnerpizeStandIn({ apiKey: API_KEY })
  const settings = {
    ENERPIZE_BASE_URL: standIn.baseUrl,
    ENERPIZE_API_KEY: API_KEY,
    ENERPIZE_MAX_RPS: MAX_RPS,
  }
  let dev: DevServer | undefined

  try {
    // The build first: the benchmark serves exactly what `wrangler deploy` would upload.
    log('bundle size')
    const bundle = measureBundle(join(dir, 'bundle'))
    log('starting wrangler dev')
    dev = await startWranglerDev({
      script: join(dir, 'bundle', 'configured', 'index.js'),
      envFile,
      vars: settings,
      persistTo: join(dir, 'state'),
      logDir: join(dir, 'logs'),
    })
    const base: RequestContext = {
      secrets,
      slackUser: 'UBENCH',
      responseUrl: `${standIn.origin}/slack-response`,
      run: Date.now().toString(36),
    }
    await linkSlackUser(dev.origin, base)
    // Warm-up, untimed: compilation, caches, the first clients.
    for (const route of ['ping', ...ACK_ROUTES] as const) {
      await runLoad(
        dev.origin,
        await requestsFor(route, 100, { ...base, run: `${base.run}w`, people: PEOPLE }),
        10,
      )
    }
    await drained(standIn)

    log('acknowledgements')
    const acks = await measureAcks(dev, standIn, base)
    log('end to end')
    const endToEnd = await measureEndToEnd(dev, standIn, base)
    await dev.stop()
    dev = undefined

    log('CPU time')
    const cpu = await measureCpu(envFile, join(dir, 'cpu-state'))

    const results: BenchResults = {
      date: new Date().toISOString(),
      command: 'npm run bench',
      seconds: (Date.now() - started) / 1000,
      machine: {
        cores: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        memoryGiB: totalmem() / 2 ** 30,
        node: process.version,
        wrangler: execFileSync('node_modules/.bin/wrangler', ['--version'], {
          encoding: 'utf8',
          env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true' },
        }).trim(),
        loadBefore,
        loadAfter: loadavg()[0] ?? 0,
      },
      settings: {
        ENERPIZE_MAX_RPS: MAX_RPS,
        ENERPIZE_BASE_URL: 'the stand-in on 127.0.0.1',
        people: String(PEOPLE),
        cpuIterations: String(CPU_ITERATIONS),
      },
      acks,
      endToEnd,
      cpu,
      bundle,
    }
    mkdirSync('bench/results', { recursive: true })
    writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`)
    writeFileSync('bench/results.md', await formatted('bench/results.md', renderResults(results)))
    writeFileSync('bench/chart.svg', renderChart(results))
    log(`done in ${results.seconds.toFixed(0)} s: bench/results.md, bench/chart.svg`)
  } finally {
    await dev?.stop()
    await standIn.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

// Interrupted: wrangler leads its own process group, so it is stopped here, not by the signal.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
  })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
