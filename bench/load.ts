import { acknowledged, type BenchRequest } from './requests'

/** A request unanswered after this long counts as failed (status 0), so no run can hang. */
const REQUEST_TIMEOUT_MS = 30_000

/** What one closed-loop run measured. */
export interface LoadRun {
  readonly requests: number
  readonly concurrency: number
  /** Answers other than the route's acknowledgement, by status (0: no answer). */
  readonly failures: Readonly<Record<string, number>>
  readonly p50: number
  readonly p99: number
  readonly mean: number
  /** Requests answered per second over the run. */
  readonly throughput: number
  readonly wallMs: number
  /** When each request was sent (epoch ms with a fraction), by marker. */
  readonly sentAt: ReadonlyMap<string, number>
}

/** The clock the stand-in stamps arrivals with, so send and arrival times compare. */
export function now(): number {
  return performance.timeOrigin + performance.now()
}

/** Percentile `p` (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] ?? Number.NaN
}

/**
 * Sends every request in `requests` to `origin`, keeping `concurrency` in flight (each client
 * sends its next request as soon as its last is answered), and times each answer in full. The
 * run ends when the list is exhausted.
 */
export async function runLoad(
  origin: string,
  requests: readonly BenchRequest[],
  concurrency: number,
): Promise<LoadRun> {
  const latencies: number[] = []
  const failures: Record<string, number> = {}
  const sentAt = new Map<string, number>()
  let next = 0

  async function client(): Promise<void> {
    for (;;) {
      const request = requests[next]
      next += 1
      if (request === undefined) return
      const started = now()
      sentAt.set(request.marker, started)
      let status: number
      try {
        const res = await fetch(origin + request.path, {
          method: request.method,
          headers: request.headers,
          ...(request.body === undefined
            ? {}
            : {
                body: typeof request.body === 'string' ? request.body : Buffer.from(request.body),
              }),
          redirect: 'manual',
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        })
        await res.arrayBuffer()
        status = res.status
      } catch {
        status = 0
      }
      latencies.push(now() - started)
      if (!acknowledged(request.route, status)) {
        failures[String(status)] = (failures[String(status)] ?? 0) + 1
      }
    }
  }

  const started = now()
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, client))
  const wallMs = now() - started
  return {
    requests: requests.length,
    concurrency,
    failures,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    throughput: (requests.length / wallMs) * 1000,
    wallMs,
    sentAt,
  }
}
