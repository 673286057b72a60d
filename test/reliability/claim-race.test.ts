import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { KvClaimStore, type ClaimStore } from '../../src/pipeline/claims'
import { DurableObjectClaimStore } from '../../src/pipeline/claims-durable-object'
import { report, uniqueMarker } from './support'

const KEYS = 20
const CLAIMS_PER_KEY = 50

/** No lock: each claim behaves as if made by an isolate of its own, as across data centres. */
const separateIsolates = <T>(_key: string, task: () => Promise<T>): Promise<T> => task()

/** Claims each of `KEYS` keys `CLAIMS_PER_KEY` times at once; how many claims won, per key. */
async function race(store: () => ClaimStore): Promise<number[]> {
  const winners: number[] = []
  for (let k = 0; k < KEYS; k++) {
    const key = `race:${uniqueMarker('key')}`
    const results = await Promise.all(
      Array.from({ length: CLAIMS_PER_KEY }, (_, i) =>
        store().claim(
          key,
          { eventId: `ev_${String(i)}`, fingerprint: 'f', claimedAt: new Date().toISOString() },
          600,
        ),
      ),
    )
    winners.push(results.filter((r) => r.claimed).length)
  }
  return winners
}

describe('claims made at the same moment by different isolates', () => {
  it('lets more than one claim of a key win in KV, which has no compare-and-set', async () => {
    const winners = await race(() => new KvClaimStore(env.IDEMPOTENCY, { lock: separateIsolates }))

    await report({ kind: 'race', store: 'Workers KV', claimsPerKey: CLAIMS_PER_KEY, winners })
    expect(winners.some((w) => w > 1)).toBe(true)
  })

  it('lets exactly one claim of each key win in the Durable Object', async () => {
    const namespace = env.CLAIMS

    const winners = await race(() => new DurableObjectClaimStore(namespace))

    await report({ kind: 'race', store: 'Durable Object', claimsPerKey: CLAIMS_PER_KEY, winners })
    expect(winners).toEqual(winners.map(() => 1))
  })
})
