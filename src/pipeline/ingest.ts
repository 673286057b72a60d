import { BridgeError, ConflictError } from '../errors'
import { log } from '../log'
import { sha256Hex } from './body'
import type { ClaimStore } from './claims'
import { EventStore, newEventId, type EventRecord } from './events'
import type { DeliveryJob, Notify, Operation } from './operations'

/** How long a dedupe key is held unless the source says otherwise: the longest retry window. */
export const DEDUPE_TTL_SECONDS = 7 * 24 * 60 * 60

/** A verified, validated event, translated into operations and ready to be claimed and queued. */
export interface Submission {
  readonly source: string
  /** The source's own stable id for the event (see each source's module). */
  readonly dedupeKey: string
  /** What makes two deliveries "the same payload": usually the raw body. */
  readonly payload: string | Uint8Array
  readonly operations: readonly Operation[]
  readonly summary: string
  readonly notify?: Notify
  readonly dedupeTtlSeconds?: number
  /** The answer given to the sender now, kept so a repeat gets the same answer. */
  readonly reply?: unknown
}

export type Acceptance =
  | { readonly kind: 'accepted'; readonly eventId: string }
  | {
      readonly kind: 'duplicate'
      readonly eventId: string
      /** The event that first carried the key, as it stands now (null once expired). */
      readonly first: EventRecord | null
      readonly firstEventId: string
      readonly reply: unknown
    }

/** What `accept` needs from the platform. */
export interface IngestDeps {
  readonly kv: KVNamespace
  readonly claims: ClaimStore
  readonly queue: Queue
}

/**
 * Claims the event's dedupe key, records it and queues it for delivery. Only when this resolves
 * has the event been durably accepted; the caller answers the sender after it.
 *
 * @throws ConflictError when the key was used before with a different payload.
 * @throws BridgeError 503 when the queue refused the job (the claim is released so a retry works).
 */
export async function accept(deps: IngestDeps, submission: Submission): Promise<Acceptance> {
  const started = Date.now()
  const events = new EventStore(deps.kv)
  const eventId = newEventId(started)
  const fingerprint = await sha256Hex(submission.payload)
  const claimKey = await claimKeyFor(submission.source, submission.dedupeKey)
  const job: DeliveryJob = {
    eventId,
    source: submission.source,
    dedupeKey: submission.dedupeKey,
    summary: submission.summary,
    operations: submission.operations,
    ...(submission.notify ? { notify: submission.notify } : {}),
  }

  // Claim the key; a repeat is answered from the first event and goes no further.
  const result = await deps.claims.claim(
    claimKey,
    { eventId, fingerprint, reply: submission.reply, claimedAt: new Date(started).toISOString() },
    submission.dedupeTtlSeconds ?? DEDUPE_TTL_SECONDS,
  )
  if (!result.claimed) {
    const { existing } = result
    if (existing.fingerprint !== fingerprint) {
      log('warn', 'event conflicts with an earlier one', {
        source: submission.source,
        dedupeKey: submission.dedupeKey,
        result: 'conflict',
        firstEvent: existing.eventId,
      })
      throw new ConflictError(
        `${submission.source} event ${submission.dedupeKey} was already received with a different payload`,
      )
    }
    const first = await events.get(existing.eventId)
    await events.create(job, 'duplicate', { duplicateOf: existing.eventId, now: started })
    log('info', 'event is a duplicate', {
      source: submission.source,
      dedupeKey: submission.dedupeKey,
      result: 'duplicate',
      event: eventId,
      firstEvent: existing.eventId,
      ms: Date.now() - started,
    })
    return {
      kind: 'duplicate',
      eventId,
      first,
      firstEventId: existing.eventId,
      reply: existing.reply,
    }
  }

  // Record the event, then queue it: the record must exist before the consumer can see the job.
  await events.create(job, 'queued', { now: started })
  try {
    await deps.queue.send(job, { contentType: 'json' })
  } catch (cause) {
    await deps.claims.release(claimKey, eventId)
    await events.update(eventId, (r) => ({
      ...r,
      status: 'failed',
      error: { status: null, message: 'the delivery queue did not accept the event' },
    }))
    log('error', 'event could not be queued', {
      source: submission.source,
      dedupeKey: submission.dedupeKey,
      result: 'not-queued',
      event: eventId,
      error: cause instanceof Error ? cause.message : String(cause),
    })
    throw new BridgeError(503, 'queue_unavailable', 'the event could not be queued; retry later', {
      cause,
    })
  }
  return { kind: 'accepted', eventId }
}

/** KV keys are at most 512 bytes: long dedupe keys are hashed, short ones kept readable. */
async function claimKeyFor(source: string, dedupeKey: string): Promise<string> {
  const key = `${source}:${dedupeKey}`
  return key.length <= 200 ? key : `${source}:sha256:${await sha256Hex(dedupeKey)}`
}
