import { BridgeError } from '../errors'
import {
  EventStore,
  reopenForReplay,
  replayJob,
  type EventRecord,
  type EventStatus,
} from '../pipeline/events'
import type { DeliveryJob } from '../pipeline/operations'
import { serialised } from '../pipeline/serialise'
import { replayability, type Replayability } from './public-event'

/** What replaying needs: the event history and the deliveries queue. */
export interface ReplayDeps {
  readonly kv: KVNamespace
  readonly queue: Queue
}

/** How a replay request for one event ended. */
export type ReplayOutcome =
  | { readonly kind: 'not-found'; readonly id: string }
  | { readonly kind: 'queued'; readonly event: EventRecord }
  | {
      readonly kind: 'refused'
      readonly event: EventRecord
      readonly why: Extract<Replayability, { replayable: false }>
    }

/** Which events a bulk replay takes: failed or dead ones, optionally of one source. */
export interface ReplayFilter {
  readonly status?: 'failed' | 'dead'
  readonly source?: string
}

/** What a bulk replay did. */
export interface BulkReplay {
  /** The events queued again, newest first. */
  readonly replayed: readonly string[]
  /** True when more events match than one request replays: run it again for the rest. */
  readonly more: boolean
}

/** At most this many events per bulk replay, to stay well inside a request's KV and Queue calls. */
export const MAX_BULK_REPLAY = 100

/**
 * Sends a failed or dead event through the pipeline again: its status goes back to `queued`
 * (its attempts are kept) and the job is queued with `replay: true`. The queue consumer skips
 * the operations that already succeeded, so a replay never performs one twice. Any other event
 * is left alone and the outcome says why.
 *
 * @throws BridgeError 503 when the queue refused the job; the event is restored as it was.
 */
export async function replayEvent(deps: ReplayDeps, id: string): Promise<ReplayOutcome> {
  const events = new EventStore(deps.kv)
  const prepared = await prepare(events, id)
  if (prepared.kind !== 'ready') return prepared

  try {
    await deps.queue.send(prepared.job, { contentType: 'json' })
  } catch (cause) {
    await restore(events, [prepared.before])
    throw queueRefused(cause)
  }
  return { kind: 'queued', event: prepared.reopened }
}

/**
 * Replays every failed or dead event that matches, up to `MAX_BULK_REPLAY` per call, in one
 * queue batch.
 *
 * @throws BridgeError 503 when the queue refused the batch; every event is restored as it was.
 */
export async function replayMatching(
  deps: ReplayDeps,
  filter: ReplayFilter,
  max = MAX_BULK_REPLAY,
): Promise<BulkReplay> {
  const events = new EventStore(deps.kv)
  const statuses: readonly EventStatus[] =
    filter.status === undefined ? ['failed', 'dead'] : [filter.status]

  // Find the candidates first, then reopen them: reopening changes what the listing shows.
  const candidates: string[] = []
  let cursor: string | null = null
  do {
    const page = await events.list({
      statuses,
      ...(filter.source === undefined ? {} : { source: filter.source }),
      ...(cursor === null ? {} : { cursor }),
      limit: 200,
    })
    candidates.push(...page.events.map((e) => e.id))
    cursor = page.cursor
  } while (cursor !== null && candidates.length <= max)

  const ready: Prepared[] = []
  let left = candidates.length
  for (const id of candidates) {
    if (ready.length === max) break
    left -= 1
    const prepared = await prepare(events, id)
    if (prepared.kind === 'ready') ready.push(prepared)
  }
  if (ready.length > 0) {
    try {
      await deps.queue.sendBatch(ready.map((p) => ({ body: p.job, contentType: 'json' as const })))
    } catch (cause) {
      await restore(
        events,
        ready.map((p) => p.before),
      )
      throw queueRefused(cause)
    }
  }
  return { replayed: ready.map((p) => p.reopened.id), more: left > 0 || cursor !== null }
}

interface Prepared {
  readonly kind: 'ready'
  readonly before: EventRecord
  readonly reopened: EventRecord
  readonly job: DeliveryJob
}

/**
 * Checks and reopens one event. Within the isolate this runs one at a time per event, so two
 * clicks on the same Replay button queue it once: the second sees it `queued`.
 */
function prepare(
  events: EventStore,
  id: string,
): Promise<Prepared | Exclude<ReplayOutcome, { kind: 'queued' }>> {
  return serialised(`replay:${id}`, async () => {
    const before = await events.get(id)
    if (before === null) return { kind: 'not-found', id }
    const verdict = replayability(before)
    if (!verdict.replayable) return { kind: 'refused', event: before, why: verdict }

    const at = new Date().toISOString()
    const reopened =
      (await events.update(id, (r) => reopenForReplay(r, at))) ?? reopenForReplay(before, at)
    return { kind: 'ready', before, reopened, job: replayJob(reopened) }
  })
}

async function restore(events: EventStore, records: readonly EventRecord[]): Promise<void> {
  await Promise.all(records.map((before) => events.update(before.id, () => before)))
}

function queueRefused(cause: unknown): BridgeError {
  return new BridgeError(503, 'queue_unavailable', 'the replay could not be queued; try again', {
    cause,
  })
}
