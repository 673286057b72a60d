import { DurableObject } from 'cloudflare:workers'
import { BridgeError } from '../errors'
import type { Claim, ClaimResult, ClaimStore } from './claims'

/** A claim as the object keeps it: the claim itself as JSON, and when it lapses. */
interface ClaimRow extends Record<string, SqlStorageValue> {
  readonly claim: string
  readonly expires_at: number
}

/**
 * The strict idempotency store: a SQLite-backed Durable Object holding dedupe claims.
 *
 * A Durable Object runs one request at a time and its SQL calls are synchronous, so reading a key
 * and writing it with no `await` between is a compare-and-set that holds worldwide: of any number
 * of concurrent claims of one key, from any isolate in any data centre, exactly one wins. Each
 * key gets its own object (`idFromName` of the key), so claims of different events never queue
 * behind one another. A claim lapses after its time to live: the read ignores a lapsed row, and
 * an alarm at the earliest expiry deletes what has lapsed, leaving an empty object that costs
 * nothing to keep.
 */
export class ClaimsDurableObject extends DurableObject<Env> {
  readonly #sql: SqlStorage
  // `deleteAll` drops the table with everything else, so it is made again on the next use.
  #schemaReady = false

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.#sql = ctx.storage.sql
  }

  /**
   * Claims `key` for `claim` unless an unexpired claim holds it; resolves to the holder then.
   * The read and the write run with nothing in between, which is what makes this atomic.
   */
  async claim(key: string, claim: Claim, ttlSeconds: number): Promise<ClaimResult> {
    this.#ensureSchema()
    const now = Date.now()
    const held = this.#sql
      .exec<ClaimRow>('SELECT claim, expires_at FROM claims WHERE key = ?', key)
      .toArray()[0]
    if (held !== undefined && held.expires_at > now) {
      return { claimed: false, existing: JSON.parse(held.claim) as Claim }
    }

    const expiresAt = now + Math.max(1, Math.ceil(ttlSeconds)) * 1000
    this.#sql.exec(
      'INSERT OR REPLACE INTO claims (key, event_id, claim, expires_at) VALUES (?, ?, ?, ?)',
      key,
      claim.eventId,
      JSON.stringify(claim),
      expiresAt,
    )
    await this.#expireAt(expiresAt)
    return { claimed: true }
  }

  /** Gives `key` up, if `eventId` still holds it. */
  release(key: string, eventId: string): void {
    this.#ensureSchema()
    this.#sql.exec('DELETE FROM claims WHERE key = ? AND event_id = ?', key, eventId)
  }

  /** Deletes lapsed claims; when none is left, the object's storage goes entirely. */
  override async alarm(): Promise<void> {
    this.#ensureSchema()
    this.#sql.exec('DELETE FROM claims WHERE expires_at <= ?', Date.now())
    const next = this.#sql
      .exec<{ next: number | null }>('SELECT MIN(expires_at) AS next FROM claims')
      .toArray()[0]?.next
    if (next !== null && next !== undefined) {
      await this.ctx.storage.setAlarm(next)
      return
    }
    await this.ctx.storage.deleteAll()
    this.#schemaReady = false
  }

  #ensureSchema(): void {
    if (this.#schemaReady) return
    this.#sql.exec(
      `CREATE TABLE IF NOT EXISTS claims (
        key TEXT PRIMARY KEY,
        event_id TEXT NOT NULL,
        claim TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      )`,
    )
    this.#schemaReady = true
  }

  async #expireAt(at: number): Promise<void> {
    const scheduled = await this.ctx.storage.getAlarm()
    if (scheduled === null || scheduled > at) await this.ctx.storage.setAlarm(at)
  }
}

/**
 * `ClaimStore` over `ClaimsDurableObject`: `IDEMPOTENCY_MODE = "durable-object"`. Strongly
 * consistent where the KV store is best-effort, at the cost of one Durable Object request per
 * event (and of the object's first request in a location, the first time a key is seen there).
 */
export class DurableObjectClaimStore implements ClaimStore {
  readonly #namespace: DurableObjectNamespace<ClaimsDurableObject>

  constructor(namespace: DurableObjectNamespace<ClaimsDurableObject>) {
    this.#namespace = namespace
  }

  async claim(key: string, claim: Claim, ttlSeconds: number): Promise<ClaimResult> {
    try {
      return await this.#objectFor(key).claim(key, claim, ttlSeconds)
    } catch (cause) {
      throw unavailable(cause)
    }
  }

  async release(key: string, eventId: string): Promise<void> {
    try {
      await this.#objectFor(key).release(key, eventId)
    } catch (cause) {
      throw unavailable(cause)
    }
  }

  /** One object per key: a claim never waits for another event's. */
  #objectFor(key: string): DurableObjectStub<ClaimsDurableObject> {
    return this.#namespace.get(this.#namespace.idFromName(key))
  }
}

/** A 503, so a sender that retries comes back once the object is reachable again. */
function unavailable(cause: unknown): BridgeError {
  return new BridgeError(503, 'claims_unavailable', 'the dedupe store could not be reached', {
    cause,
  })
}
