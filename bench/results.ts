import type { BenchRoute } from './requests'

/** Everything one `npm run bench` measured; kept as `bench/results/latest.json`. */
export interface BenchResults {
  readonly date: string
  readonly command: string
  readonly seconds: number
  readonly machine: Machine
  /** Settings the bridge ran with, besides the local secrets of `.dev.vars.example`. */
  readonly settings: Readonly<Record<string, string>>
  readonly acks: readonly AckResult[]
  readonly endToEnd: readonly EndToEndResult[]
  readonly cpu: CpuResults
  readonly bundle: BundleResult
}

export interface Machine {
  readonly cores: number
  readonly cpuModel: string
  readonly memoryGiB: number
  readonly node: string
  readonly wrangler: string
  /** 1-minute load average before and after the run: other work on the machine. */
  readonly loadBefore: number
  readonly loadAfter: number
}

/** One route at one concurrency, over HTTP through `wrangler dev`. */
export interface AckResult {
  readonly route: BenchRoute
  readonly concurrency: number
  readonly requests: number
  readonly p50: number
  readonly p99: number
  readonly throughput: number
  /** Answers other than the acknowledgement, by status. */
  readonly failures: Readonly<Record<string, number>>
  /** This route's figure divided by `/ping`'s at the same concurrency, same run. */
  readonly ratioP50: number
  readonly ratioP99: number
}

/** From sending an event to the stand-in receiving the create it leads to. */
export interface EndToEndResult {
  readonly source: string
  /** What arrives at Enerpize last for one event of this source. */
  readonly record: string
  readonly events: number
  readonly delivered: number
  readonly p50: number
  readonly p99: number
  /** Events delivered per second, first send to last arrival. */
  readonly eventsPerSecond: number
  /** Events the bridge acknowledged per second while they were being sent. */
  readonly acceptedPerSecond: number
  /** Events delivered per second, first arrival to last: the consumer's own pace. */
  readonly deliveredPerSecond: number
  /** Enerpize calls per event the stand-in received. */
  readonly callsPerEvent: number
}

export interface CpuResults {
  /** A fixed spin: workerd's clock, the workerd process's CPU time, and Node's clock. */
  readonly clock: {
    readonly workerdMs: number
    readonly processMs: number
    readonly nodeMs: number
  }
  readonly routes: readonly RouteCpu[]
  readonly consumer: readonly ConsumerCpu[]
}

/** Answering one request: CPU, and the round trips it would make to KV and the queue. */
export interface RouteCpu {
  readonly route: BenchRoute
  readonly msPerCall: number
  readonly kvReads: number
  readonly kvWrites: number
  readonly queueSends: number
}

/** Delivering one event from the queue: CPU, KV round trips and Enerpize calls. */
export interface ConsumerCpu {
  readonly scenario: string
  readonly msPerEvent: number
  readonly kvReads: number
  readonly kvWrites: number
  readonly enerpizeCalls: number
}

export interface BundleResult {
  /** As wrangler.toml builds it, which is what `wrangler deploy` uploads. */
  readonly totalKiB: number
  readonly gzipKiB: number
  /** The same without minification, for comparison. */
  readonly unminifiedTotalKiB: number
  readonly unminifiedGzipKiB: number
  /** The biggest contributors to the bundle as configured. */
  readonly largest: readonly { readonly name: string; readonly kib: number }[]
}
