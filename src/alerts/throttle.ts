import { log } from '../log'
import { serialised } from '../pipeline/serialise'

/**
 * A fixed-window limit on alerts: at most `maxPerWindow` messages from the first alert of a
 * window until `windowSeconds` later; the failures past that are counted, and the first decision
 * after the window closes hands back one digest of them before anything else is sent.
 *
 * The state lives in KV so a new isolate continues the window, and in memory so a burst of
 * failures in one isolate is decided without reading KV each time. Workers KV accepts about one
 * write per second to a key and is eventually consistent, so writes of a suppressed count are
 * coalesced to one a second and a failed write is logged, not fatal; isolates in different
 * locations may each send up to the limit in the same window, which keeps an outage to a
 * handful of messages rather than one per failure.
 */
export interface ThrottleSettings {
  readonly maxPerWindow: number
  readonly windowSeconds: number
}

/** Five alerts per quarter of an hour, then one digest. */
export const DEFAULT_THROTTLE: ThrottleSettings = { maxPerWindow: 5, windowSeconds: 15 * 60 }

/** Failures that were counted instead of alerted, in a window that has closed. */
export interface Digest {
  readonly count: number
  /** Milliseconds since the epoch. */
  readonly from: number
  readonly to: number
}

/** What to do about one alert. */
export interface Admission {
  /** Send this digest first, when a closed window held suppressed failures. */
  readonly digest: Digest | null
  /** Whether this alert may be sent. */
  readonly send: boolean
}

interface WindowState {
  /** When the window opened, in milliseconds since the epoch. */
  readonly start: number
  readonly sent: number
  readonly suppressed: number
}

interface Held {
  state: WindowState | null
  writtenAt: number
  dirty: boolean
}

const STATE_PREFIX = 'alerts:window:'
// KV's shortest expiration; the state is kept a little longer than its window.
const MIN_TTL_SECONDS = 60
const WRITE_INTERVAL_MS = 1000

const held = new Map<string, Held>()

/** The throttle for one alert destination, its state under `key` in `kv`. */
export class AlertThrottle {
  readonly #kv: KVNamespace
  readonly #key: string
  readonly #settings: ThrottleSettings
  readonly #now: () => number

  constructor(kv: KVNamespace, key: string, settings: ThrottleSettings, now: () => number) {
    this.#kv = kv
    this.#key = STATE_PREFIX + key
    this.#settings = settings
    this.#now = now
  }

  /** Decides whether one alert may be sent now, counting it either way. */
  admit(): Promise<Admission> {
    return serialised(this.#key, async () => {
      const now = this.#now()
      const slot = await this.#load()
      const digest = this.#closeIfOver(slot, now)

      const open = slot.state ?? { start: now, sent: 0, suppressed: 0 }
      const send = open.sent < this.#settings.maxPerWindow
      slot.state = send
        ? { ...open, sent: open.sent + 1 }
        : { ...open, suppressed: open.suppressed + 1 }
      // A sent alert is rare (at most the limit per window) and must be seen by other isolates.
      await this.#save(slot, now, send || digest !== null)
      return { digest, send }
    })
  }

  /** Hands back the digest of a window that has closed with suppressed failures, if any. */
  flush(): Promise<Digest | null> {
    return serialised(this.#key, async () => {
      const now = this.#now()
      const slot = await this.#load()
      const digest = this.#closeIfOver(slot, now)
      if (digest !== null || slot.dirty) await this.#save(slot, now, digest !== null)
      return digest
    })
  }

  #closeIfOver(slot: Held, now: number): Digest | null {
    const state = slot.state
    if (state === null || now < state.start + this.#settings.windowSeconds * 1000) return null
    slot.state = null
    return state.suppressed > 0
      ? {
          count: state.suppressed,
          from: state.start,
          to: state.start + this.#settings.windowSeconds * 1000,
        }
      : null
  }

  async #load(): Promise<Held> {
    const cached = held.get(this.#key)
    if (cached) return cached
    const stored = await this.#kv.get<WindowState>(this.#key, 'json')
    const slot: Held = { state: stored, writtenAt: 0, dirty: false }
    held.set(this.#key, slot)
    return slot
  }

  async #save(slot: Held, now: number, force: boolean): Promise<void> {
    if (!force && now - slot.writtenAt < WRITE_INTERVAL_MS) {
      slot.dirty = true
      return
    }
    slot.writtenAt = now
    slot.dirty = false
    try {
      if (slot.state === null) await this.#kv.delete(this.#key)
      else {
        await this.#kv.put(this.#key, JSON.stringify(slot.state), {
          expirationTtl: Math.max(MIN_TTL_SECONDS, this.#settings.windowSeconds * 2),
        })
      }
    } catch (error) {
      slot.dirty = true
      log('warn', 'alert throttle state could not be saved', {
        error: error instanceof Error ? error.message : String(error),
      })
    }
  }
}
