import { env } from 'cloudflare:workers'
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config'
import { ConfigError } from '../../src/errors'
import { claimStoreFor } from '../../src/pipeline/claim-store'
import { KvClaimStore, type Claim, type ClaimStore } from '../../src/pipeline/claims'
import {
  DurableObjectClaimStore,
  type ClaimsDurableObject,
} from '../../src/pipeline/claims-durable-object'

let sequence = 0

/** A dedupe key no other test uses. */
function uniqueKey(label: string): string {
  sequence += 1
  return `test:${label}:${String(Date.now())}:${String(sequence)}`
}

function claimFor(eventId: string, fingerprint = 'f'.repeat(64)): Claim {
  return { eventId, fingerprint, reply: { text: `first answer of ${eventId}` }, claimedAt: 'now' }
}

const namespace = env.CLAIMS

/** No lock at all: every claim behaves as if it ran in an isolate of its own. */
const noLock = <T>(_key: string, task: () => Promise<T>): Promise<T> => task()

async function claimConcurrently(stores: readonly ClaimStore[], key: string) {
  return Promise.all(stores.map((store, i) => store.claim(key, claimFor(`ev_${String(i)}`), 600)))
}

/** Makes the claim on `key`, held in the object for `shard`, lapse a moment ago. */
async function lapse(shard: string, key: string): Promise<void> {
  await runInDurableObject(namespace.get(namespace.idFromName(shard)), (_instance, state) => {
    state.storage.sql.exec('UPDATE claims SET expires_at = ? WHERE key = ?', Date.now() - 1, key)
  })
}

const stores = {
  kv: () => new KvClaimStore(env.IDEMPOTENCY),
  'durable-object': () => new DurableObjectClaimStore(namespace),
} as const

describe.each(Object.keys(stores) as (keyof typeof stores)[])('the %s claim store', (mode) => {
  const store = stores[mode]()

  it('lets the first event claim a key', async () => {
    const key = uniqueKey(mode)

    const result = await store.claim(key, claimFor('ev_first'), 600)

    expect(result).toEqual({ claimed: true })
  })

  it('answers a second claim with the first claim, reply included', async () => {
    const key = uniqueKey(mode)
    await store.claim(key, claimFor('ev_first', 'a'.repeat(64)), 600)

    const result = await store.claim(key, claimFor('ev_second', 'b'.repeat(64)), 600)

    expect(result).toEqual({ claimed: false, existing: claimFor('ev_first', 'a'.repeat(64)) })
  })

  it('gives a key up when its holder releases it', async () => {
    const key = uniqueKey(mode)
    await store.claim(key, claimFor('ev_first'), 600)

    await store.release(key, 'ev_first')
    const result = await store.claim(key, claimFor('ev_retry'), 600)

    expect(result).toEqual({ claimed: true })
  })

  it('keeps a key when another event asks to release it', async () => {
    const key = uniqueKey(mode)
    await store.claim(key, claimFor('ev_first'), 600)

    await store.release(key, 'ev_other')
    const result = await store.claim(key, claimFor('ev_retry'), 600)

    expect(result).toMatchObject({ claimed: false, existing: { eventId: 'ev_first' } })
  })

  it('lets exactly one of 50 concurrent claims in one isolate win', async () => {
    const key = uniqueKey(mode)

    const results = await claimConcurrently(
      Array.from({ length: 50 }, () => store),
      key,
    )

    expect(results.filter((r) => r.claimed)).toHaveLength(1)
    const winner = results.findIndex((r) => r.claimed)
    for (const result of results) {
      if (!result.claimed) expect(result.existing.eventId).toBe(`ev_${String(winner)}`)
    }
  })
})

describe('the KV claim store across isolates', () => {
  it('lets more than one of 50 concurrent claims win when nothing serialises them', async () => {
    // This is the limit the strict mode exists for: KV has no compare-and-set, so claims made
    // by different isolates at the same moment all read "absent" before any write lands.
    const key = uniqueKey('isolates')
    const isolates = Array.from(
      { length: 50 },
      () => new KvClaimStore(env.IDEMPOTENCY, { lock: noLock }),
    )

    const results = await claimConcurrently(isolates, key)

    expect(results.filter((r) => r.claimed).length).toBeGreaterThan(1)
  })
})

