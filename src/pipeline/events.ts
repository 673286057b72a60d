import { BridgeError } from '../errors'
import type { DeliveryJob, Notify, Operation, OperationResult } from './operations'

/**
 * The event history: every event the pipeline sees, kept in KV for 30 days, listed newest first.
 *
 * Each event is one KV value (`event:{id}`) plus one index key whose metadata carries what a
 * listing shows (status, source, summary, time), so a page of the history is one KV `list`.
 * The index key sorts newest first because it starts with the time subtracted from a constant.
 */
export type EventStatus = 'queued' | 'delivered' | 'duplicate' | 'failed' | 'dead'

export const EVENT_STATUSES: readonly EventStatus[] = [
  'queued',
  'delivered',
  'duplicate',
  'failed',
  'dead',
]

/** What Enerpize (or the way to it) answered when a delivery failed. */
export interface EventError {
  readonly status: number | null
  readonly message: string
  readonly validationErrors?: Readonly<Record<string, string>>
}

/** One delivery attempt. */
export interface Attempt {
  readonly number: number
  readonly at: string
  readonly ms: number
  readonly outcome: 'delivered' | 'retrying' | 'failed' | 'dead'
  readonly error?: EventError
  /** For `retrying`: how long the queue waits before the next attempt. */
  readonly delaySeconds?: number
  /** The attempt sent a create and never heard back: the next one looks before creating. */
  readonly uncertain?: boolean
}

/** An operator sent a failed or dead event through the pipeline again. */
export interface Replay {
  readonly at: string
  /** The status the event had when it was replayed. */
  readonly from: 'failed' | 'dead'
}

export interface EventRecord {
  readonly id: string
  readonly source: string
  readonly dedupeKey: string
  readonly status: EventStatus
  /** One line a person can read: "2:30 on Website Redesign · Design — Fixed the header". */
  readonly summary: string
  readonly receivedAt: string
  readonly updatedAt: string
  /** Kept so the event can be replayed; not shown by the admin API. */
  readonly operations: readonly Operation[]
  readonly notify?: Notify
  /** Per operation, what it did once it succeeded; a replay skips the ones done. */
  readonly results: readonly (OperationResult | null)[]
  readonly attempts: readonly Attempt[]
  /** The main Enerpize record the event produced. */
  readonly record?: { readonly resource: string; readonly id: string }
  readonly error?: EventError
  /** For `duplicate`: the event that first carried this dedupe key. */
  readonly duplicateOf?: string
  /** Every replay from the console, oldest first; the attempts before it stay in `attempts`. */
  readonly replays?: readonly Replay[]
  readonly indexKey: string
}

/** What a listing shows of an event without reading the whole record. */
export interface EventIndexEntry {
  readonly id: string
  readonly source: string
  readonly status: EventStatus
  readonly summary: string
  readonly receivedAt: string
  readonly attempts: number
}

/** A listing's filters; `statuses` matches any of several, `status` exactly one. */
export interface ListOptions {
  readonly status?: EventStatus
  readonly statuses?: readonly EventStatus[]
  readonly source?: string
  /** Where the previous page stopped, as `list` returned it. */
  readonly cursor?: string
  /** Events per page, 1 to 200; 50 by default. */
  readonly limit?: number
}

/** How many events have each status, and whether every event was counted. */
export interface StatusCounts {
  readonly counts: Readonly<Record<EventStatus, number>>
  readonly complete: boolean
}

// KV metadata is at most 1024 bytes once serialised, so the names are short and the summary cut.
interface IndexMetadata {
  st: EventStatus
  src: string
  sum: string
  at: string
  n?: number
}

/** Events are kept this long. */
export const EVENT_TTL_SECONDS = 30 * 24 * 60 * 60

