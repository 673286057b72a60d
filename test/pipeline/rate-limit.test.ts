import { describe, expect, it } from 'vitest'
import { RateLimiter } from '../../src/pipeline/rate-limit'

describe('RateLimiter', () => {
  it('never lets more calls through in one second than its rate, however they are queued', async () => {
    const limiter = new RateLimiter(10)
    const times: number[] = []

    await Promise.all(
      Array.from({ length: 25 }, async () => {
        await limiter.acquire()
        times.push(Date.now())
      }),
    )

    times.sort((a, b) => a - b)
    for (const [i, start] of times.entries()) {
      const inWindow = times.slice(i).filter((t) => t - start < 1000).length
      expect(inWindow).toBeLessThanOrEqual(10)
    }
    expect(times).toHaveLength(25)
  })
})
