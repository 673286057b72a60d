import { serialised } from './serialise'

/**
 * Idempotency claims: the first event to carry a dedupe key claims it; later ones are answered
 * from the claim and never reach Enerpize.
 *
 * Workers KV has no compare-and-set and takes up to about a minute to propagate between data
 * centres, so the KV claim is best-effort: two deliveries of one event handled by different
 * isolates (in different data centres within that minute, or at the same moment anywhere) can
 * both claim. Within one isolate, claims of the same key are serialised in memory, which closes
 * the window for the common case of a sender repeating itself against the same location.
 * `IDEMPOTENCY_MODE = "durable-object"` puts the claims in a Durable Object instead
 * (`claims-durable-object.ts`), which is strongly consistent; `claim-store.ts` picks one.
 */
export interface Claim {
  readonly eventId: string
  /** Hex SHA-256 of the payload, to tell a repeat from a conflicting reuse of the key. */
  readonly fingerprint: string
  /** The first answer given to the sender, replayed to repeats. */
  readonly reply?: unknown
  readonly claimedAt: string
}

export type ClaimResult =
  { readonly claimed: true } | { readonly claimed: false; readonly existing: Claim }

export interface ClaimStore {
  /** Claims `key` for `claim` unless it is already held. */
  claim(key: string, claim: Claim, ttlSeconds: number): Promise<ClaimResult>
  /** Gives a key up again, so a sender's retry can claim it (when the queue refused the job). */
  release(key: string, eventId: string): Promise<void>
}

const PREFIX = 'dedupe:'

// KV's shortest expiration.
const MIN_TTL_SECONDS = 60

/** Runs a read-then-write on one key so that nothing else on that key interleaves with it. */
export type KeyLock = <T>(key: string, task: () => Promise<T>) => Promise<T>

/** Claims in Workers KV: best-effort across isolates (see the module comment). */
export class KvClaimStore implements ClaimStore {
  readonly #kv: KVNamespace
  readonly #lock: KeyLock

  /**
   * @param lock How claims of one key are kept apart: the isolate-wide lock by default, which
   *   is all KV allows. A lock that does nothing models claims arriving at different isolates.
   */
  constructor(kv: KVNamespace, options: { readonly lock?: KeyLock } = {}) {
    this.#kv = kv
    this.#lock = options.lock ?? serialised
  }

  claim(key: string, claim: Claim, ttlSeconds: number): Promise<ClaimResult> {
    return this.#lock(PREFIX + key, async () => {
      const existing = await this.#kv.get<Claim>(PREFIX + key, 'json')
      if (existing) return { claimed: false, existing }

      await this.#kv.put(PREFIX + key, JSON.stringify(claim), {
        expirationTtl: Math.max(MIN_TTL_SECONDS, Math.ceil(ttlSeconds)),
      })
      return { claimed: true }
    })
  }

  release(key: string, eventId: string): Promise<void> {
    return this.#lock(PREFIX + key, async () => {
      const existing = await this.#kv.get<Claim>(PREFIX + key, 'json')
      if (existing?.eventId === eventId) await this.#kv.delete(PREFIX + key)
    })
  }
}