const EVENT_PREFIX = 'event:'
const INDEX_PREFIX = 'events:'
// Larger than any millisecond timestamp for centuries, so `MAX - now` keeps 14 digits.
const MAX_TIME = 99_999_999_999_999
// At most 4 bytes of UTF-8 each, and JSON escapes at most double the ASCII ones: under 700 bytes.
const INDEX_SUMMARY_CHARACTERS = 160
// Beyond this many KV pages one request stops scanning and hands back a cursor instead.
const MAX_SCAN_PAGES = 50

/** A new event id: sortable by time, unique without coordination. */
export function newEventId(now = Date.now()): string {
  const random = crypto.getRandomValues(new Uint8Array(6))
  const suffix = [...random].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `ev_${now.toString(36)}${suffix}`
}

function indexKeyFor(id: string, now: number): string {
  return `${INDEX_PREFIX}${String(MAX_TIME - now).padStart(14, '0')}:${id}`
}

/** The event store over one KV namespace. */
export class EventStore {
  readonly #kv: KVNamespace

  constructor(kv: KVNamespace) {
    this.#kv = kv
  }

  /** Records a new event from the job it will travel as. */
  async create(
    job: DeliveryJob,
    status: EventStatus,
    extra: { duplicateOf?: string; now?: number } = {},
  ): Promise<EventRecord> {
    const now = extra.now ?? Date.now()
    const at = new Date(now).toISOString()
    const record: EventRecord = {
      id: job.eventId,
      source: job.source,
      dedupeKey: job.dedupeKey,
      status,
      summary: job.summary,
      receivedAt: at,
      updatedAt: at,
      operations: job.operations,
      ...(job.notify ? { notify: job.notify } : {}),
      results: job.operations.map(() => null),
      attempts: [],
      ...(extra.duplicateOf === undefined ? {} : { duplicateOf: extra.duplicateOf }),
      indexKey: indexKeyFor(job.eventId, now),
    }
    await this.#write(record)
    return record
  }

  async get(id: string): Promise<EventRecord | null> {
    return this.#kv.get<EventRecord>(EVENT_PREFIX + id, 'json')
  }

  /**
   * Reads an event, applies `change` and writes it back. KV has no transactions: the consumer
   * is the only writer of an event while it is being delivered, which is what makes this safe.
   */
  async update(
    id: string,
    change: (record: EventRecord) => EventRecord,
    fallback?: () => EventRecord,
  ): Promise<EventRecord | null> {
    const current = (await this.get(id)) ?? fallback?.() ?? null
    if (current === null) return null
    const next = { ...change(current), updatedAt: new Date().toISOString() }
    await this.#write(next)
    return next
  }

