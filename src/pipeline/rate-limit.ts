/**
 * Keeps calls under a rate within one isolate. Callers reserve evenly spaced slots, so a burst
 * of events becomes a steady stream of Enerpize calls rather than a 429 storm; and before each
 * call the limiter also counts the calls of the last second, because timers that fire late (a
 * busy isolate) would otherwise release several reserved slots at once.
 */
export class RateLimiter {
  readonly #perSecond: number
  readonly #intervalMs: number
  readonly #recent: number[] = []
  #nextSlot = 0

  constructor(perSecond: number) {
    this.#perSecond = Math.max(1, Math.floor(perSecond))
    this.#intervalMs = 1000 / perSecond
  }

  /** Resolves when the caller may make its call. */
  async acquire(): Promise<void> {
    // Wait for an evenly spaced slot.
    const reserved = Math.max(Date.now(), this.#nextSlot)
    this.#nextSlot = reserved + this.#intervalMs
    await sleep(reserved - Date.now())

    // Then make sure the last second holds room for one more call.
    for (;;) {
      const now = Date.now()
      while (this.#recent.length > 0 && now - (this.#recent[0] ?? now) >= 1000) this.#recent.shift()
      if (this.#recent.length < this.#perSecond) {
        this.#recent.push(now)
        return
      }
      await sleep(1000 - (now - (this.#recent[0] ?? now)) + 1)
    }
  }
}

function sleep(ms: number): Promise<void> {
  return ms >= 1 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
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
