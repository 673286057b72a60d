import type { BenchResults } from './results'

/** `bench/results.md`, written from the results of one run. */

const ms = (value: number) =>
  Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 0)} ms` : '–'
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–')
const rate = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '–')
const count = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–')
/** A count in prose: whole numbers without a decimal. */
const some = (value: number) =>
  Number.isInteger(value) ? String(value) : Number.isFinite(value) ? value.toFixed(1) : '–'

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

/** Words as one line of Markdown: Prettier keeps prose lines as they are written. */
function line(...words: readonly string[]): string {
  return words.join(' ')
}

function verdict(met: boolean): string {
  return met ? 'met' : '**not met**'
}

/** The CPU limit of one invocation on the Workers Free plan. */
const FREE_PLAN_CPU_MS = 10
/** `max_batch_size` of the deliveries queue in wrangler.toml. */
const BATCH = 50

/** The results as Markdown. */
export function renderResults(results: BenchResults): string {
  const { machine, cpu, bundle, settings } = results
  const at50 = results.acks.filter((a) => a.concurrency === 50 && a.route !== 'ping')
  const worstRatio = Math.max(...at50.map((a) => a.ratioP99))
  const eventCpu = cpu.routes.filter((r) => r.route !== 'ping')
  const worstCpu = Math.max(...eventCpu.map((r) => r.msPerCall))
  const slowestFlow = Math.min(...results.endToEnd.map((e) => e.eventsPerSecond))
  const failures = results.acks.reduce(
    (n, a) => n + Object.values(a.failures).reduce((m, k) => m + k, 0),
    0,
  )
  const slack = cpu.routes.find((r) => r.route === 'slack')
  const ping = cpu.routes.find((r) => r.route === 'ping')
  const pingAck = results.acks.find((a) => a.route === 'ping' && a.concurrency === 1)
  const slackAck = results.acks.find((a) => a.route === 'slack' && a.concurrency === 1)
  const cheapest = cpu.consumer.reduce(
    (low, c) => (c.msPerEvent < low.msPerEvent ? c : low),
    cpu.consumer[0] ?? { scenario: '', msPerEvent: Number.NaN },
  )
  const eventsPerInvocation = Math.max(1, Math.floor(FREE_PLAN_CPU_MS / cheapest.msPerEvent))

  return `# Benchmark results

${line(
  `${results.date.slice(0, 10)} · \`${results.command}\` · ${results.seconds.toFixed(0)} s ·`,
  `${String(machine.cores)} cores (${machine.cpuModel}), ${machine.memoryGiB.toFixed(1)} GiB ·`,
  `Node ${machine.node} · wrangler ${machine.wrangler} · load average`,
  `${machine.loadBefore.toFixed(2)} before, ${machine.loadAfter.toFixed(2)} after (above 0,`,
  'other work shared the machine).',
)}

${line(
  "The bridge's deployable build ran under `wrangler dev` on 127.0.0.1 (local KV, Queues and",
  'Durable Objects), with the local secrets of `.dev.vars.example` and an Enerpize stand-in on',
  `127.0.0.1 (\`bench/enerpize-stand-in.ts\`), \`ENERPIZE_MAX_RPS\` ${settings['ENERPIZE_MAX_RPS'] ?? '?'}.`,
  'Load came from the same machine over loopback. These are figures for this machine and the',
  'local runtime, for comparing one change with another; Cloudflare answers from many machines',
  'at once, with its own KV and Queues.',
)}

![Acknowledgement ratio, CPU time and end-to-end latency](chart.svg)

## Against the targets

${table(
  ['target (DESIGN.md)', 'measured', ''],
  [
    [
      'acknowledgement p99 at most 1.25× a bare route, 50 concurrent',
      at50.map((a) => `${a.route} ${times(a.ratioP99)}`).join(', '),
      verdict(worstRatio <= 1.25),
    ],
    [
      'at most 1 ms of Worker CPU per verified event',
      eventCpu.map((r) => `${r.route} ${ms(r.msPerCall)}`).join(', '),
      verdict(worstCpu <= 1),
    ],
    [
      'at least 250 events per second, request to Enerpize record',
      results.endToEnd.map((e) => `${e.source} ${rate(e.eventsPerSecond)}/s`).join(', '),
      verdict(slowestFlow >= 250),
    ],
    [
      'deployed bundle at most 100 KB gzip',
      `${bundle.gzipKiB.toFixed(1)} KiB (${bundle.unminifiedGzipKiB.toFixed(1)} KiB unminified)`,
      verdict(bundle.gzipKiB <= 100),
    ],
    ['zero records lost or doubled', 'see `bench/reliability.md`', ''],
  ],
)}

## Reading the figures

- ${line(
    '**Acknowledgements wait on KV, not on CPU.** Answering a Slack command takes',
    `${ms(slack?.msPerCall ?? Number.NaN)} of CPU against ${ms(ping?.msPerCall ?? Number.NaN)} for`,
    `\`/ping\`, yet ${ms(slackAck?.p50 ?? Number.NaN)} at the median against`,
    `${ms(pingAck?.p50 ?? Number.NaN)} with one client: it makes`,
    `${some(slack?.kvReads ?? Number.NaN)} KV reads, ${some(slack?.kvWrites ?? Number.NaN)} KV`,
    `writes and ${some(slack?.queueSends ?? Number.NaN)} queue send, partly one after another (the`,
    "claim's read, then its write, then the event record, then the queue), and each is a round",
    'trip to the local KV store. Under load those round trips queue up in the one local store,',
    'which is where the ratio to `/ping` comes from.',
  )}
