/**
 * What the bridge remembers of each iCalendar feed between polls, in KV under
 * `ics:feed:<feed id>` with no expiry: the validators for a conditional request, and every
 * instance it has turned into an appointment (or dismissed), so the next poll knows what is
 * new, what changed and what vanished.
 */
export interface FeedState {
  /** `ETag` of the last full answer, sent back as `If-None-Match`. */
  readonly etag?: string
  /** `Last-Modified` of the last full answer, sent back as `If-Modified-Since`. */
  readonly lastModified?: string
  /** By instance identity (see `instanceKey`). */
  readonly instances: Readonly<Record<string, TrackedInstance>>
}

export interface TrackedInstance {
  readonly uid: string
  readonly recurrenceId: string
  readonly summary?: string
  /** The instance's `SEQUENCE` when last seen. */
  readonly sequence: number
  /** Its start, epoch ms: once past, the instance is forgotten rather than dismissed. */
  readonly start: number
  /** Digest of everything the appointment shows, to notice a change without a new SEQUENCE. */
  readonly digest: string
  /** `scheduled`, or how it ended. */
  readonly status: 'scheduled' | 'cancelled' | 'removed' | 'uninvited'
  /** Changes queued for it so far: part of each change's dedupe key, so each is queued once. */
  readonly changes: number
}

const PREFIX = 'ics:feed:'

/** The identity of an instance within its feed: UID plus RECURRENCE-ID. */
export function instanceKey(uid: string, recurrenceId: string): string {
  return JSON.stringify([uid, recurrenceId])
}

export async function readFeedState(kv: KVNamespace, feedId: string): Promise<FeedState> {
  return (await kv.get<FeedState>(PREFIX + feedId, 'json')) ?? { instances: {} }
}

export async function writeFeedState(
  kv: KVNamespace,
  feedId: string,
  state: FeedState,
): Promise<void> {
  await kv.put(PREFIX + feedId, JSON.stringify(state))
}
