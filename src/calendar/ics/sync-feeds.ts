import type { CalendarEvent, CalendarSettings } from '../../../functions/calendar/calendar-event'
import {
  feedInstanceEnded,
  fromFeedInstance,
  type FeedEnding,
} from '../../../functions/calendar/feed-event'
import type { EnerpizeClient } from '../../enerpize'
import { ConflictError } from '../../errors'
import { log } from '../../log'
import { sha256Hex } from '../../pipeline/body'
import type { ClaimStore } from '../../pipeline/claims'
import { normaliseEmail } from '../../pipeline/executors/client'
import { accept } from '../../pipeline/ingest'
import {
  instanceKey,
  readFeedState,
  writeFeedState,
  type FeedState,
  type TrackedInstance,
} from './feed-state'
import { parseFeed, startMs, type FeedInstance, type FeedPerson, type FeedTime } from './parse-feed'

/** What a feed poll needs from the platform. */
export interface FeedSyncDeps {
  readonly kv: KVNamespace
  readonly claims: ClaimStore
  readonly queue: Queue
  /** Read to learn which attendees are clients. */
  readonly enerpize: EnerpizeClient
  readonly settings: CalendarSettings
  /** How feeds are fetched; the runtime's `fetch` by default. */
  readonly fetch?: typeof fetch
  /** The poll's time, epoch ms; the clock by default. */
  readonly now?: number
}

/** How one feed's poll went. Names the feed by its id, never by its (secret) URL. */
export interface FeedSyncReport {
  readonly feed: string
  readonly outcome: 'unchanged' | 'synced' | 'failed'
  /** Changes handed to the delivery queue. */
  readonly queued: number
  readonly error?: string
}

/** Recurring events are expanded this far ahead. */
export const SYNC_WINDOW_DAYS = 60

/** Largest feed the bridge reads. */
export const MAX_FEED_BYTES = 10 * 1024 * 1024

const FETCH_TIMEOUT_MS = 20_000
const DAY_MS = 24 * 60 * 60 * 1000

/** A feed's id: a digest of its URL, since the URL itself is the feed's secret. */
export async function feedIdOf(url: string): Promise<string> {
  return (await sha256Hex(url.trim())).slice(0, 16)
}

/**
 * Polls each iCalendar feed and hands what changed to the delivery pipeline, as events of the
 * source `ics`: an instance whose attendees include a known client (by e-mail) becomes that
 * client's appointment; a new UID or RECURRENCE-ID makes one, a higher SEQUENCE or other times
 * move it, `STATUS:CANCELLED` or the instance vanishing dismisses it.
 *
 * Each feed is fetched with `If-None-Match` / `If-Modified-Since`, so an unchanged feed costs
 * one short answer (304). A feed that fails is reported and left for the next poll; the others
 * go on.
 */
export async function syncFeeds(
  deps: FeedSyncDeps,
  feeds: readonly string[],
): Promise<FeedSyncReport[]> {
  const now = deps.now ?? Date.now()
  const clients = clientDirectory(deps.enerpize)
  const reports: FeedSyncReport[] = []
  for (const url of feeds) reports.push(await syncFeed(deps, url, now, clients))
  return reports
}

/** E-mail addresses of every client, read once per poll and only when some feed needs them. */
function clientDirectory(enerpize: EnerpizeClient): () => Promise<ReadonlySet<string>> {
  let emails: Promise<Set<string>> | undefined
  return () => {
    emails ??= (async () => {
      const found = new Set<string>()
      for await (const client of enerpize.clients.iterate({ limit: 1000 })) {
        if (client.email !== undefined) found.add(normaliseEmail(client.email))
      }
      return found
    })()
    return emails
  }
}

/** One change to hand to the pipeline, and what the feed's state says once it is queued. */
interface Change {
  readonly key: string
  readonly dedupeKey: string
  readonly event: CalendarEvent
  readonly tracked: TrackedInstance
}

