import { writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { format, resolveConfig } from 'prettier'
import type { Reporter, TestModule } from 'vitest/node'
import type { StandIn } from '../../bench/enerpize-stand-in'

/**
 * Turns what the reliability tests reported to the stand-in into one summary: load held, faults
 * survived, inputs tried, records lost and doubled. Printed at the end of the run and written to
 * `bench/reliability.md`, from where it goes into the README's "Reliability" section.
 */
export class SummaryReporter implements Reporter {
  readonly #standIn: StandIn
  readonly #output: string
  #started = Date.now()

  constructor(standIn: StandIn, output: string) {
    this.#standIn = standIn
    this.#output = output
  }

  onTestRunStart(): void {
    this.#started = Date.now()
  }

  async onTestRunEnd(modules: readonly TestModule[]): Promise<void> {
    const tests = modules.flatMap((m) => [...m.children.allTests()])
    const outcome = {
      passed: tests.filter((t) => t.result().state === 'passed').length,
      failed: tests.filter((t) => t.result().state === 'failed').length,
      skipped: tests.filter((t) => t.result().state === 'skipped').length,
    }
    const summary = renderSummary(this.#standIn.reports as Report[], {
      ...outcome,
      seconds: (Date.now() - this.#started) / 1000,
    })
    // Laid out as the project's Prettier settings would, so `npm run lint` accepts the file.
    const options = await resolveConfig(this.#output)
    const markdown = await format(summary, { ...options, filepath: this.#output })
    console.log(`\n${markdown}`)
    writeFileSync(this.#output, markdown)
    await this.#standIn.close()
  }
}

/** One result a test reported; `kind` says which table it belongs in. */
export type Report = Readonly<Record<string, unknown>> & {
  readonly kind: string
  readonly mode: string
}

interface RunFacts {
  readonly passed: number
  readonly failed: number
  readonly skipped: number
  readonly seconds: number
}

const num = (value: unknown): number => (typeof value === 'number' ? value : 0)
const text = (value: unknown): string =>
  typeof value === 'number' || typeof value === 'string' ? String(value) : '–'
const ms = (value: unknown): string =>
  typeof value === 'number' && Number.isFinite(value) ? `${value.toFixed(0)} ms` : '–'

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '_nothing was reported: the tests did not run._\n'
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n'
}

/** The summary as Markdown. */
export function renderSummary(reports: readonly Report[], run: RunFacts): string {
  const of = (kind: string) => reports.filter((r) => r.kind === kind)
  // KV first, the strict mode after it, whichever project happened to run first.
  const storms = of('storm').sort((a, b) => Number(a.mode !== 'kv') - Number(b.mode !== 'kv'))
  const faults = of('fault')
  const fuzz = of('fuzz')
  const burst = of('burst')
  const pressure = of('pressure')
  const races = of('race')

  // Every check that counts records: a missing record is lost, each extra one doubled.
  const counted = [...storms, ...burst, ...faults]
  const lost = counted.reduce((n, r) => n + num(r['lost'] ?? (num(r['records']) === 0 ? 1 : 0)), 0)
  const doubled = counted.reduce(
    (n, r) => n + num(r['doubled'] ?? Math.max(0, num(r['records']) - 1)),
    0,
  )
  const deliveries = storms.reduce((n, r) => n + num(r['deliveries']), 0)
  const burstEvents = burst.reduce((n, r) => n + num(r['events']), 0)
  const faultEvents = faults.reduce((n, r) => n + num(r['events']), 0)
  const inputs = fuzz.reduce((n, r) => n + num(r['inputs']), 0)
  const serverErrors = fuzz.reduce((n, r) => n + num(r['serverErrors']), 0)
  const fuzzWrites = fuzz.reduce((n, r) => n + num(r['writes']), 0)

  const out: string[] = []
  out.push('# Reliability run\n')
  out.push(
    `${new Date().toISOString().slice(0, 10)} · \`npm run test:reliability\` · ${String(cpus().length)} cores, ` +
      `${(totalmem() / 2 ** 30).toFixed(1)} GiB · Node ${process.version} · ` +
      `${String(run.passed)} passed, ${String(run.failed)} failed` +
      `${run.skipped > 0 ? `, ${String(run.skipped)} skipped` : ''} in ${run.seconds.toFixed(0)} s\n`,
  )
  out.push(
    'Inside workerd (the Worker with its real KV, Queues and Durable Object, as `wrangler dev` ' +
      'runs it) against an Enerpize stand-in on 127.0.0.1; `ENERPIZE_MAX_RPS` 40, ' +
      '`ENERPIZE_TIMEOUT_MS` 1500, `DELIVERY_MAX_ATTEMPTS` 4.\n',
  )
  out.push('## In short\n')
  out.push(
    table(
      ['', ''],
      [
        ['records lost', String(lost)],
        ['records doubled', String(doubled)],
        [
          'load held',
          `${String(deliveries)} duplicate deliveries in ${String(storms.length)} storms; a burst of ${String(burstEvents)} distinct events`,
        ],
        [
          'faults survived',
          `${String(faults.length)} fault plans over ${String(faultEvents)} events`,
        ],
        [
          'inputs tried',
          `${String(inputs)} generated inputs: ${String(serverErrors)} answered 5xx, ${String(fuzzWrites)} wrote to Enerpize`,
        ],
      ],
    ),
  )

  out.push('## Duplicate storms\n')
  out.push(
    'Each event is delivered 50 times, all at once or one after another; the claim must let one ' +
      'through and answer the rest as repeats.\n',
  )
  out.push(
    table(
      ['claims', 'source', 'deliveries', 'taken in', 'refused', 'Enerpize records', 'answer p99'],
      storms.map((r) => [
        text(r.mode),
        text(r['source']),
        `${text(r['deliveries'])} ${text(r['pattern'])}`,
        r['accepted'] === null ? 'same page either way' : text(r['accepted']),
        text(r['refused']),
        text(r['records']),
        ms(r['ackP99']),
      ]),
    ),
  )

  out.push('## Enerpize faults\n')
  out.push(
    'Every event must end delivered exactly once, or refused / dead-lettered with the reason on ' +
      'the event; anything else is lost.\n',
  )
  out.push(
    table(
      [
        'fault',
        'events',
        'failures served',
        'delivered once',
        'refused or dead, with reason',
        'lost',
        'doubled',
      ],
      faults.map((r) => [
        r['shortestRetryAfterGap'] === undefined
          ? text(r['fault'])
          : `${text(r['fault'])} (next attempt after ${ms(r['shortestRetryAfterGap'])} or more)`,
        text(r['events']),
        text(r['injected']),
        text(r['delivered']),
        text(r['stopped']),
        text(r['lost']),
        text(r['doubled']),
      ]),
    ),
  )

  out.push('## Burst and outbound pressure\n')
  out.push(
    table(
      ['source', 'events', 'answer p50', 'answer p99', 'slowest', 'limit', 'delivered once'],
      burst.map((r) => [
        text(r['source']),
        text(r['events']),
        ms(r['ackP50']),
        ms(r['ackP99']),
        ms(r['ackMax']),
        ms(r['limit']),
        text(r['delivered']),
      ]),
    ),
  )
  out.push(
    table(
      ['Enerpize calls', 'over', 'busiest second', 'allowed (ENERPIZE_MAX_RPS)', '429 answers'],
      pressure.map((r) => [
        text(r['calls']),
        `${num(r['seconds']).toFixed(1)} s`,
        text(r['peak']),
        text(r['maxRps']),
        text(r['throttled']),
      ]),
    ),
  )

  out.push('## Bad input\n')
  out.push(
    'Generated with fast-check: unsigned and forged requests, signed garbage, signed payloads ' +
      'with fields removed or replaced, and the parsers on their own.\n',
  )
  out.push(
    table(
      ['target', 'inputs', '5xx', 'Enerpize writes'],
      fuzz.map((r) => [
        text(r['target']),
        text(r['inputs']),
        text(r['serverErrors']),
        text(r['writes']),
      ]),
    ),
  )

  out.push('## Claims made at the same moment by different isolates\n')
  out.push(
    'Fifty claims of one key with nothing serialising them, as when deliveries of one event reach ' +
      'different isolates (see the README, "What the KV claim cannot stop").\n',
  )
  out.push(
    table(
      ['store', 'keys', 'claims per key', 'winners per key (min–max)', 'keys with more than one'],
      races.map((r) => {
        const winners = Array.isArray(r['winners']) ? (r['winners'] as number[]) : []
        return [
          text(r['store']),
          String(winners.length),
          text(r['claimsPerKey']),
          `${String(Math.min(...winners))}–${String(Math.max(...winners))}`,
          String(winners.filter((w) => w > 1).length),
        ]
      }),
    ),
  )
  return out.join('\n')
}
