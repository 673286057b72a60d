/**
 * Spaces calls evenly so they stay under a rate, within one isolate: each caller reserves the
 * next free slot and waits for it. Queue consumers deliver a batch concurrently through one
 * limiter, so a burst of events becomes a steady stream of Enerpize calls, not a 429 storm.
 */
export class RateLimiter {
  readonly #intervalMs: number
  #nextSlot = 0

  constructor(perSecond: number) {
    this.#intervalMs = 1000 / perSecond
  }

  /** Resolves when the caller may make its call. */
  async acquire(): Promise<void> {
    const now = Date.now()
    const slot = Math.max(now, this.#nextSlot)
    this.#nextSlot = slot + this.#intervalMs
    const wait = slot - now
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait))
  }
}

const limiters = new Map<number, RateLimiter>()

/** The isolate's shared limiter for a rate. */
export function sharedRateLimiter(perSecond: number): RateLimiter {
  let limiter = limiters.get(perSecond)
  if (!limiter) {
    limiter = new RateLimiter(perSecond)
    limiters.set(perSecond, limiter)
  }
  return limiter
}