async function syncFeed(
  deps: FeedSyncDeps,
  url: string,
  now: number,
  clients: () => Promise<ReadonlySet<string>>,
): Promise<FeedSyncReport> {
  const feed = await feedIdOf(url)
  try {
    const state = await readFeedState(deps.kv, feed)

    // Fetch, unless the server says nothing changed since the last poll.
    const response = await fetchFeed(deps.fetch ?? fetch, url, state)
    if (response.status === 304) {
      await response.body?.cancel()
      return { feed, outcome: 'unchanged', queued: 0 }
    }
    if (!response.ok) {
      await response.body?.cancel()
      return failed(feed, `the feed answered ${String(response.status)}`)
    }
    const parsed = parseFeed(await readLimited(response, MAX_FEED_BYTES), {
      from: now,
      until: now + SYNC_WINDOW_DAYS * DAY_MS,
      timezone: deps.settings.timezone,
    })
    if (!parsed.ok) return failed(feed, parsed.error)

    // Work out what changed, then queue it change by change.
    const { changes, forget } = await plan(feed, state, parsed.instances, now, deps, clients)
    const instances: Record<string, TrackedInstance> = Object.fromEntries(
      Object.entries(state.instances).filter(([key]) => !forget.has(key)),
    )
    let queued = 0
    let refused: unknown
    for (const change of changes) {
      try {
        const acceptance = await accept(
          { kv: deps.kv, claims: deps.claims, queue: deps.queue },
          {
            source: 'ics',
            dedupeKey: change.dedupeKey,
            payload: `${change.dedupeKey}\n${change.tracked.digest}`,
            operations: change.event.operations,
            summary: change.event.summary,
          },
        )
        if (acceptance.kind === 'accepted') queued += 1
      } catch (error) {
        // A conflict means an overlapping poll queued this change already, as it then saw it.
        if (!(error instanceof ConflictError)) {
          refused = error
          break
        }
      }
      instances[change.key] = change.tracked
    }

    // Keep the validators only when every change was queued, so a partial poll is redone.
    const validators = refused === undefined ? response.headers : undefined
    await writeFeedState(deps.kv, feed, {
      ...validatorsOf(validators, state),
      instances,
    })
    if (refused !== undefined) {
      return failed(
        feed,
        `queued ${String(queued)} of ${String(changes.length)} changes: ${messageOf(refused)}`,
      )
    }
    return { feed, outcome: 'synced', queued }
  } catch (error) {
    return failed(feed, messageOf(error).replaceAll(url, '[feed URL]'))
  }
}