- ${line(
    '**End to end, the local queue sets the pace.** Events wait in the queue while the consumer',
    'delivers them at the rate in the "delivered/s" column; each delivery reads and writes the',
    'event record in KV around its Enerpize calls (see the consumer table).',
  )}
- ${line(
    "**The consumer's CPU per batch is what runs into the free plan's limit.** The CPU limit",
    `applies to each queue invocation, which delivers up to ${String(BATCH)} events at once: even`,
    `the cheapest case here, ${cheapest.scenario} at ${ms(cheapest.msPerEvent)} per event, fits`,
    `about ${String(eventsPerInvocation)} events into ${String(FREE_PLAN_CPU_MS)} ms. A new lead`,
    'costs more the more clients the account has, because the bridge pages through every client',
    'to look the e-mail up.',
  )}

## Acknowledgement latency

${line(
  'Each client sends its next request as soon as its last is answered; the time is from sending',
  'to reading the whole answer. `/ping` ran before and after the three routes at each',
  'concurrency, and the ratios divide by the mean of the two. Typeform and Calendly deliveries',
  `come from ${settings['people'] ?? '?'} returning people; every Slack command is a new entry.`,
  `The queue was drained between runs. ${String(failures)} answers were something other than`,
  "the route's acknowledgement.",
)}

${table(
  ['clients', 'route', 'requests', 'p50', 'p99', 'requests/s', 'p50 ÷ ping', 'p99 ÷ ping'],
  results.acks.map((a) => [
    String(a.concurrency),
    a.route === 'ping' ? '`GET /ping`' : a.route,
    String(a.requests),
    ms(a.p50),
    ms(a.p99),
    rate(a.throughput),
    a.route === 'ping' ? '' : times(a.ratioP50),
    a.route === 'ping' ? '' : times(a.ratioP99),
  ]),
)}

## From request to Enerpize record

${line(
  'New events only (a new entry, a new lead, a new booking), 50 clients at once. The stand-in',
  'notes when each create arrives; it is matched to the request that caused it by a marker in',
  'the record.',
)}

${table(
  [
    'source',
    'record',
    'events',
    'delivered',
    'p50',
    'p99',
    'events/s end to end',
    'acknowledged/s',
    'delivered/s',
    'Enerpize calls per event',
  ],
  results.endToEnd.map((e) => [
    e.source,
    `\`${e.record}\``,
    String(e.events),
    String(e.delivered),
    ms(e.p50),
    ms(e.p99),
    rate(e.eventsPerSecond),
    rate(e.acceptedPerSecond),
    rate(e.deliveredPerSecond),
    e.callsPerEvent.toFixed(1),
  ]),
)}

${line(
  'When events are acknowledged faster than they are delivered, they wait in the queue, and the',
  'latency is mostly that wait: it grows with the length of the run, not with the work per',
  'event.',
)}

## Worker CPU time

${table(
  ['answering a request', 'CPU per request', 'KV reads', 'KV writes', 'queue sends'],
  cpu.routes.map((r) => [
    r.route === 'ping' ? '`GET /ping`' : r.route,
    ms(r.msPerCall),
    count(r.kvReads),
    count(r.kvWrites),
    count(r.queueSends),
  ]),
)}

${table(
  [
    'delivering one event (queue consumer)',
    'CPU per event',
    `a batch of ${String(BATCH)}`,
    'KV reads',
    'KV writes',
    'Enerpize calls',
  ],
  cpu.consumer.map((c) => [
    c.scenario,
    ms(c.msPerEvent),
    ms(c.msPerEvent * BATCH),
    count(c.kvReads),
    count(c.kvWrites),
    count(c.enerpizeCalls),
  ]),
)}

${line(
  "How: `bench/cpu-worker.mjs` runs inside workerd (its own `wrangler dev`), imports the bridge's",
  `app and queue consumer, and times ${settings['cpuIterations'] ?? '?'} calls of \`app.fetch\``,
  'per route (150 deliveries per consumer case, 60 for the largest) with `performance.now()`,',
  'the median of three rounds, after untimed warm-up calls. Requests are signed and built',
  'before the clock starts. KV, the queue and Enerpize are in-memory stand-ins inside the same',
  'isolate, so nothing in the timed loop waits on I/O: the elapsed time is computation, which is',
  'what Workers bills as CPU time (waiting for KV or Enerpize is not). Deployed Workers stop',
  'their clocks between I/O; workerd under `wrangler dev` lets them run but reads them to the',
  'millisecond, which is why each figure is a mean over a hundred calls rather than one call',
  `timed alone. Check: a fixed spin took ${ms(cpu.clock.workerdMs)} by workerd's clock,`,
  `${ms(cpu.clock.processMs)} of the workerd process's CPU time (from \`/proc\`), and`,
  `${ms(cpu.clock.nodeMs)} in Node. The stand-ins count the KV calls and queue sends each`,
  "request makes: in production each is a round trip. The consumer's figures include parsing",
  'every page of clients Enerpize returns while the bridge looks a new e-mail up (Enerpize',
  'documents no e-mail filter).',
)}

## Bundle

${line(
  `\`wrangler deploy --dry-run --outdir <tmp>\`: **${bundle.totalKiB.toFixed(1)} KiB,`,
  `${bundle.gzipKiB.toFixed(1)} KiB gzip** as wrangler.toml builds it, the build the runs above`,
  `served; ${bundle.unminifiedTotalKiB.toFixed(1)} KiB, ${bundle.unminifiedGzipKiB.toFixed(1)}`,
  'KiB gzip with `--no-minify`.',
)}

${table(
  ['largest parts', 'size in the bundle'],
  bundle.largest.map((b) => [b.name, `${b.kib.toFixed(1)} KiB`]),
)}
`
}
