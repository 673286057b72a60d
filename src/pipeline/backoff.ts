/**
 * Exponential backoff with full jitter, honouring a server's `Retry-After`.
 *
 * The delay before attempt n+1 is a random value in [0, min(cap, base · 2^(n-1))], but never
 * less than what the server asked for: "full jitter" spreads a burst of failures out instead
 * of retrying them in lockstep.
 */
export interface BackoffPolicy {
  readonly baseSeconds: number
  readonly capSeconds: number
}

/** Cloudflare Queues accept a retry delay of at most 12 hours. */
export const MAX_QUEUE_DELAY_SECONDS = 12 * 60 * 60

/** Seconds to wait after failed attempt `attempt` (1-based). */
export function backoffSeconds(
  attempt: number,
  policy: BackoffPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capSeconds, policy.baseSeconds * 2 ** Math.max(0, attempt - 1))
  const jittered = Math.round(random() * ceiling)
  const asked = retryAfterMs === undefined ? 0 : Math.ceil(retryAfterMs / 1000)
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(jittered, asked))
}