function failed(feed: string, error: string): FeedSyncReport {
  log('warn', 'calendar feed not synced', { source: 'ics', feed, result: 'failed', error })
  return { feed, outcome: 'failed', queued: 0, error }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function validatorsOf(headers: Headers | undefined, state: FeedState): Partial<FeedState> {
  const etag = headers === undefined ? state.etag : (headers.get('etag') ?? undefined)
  const lastModified =
    headers === undefined ? state.lastModified : (headers.get('last-modified') ?? undefined)
  return {
    ...(etag === undefined ? {} : { etag }),
    ...(lastModified === undefined ? {} : { lastModified }),
  }
}

/** A conditional GET (RFC 9110 §13.1); `webcal://` addresses are served over HTTPS. */
async function fetchFeed(send: typeof fetch, url: string, state: FeedState): Promise<Response> {
  const address = url.trim().replace(/^webcals?:\/\//i, 'https://')
  if (!/^https?:\/\//i.test(address)) throw new Error('the feed URL must start with https://')

  const headers = new Headers({ Accept: 'text/calendar, */*;q=0.5' })
  if (state.etag !== undefined) headers.set('If-None-Match', state.etag)
  if (state.lastModified !== undefined) headers.set('If-Modified-Since', state.lastModified)
  return send(address, {
    headers,
    redirect: 'follow',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  })
}

/** The body as UTF-8 text, refusing more than `limit` bytes without reading further. */
async function readLimited(response: Response, limit: number): Promise<string> {
  if (response.body === null) return ''
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder('utf-8')
  let size = 0
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw new Error(`the feed is larger than ${String(limit)} bytes`)
    }
    text += decoder.decode(value, { stream: true })
  }
  return text + decoder.decode()
}

/** What changed since the last poll, and which finished instances to forget. */
async function plan(
  feed: string,
  state: FeedState,
  instances: readonly FeedInstance[],
  now: number,
  deps: FeedSyncDeps,
  clients: () => Promise<ReadonlySet<string>>,
): Promise<{ changes: Change[]; forget: Set<string> }> {
  const changes: Change[] = []
  const present = new Set<string>()

  for (const instance of instances) {
    const key = instanceKey(instance.uid, instance.recurrenceId)
    if (present.has(key)) continue
    present.add(key)
    const tracked = state.instances[key]

    // Unchanged, or an older copy than the one already seen (a stale cache on the way).
    if (tracked !== undefined && instance.sequence < tracked.sequence) continue
    const digest = await digestOf(instance)
    if (tracked?.digest === digest && tracked.status !== 'removed') continue

    const current: Omit<TrackedInstance, 'status' | 'changes'> = {
      uid: instance.uid,
      recurrenceId: instance.recurrenceId,
      ...(instance.summary === undefined ? {} : { summary: instance.summary }),
      sequence: instance.sequence,
      start: startMs(instance.start, deps.settings),
      digest,
    }
    const scheduled = tracked?.status === 'scheduled'

    if (instance.cancelled) {
      if (scheduled) changes.push(ending(feed, current, tracked, 'cancelled', now))
      continue
    }
    const client = await clientAmong(instance.attendees, clients)
    if (client === undefined) {
      if (scheduled) changes.push(ending(feed, current, tracked, 'uninvited', now))
      continue
    }
    const changeCount = (tracked?.changes ?? 0) + 1
    changes.push({
      key,
      dedupeKey: `${dedupeBase(feed, current, instance.start)}:${String(changeCount)}`,
      event: fromFeedInstance(feed, instance, client, deps.settings, now),
      tracked: { ...current, status: 'scheduled', changes: changeCount },
    })
  }

  // What is no longer in the feed: dismissed while still ahead, forgotten once past.
  const forget = new Set<string>()
  for (const [key, tracked] of Object.entries(state.instances)) {
    if (present.has(key)) continue
    if (tracked.start <= now) forget.add(key)
    else if (tracked.status === 'scheduled')
      changes.push(ending(feed, tracked, tracked, 'removed', now))
  }
  return { changes, forget }
}

function ending(
  feed: string,
  current: Omit<TrackedInstance, 'status' | 'changes'>,
  tracked: TrackedInstance,
  how: FeedEnding,
  now: number,
): Change {
  const changeCount = tracked.changes + 1
  const start: FeedTime = { kind: 'instant', at: tracked.start }
  return {
    key: instanceKey(current.uid, current.recurrenceId),
    dedupeKey: `${dedupeBase(feed, current, start)}:${how}:${String(changeCount)}`,
    event: feedInstanceEnded(feed, current, how, now),
    tracked: { ...current, status: how, changes: changeCount },
  }
}

/** `ics:<feed>:<uid>:<recurrence-id>:<sequence>:<start>`; the caller adds what changed. */
function dedupeBase(
  feed: string,
  instance: Pick<TrackedInstance, 'uid' | 'recurrenceId' | 'sequence'>,
  start: FeedTime,
): string {
  const when =
    start.kind === 'date'
      ? start.date.replaceAll('-', '')
      : `${new Date(start.at).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`
  return `ics:${feed}:${instance.uid}:${instance.recurrenceId}:${String(instance.sequence)}:${when}`
}

/** The first attendee who is a client, in the order the event lists them. */
async function clientAmong(
  attendees: readonly FeedPerson[],
  clients: () => Promise<ReadonlySet<string>>,
): Promise<FeedPerson | undefined> {
  if (attendees.length === 0) return undefined
  const known = await clients()
  return attendees.find((person) => known.has(normaliseEmail(person.email)))
}

/** A digest of everything an instance's appointment shows. */
async function digestOf(instance: FeedInstance): Promise<string> {
  return (await sha256Hex(JSON.stringify(instance))).slice(0, 16)
}
