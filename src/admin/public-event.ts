import type { Attempt, EventError, EventRecord, EventStatus, Replay } from '../pipeline/events'
import type { OperationKind, OperationResult } from '../pipeline/operations'

/**
 * An event as the admin API and console show it. The stored record keeps the operations (they
 * hold form answers and notes) and where to notify the source (a Slack `response_url` is a
 * credential) so it can be replayed; neither is shown, only the kinds of operation.
 */
export interface PublicEvent {
  readonly id: string
  readonly source: string
  readonly dedupeKey: string
  readonly status: EventStatus
  readonly summary: string
  readonly receivedAt: string
  readonly updatedAt: string
  readonly operations: readonly OperationKind[]
  /** Per operation, what it did in Enerpize once it succeeded. */
  readonly results: readonly (Pick<OperationResult, 'resource' | 'id' | 'action'> | null)[]
  readonly attempts: readonly Attempt[]
  readonly record: { readonly resource: string; readonly id: string } | null
  readonly error: EventError | null
  readonly duplicateOf: string | null
  readonly replays: readonly Replay[]
  /** Whether a replay would send it through the pipeline again (see `replayability`). */
  readonly replayable: boolean
}

/** Why an event can or cannot be replayed, in the words the API and the console use. */
export type Replayability =
  | { readonly replayable: true }
  | {
      readonly replayable: false
      readonly reason: 'delivered' | 'duplicate' | 'in-progress' | 'never-queued'
      readonly message: string
    }

/**
 * Only failed and dead events are replayed. A failed event that never reached the queue is not:
 * its sender was told the event was not accepted (a 503, or "nothing was logged" in Slack) and
 * has sent it again or decided not to, so replaying it could record it twice.
 */
export function replayability(event: EventRecord): Replayability {
  switch (event.status) {
    case 'delivered':
      return {
        replayable: false,
        reason: 'delivered',
        message: `event ${event.id} was already delivered; nothing was done`,
      }
    case 'duplicate':
      return {
        replayable: false,
        reason: 'duplicate',
        message: `event ${event.id} is a repeat of ${event.duplicateOf ?? 'an earlier event'}; replay that one instead`,
      }
    case 'queued':
      return {
        replayable: false,
        reason: 'in-progress',
        message: `event ${event.id} is still being delivered; wait for it to settle`,
      }
    case 'failed':
    case 'dead':
      return event.status === 'failed' && event.attempts.length === 0
        ? {
            replayable: false,
            reason: 'never-queued',
            message: `event ${event.id} never reached the delivery queue and its sender was told so; a replay could record it twice`,
          }
        : { replayable: true }
  }
}

/** The event without its operations' content, its notify target or its detail values. */
export function publicEvent(event: EventRecord): PublicEvent {
  return {
    id: event.id,
    source: event.source,
    dedupeKey: event.dedupeKey,
    status: event.status,
    summary: event.summary,
    receivedAt: event.receivedAt,
    updatedAt: event.updatedAt,
    operations: event.operations.map((operation) => operation.kind),
    results: event.results.map((result) =>
      result ? { resource: result.resource, id: result.id, action: result.action } : null,
    ),
    attempts: event.attempts,
    record: event.record ?? null,
    error: event.error ?? null,
    duplicateOf: event.duplicateOf ?? null,
    replays: event.replays ?? [],
    replayable: replayability(event).replayable,
  }
}