describe('the Durable Object claim store across isolates', () => {
  it('lets exactly one of 50 concurrent claims win through separate stubs', async () => {
    const key = uniqueKey('isolates')
    const isolates = Array.from({ length: 50 }, () => new DurableObjectClaimStore(namespace))

    const results = await claimConcurrently(isolates, key)

    expect(results.filter((r) => r.claimed)).toHaveLength(1)
  })

  it('keeps each key in an object of its own', async () => {
    const first = uniqueKey('shard')
    const second = uniqueKey('shard')
    const store = new DurableObjectClaimStore(namespace)

    await store.claim(first, claimFor('ev_a'), 600)
    await store.claim(second, claimFor('ev_b'), 600)

    const keysIn = (key: string) =>
      runInDurableObject(namespace.get(namespace.idFromName(key)), (_instance, state) =>
        state.storage.sql
          .exec<{ key: string }>('SELECT key FROM claims')
          .toArray()
          .map((row) => row.key),
      )
    expect(await keysIn(first)).toEqual([first])
    expect(await keysIn(second)).toEqual([second])
  })

  it('lets a key be claimed again once its claim has lapsed, before any alarm runs', async () => {
    const key = uniqueKey('lapse')
    const store = new DurableObjectClaimStore(namespace)
    await store.claim(key, claimFor('ev_first'), 600)
    await lapse(key, key)

    const result = await store.claim(key, claimFor('ev_later'), 600)

    expect(result).toEqual({ claimed: true })
  })

  it('schedules an alarm at the expiry, which deletes the lapsed claim and the storage', async () => {
    const key = uniqueKey('alarm')
    const stub = namespace.get(namespace.idFromName(key))
    const before = Date.now()
    await new DurableObjectClaimStore(namespace).claim(key, claimFor('ev_first'), 600)
    const alarm = await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm())
    await lapse(key, key)

    const ran = await runDurableObjectAlarm(stub)

    expect(alarm).toBeGreaterThanOrEqual(before + 600_000)
    expect(ran).toBe(true)
    const left = await runInDurableObject(stub, async (_instance, state) => ({
      tables: state.storage.sql
        .exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'claims'")
        .toArray().length,
      alarm: await state.storage.getAlarm(),
    }))
    expect(left).toEqual({ tables: 0, alarm: null })
  })

  it('takes claims again after the alarm has emptied its storage', async () => {
    const key = uniqueKey('reuse')
    const stub = namespace.get(namespace.idFromName(key))
    const store = new DurableObjectClaimStore(namespace)
    await store.claim(key, claimFor('ev_first'), 600)
    await lapse(key, key)
    await runDurableObjectAlarm(stub)

    const first = await store.claim(key, claimFor('ev_again'), 600)
    const second = await store.claim(key, claimFor('ev_third'), 600)

    expect(first).toEqual({ claimed: true })
    expect(second).toMatchObject({ claimed: false, existing: { eventId: 'ev_again' } })
  })

  it('keeps the claims that have not lapsed when the alarm runs, and sets the next alarm', async () => {
    const key = uniqueKey('alarm-keep')
    const stub = namespace.get(namespace.idFromName(key))

    await runInDurableObject(stub, async (instance: ClaimsDurableObject) => {
      await instance.claim(`${key}:short`, claimFor('ev_short'), 600)
      await instance.claim(key, claimFor('ev_long'), 900)
    })
    await lapse(key, `${key}:short`)
    const ran = await runDurableObjectAlarm(stub)

    expect(ran).toBe(true)
    const left = await runInDurableObject(stub, async (_instance, state) => ({
      keys: state.storage.sql
        .exec<{ key: string }>('SELECT key FROM claims')
        .toArray()
        .map((row) => row.key),
      alarm: await state.storage.getAlarm(),
    }))
    expect(left.keys).toEqual([key])
    expect(left.alarm).toBeGreaterThan(Date.now() + 800_000)
  })

  it('answers 503 when the object cannot be reached', async () => {
    const broken = {
      idFromName: (name: string) => namespace.idFromName(name),
      get: () => {
        throw new Error('Durable Object is overloaded')
      },
    } as unknown as DurableObjectNamespace<ClaimsDurableObject>

    const attempt = new DurableObjectClaimStore(broken).claim(uniqueKey('down'), claimFor('ev'), 60)

    await expect(attempt).rejects.toMatchObject({ status: 503, code: 'claims_unavailable' })
  })
})

describe('claimStoreFor', () => {
  it('uses KV unless the configuration asks for the strict mode', () => {
    const config = parseConfig({})

    expect(claimStoreFor(env, config)).toBeInstanceOf(KvClaimStore)
  })

  it('uses the Durable Object in the strict mode', () => {
    const config = parseConfig({ IDEMPOTENCY_MODE: 'durable-object' })

    expect(claimStoreFor(env, config)).toBeInstanceOf(DurableObjectClaimStore)
  })

  it('refuses the strict mode without its binding, naming the binding', () => {
    const config = parseConfig({ IDEMPOTENCY_MODE: 'durable-object' })
    const { CLAIMS: _missing, ...withoutClaims } = env

    expect(() => claimStoreFor(withoutClaims as Env, config)).toThrow(ConfigError)
    expect(() => claimStoreFor(withoutClaims as Env, config)).toThrow(/CLAIMS/)
  })
})