  /**
   * A page of the history, newest first, optionally filtered by status and source. The cursor
   * is opaque to callers: a KV cursor plus how many keys of that KV page were already read.
   * A filter that matches rarely may return fewer events than `limit` together with a cursor:
   * one call reads at most 50 KV pages, and the next call goes on where it stopped.
   *
   * @throws BridgeError 400 for a cursor this method did not produce.
   */
  async list(
    options: ListOptions = {},
  ): Promise<{ events: EventIndexEntry[]; cursor: string | null }> {
    const limit = Math.min(Math.max(Math.floor(options.limit ?? 50), 1), 200)
    const statuses = options.statuses ?? (options.status === undefined ? [] : [options.status])
    const events: EventIndexEntry[] = []
    const start = decodeCursor(options.cursor)
    if (start === null)
      throw new BridgeError(400, 'invalid_cursor', 'cursor is not one this listing gave')
    let { kvCursor, offset } = start

    // Filters apply to the index metadata, so one page of results may span several KV pages.
    for (let pages = 0; pages < MAX_SCAN_PAGES; pages++) {
      const page = await this.#kv.list<IndexMetadata>({
        prefix: INDEX_PREFIX,
        limit: 1000,
        ...(kvCursor === undefined ? {} : { cursor: kvCursor }),
      })
      for (let i = offset; i < page.keys.length; i++) {
        const key = page.keys[i]
        const meta = key?.metadata
        if (!key || !meta) continue
        if (statuses.length > 0 && !statuses.includes(meta.st)) continue
        if (options.source !== undefined && meta.src !== options.source) continue
        if (events.length === limit) {
          return { events, cursor: encodeCursor(kvCursor, i) }
        }
        events.push(entryFrom(key.name, meta))
      }
      if (page.list_complete) return { events, cursor: null }
      kvCursor = page.cursor
      offset = 0
    }
    return { events, cursor: encodeCursor(kvCursor, offset) }
  }

  /**
   * Counts the events of each status from the index, reading at most `maxPages` KV pages of a
   * thousand keys; `complete` is false when there were more.
   */
  async countByStatus(maxPages = 5): Promise<StatusCounts> {
    const counts: Record<EventStatus, number> = {
      queued: 0,
      delivered: 0,
      duplicate: 0,
      failed: 0,
      dead: 0,
    }
    let kvCursor: string | undefined
    for (let pages = 0; pages < maxPages; pages++) {
      const page = await this.#kv.list<IndexMetadata>({
        prefix: INDEX_PREFIX,
        limit: 1000,
        ...(kvCursor === undefined ? {} : { cursor: kvCursor }),
      })
      for (const key of page.keys) {
        if (key.metadata) counts[key.metadata.st] += 1
      }
      if (page.list_complete) return { counts, complete: true }
      kvCursor = page.cursor
    }
    return { counts, complete: false }
  }

  async #write(record: EventRecord): Promise<void> {
    const meta: IndexMetadata = {
      st: record.status,
      src: record.source,
      sum: shorten(record.summary, INDEX_SUMMARY_CHARACTERS),
      at: record.receivedAt,
      n: record.attempts.length,
    }
    await Promise.all([
      this.#kv.put(EVENT_PREFIX + record.id, JSON.stringify(record), {
        expirationTtl: EVENT_TTL_SECONDS,
      }),
      this.#kv.put(record.indexKey, '', { expirationTtl: EVENT_TTL_SECONDS, metadata: meta }),
    ])
  }
}

/**
 * The event made ready to go through the pipeline again: `queued`, its last error cleared (the
 * attempts keep every error), and the replay noted. Results stay, so operations that already
 * succeeded are not performed twice.
 */
export function reopenForReplay(record: EventRecord, at: string): EventRecord {
  const from = record.status === 'dead' ? 'dead' : 'failed'
  const next: { -readonly [K in keyof EventRecord]: EventRecord[K] } = {
    ...record,
    status: 'queued',
    replays: [...(record.replays ?? []), { at, from }],
  }
  delete next.error
  return next
}

/** The job that carries an event through the pipeline again, as a replay. */
export function replayJob(record: EventRecord): DeliveryJob {
  return {
    eventId: record.id,
    source: record.source,
    dedupeKey: record.dedupeKey,
    summary: record.summary,
    operations: record.operations,
    ...(record.notify ? { notify: record.notify } : {}),
    replay: true,
  }
}

function entryFrom(name: string, meta: IndexMetadata): EventIndexEntry {
  return {
    id: name.slice(name.lastIndexOf(':') + 1),
    source: meta.src,
    status: meta.st,
    summary: meta.sum,
    receivedAt: meta.at,
    attempts: meta.n ?? 0,
  }
}

/** Cuts text to `max` characters (code points, so no emoji is split), marking the cut. */
function shorten(text: string, max: number): string {
  const characters = Array.from(text)
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`
}

function encodeCursor(kvCursor: string | undefined, offset: number): string {
  return btoa(JSON.stringify({ c: kvCursor ?? null, o: offset }))
}

function decodeCursor(
  cursor: string | undefined,
): { kvCursor: string | undefined; offset: number } | null {
  if (cursor === undefined || cursor === '') return { kvCursor: undefined, offset: 0 }
  let parsed: unknown
  try {
    parsed = JSON.parse(atob(cursor))
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  const { c, o } = parsed as { c?: unknown; o?: unknown }
  if (!(c === null || typeof c === 'string')) return null
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || o > 1000) return null
  return { kvCursor: c ?? undefined, offset: o }
}
