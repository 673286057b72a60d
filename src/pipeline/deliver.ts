import { EnerpizeError } from '../enerpize'
import { BridgeError } from '../errors'
import { backoffSeconds } from './backoff'
import type { DeliveryContext } from './context'
import { EventStore, type Attempt, type EventError, type EventRecord } from './events'
import { runOperation } from './executors'
import type { DeliveryJob, OperationResult } from './operations'

/** How one delivery attempt of one event ended. */
export type DeliveryOutcome =
  | { readonly kind: 'delivered'; readonly event: EventRecord; readonly already: boolean }
  | { readonly kind: 'retry'; readonly event: EventRecord; readonly delaySeconds: number }
  | { readonly kind: 'failed'; readonly event: EventRecord; readonly stale: boolean }
  | { readonly kind: 'dead'; readonly event: EventRecord; readonly stale: boolean }

export type DeliverDeps = Omit<DeliveryContext, 'event' | 'attempt' | 'uncertain'>

/**
 * Performs one attempt at delivering an event: runs the operations that have not succeeded yet,
 * records the outcome on the event, and says whether the queue should retry.
 *
 * Retryable failures (429, 5xx, a network failure) are retried with backoff until the event's
 * attempts run out; a refusal (4xx) is final; a timeout after a create was sent marks the next
 * attempt "uncertain", so the executor looks the record up before creating it again.
 */
export async function deliver(
  job: DeliveryJob,
  attempt: number,
  deps: DeliverDeps,
): Promise<DeliveryOutcome> {
  const started = Date.now()
  const events = new EventStore(deps.kv)

  // Load the event; the job carries everything needed should the record not be visible yet.
  const current = (await events.get(job.eventId)) ?? recordFromJob(job, started)
  if (current.status === 'delivered') return { kind: 'delivered', event: current, already: true }
  if (!job.replay && (current.status === 'failed' || current.status === 'dead')) {
    return { kind: current.status, event: current, stale: true }
  }

  // Run each operation not yet done, in order; stop at the first failure.
  const results: (OperationResult | null)[] = [...current.results]
  const uncertain = current.attempts.at(-1)?.uncertain === true
  let failure: unknown = null
  for (const [index, operation] of job.operations.entries()) {
    if (results[index]) continue
    try {
      results[index] = await runOperation(operation, {
        ...deps,
        event: { id: job.eventId, source: job.source, dedupeKey: job.dedupeKey },
        attempt,
        uncertain,
      })
    } catch (error) {
      failure = error
      break
    }
  }

  const base = {
    number: current.attempts.length + 1,
    at: new Date(started).toISOString(),
    ms: Date.now() - started,
  }

  // Delivered: every operation has a result.
  if (failure === null) {
    const main = results.findLast((r) => r !== null)
    const attemptRecord: Attempt = { ...base, outcome: 'delivered' }
    const event = await save(events, current, (r) => {
      const { error: _resolved, ...rest } = r
      return {
        ...rest,
        status: 'delivered',
        results,
        attempts: [...r.attempts, attemptRecord],
        ...(main ? { record: { resource: main.resource, id: main.id } } : {}),
      }
    })
    return { kind: 'delivered', event, already: false }
  }

  // Failed: final when Enerpize refused, retried while attempts remain, else dead.
  const error = describe(failure)
  const retryable = isRetryable(failure)
  const exhausted = attempt >= deps.config.deliveryMaxAttempts
  const kind = !retryable ? 'failed' : exhausted ? 'dead' : 'retry'
  const delaySeconds =
    kind === 'retry'
      ? backoffSeconds(
          attempt,
          deps.config.deliveryBackoff,
          failure instanceof EnerpizeError ? failure.retryAfterMs : undefined,
        )
      : 0
  const attemptRecord: Attempt = {
    ...base,
    outcome: kind === 'retry' ? 'retrying' : kind,
    error,
    ...(kind === 'retry' ? { delaySeconds } : {}),
    ...(failure instanceof EnerpizeError && failure.retry === 'unknown' ? { uncertain: true } : {}),
  }
  const event = await save(events, current, (r) => ({
    ...r,
    status: kind === 'retry' ? 'queued' : kind,
    results,
    attempts: [...r.attempts, attemptRecord],
    error,
  }))
  if (kind === 'retry') return { kind, event, delaySeconds }
  return { kind, event, stale: false }
}

function save(
  events: EventStore,
  current: EventRecord,
  change: (r: EventRecord) => EventRecord,
): Promise<EventRecord> {
  return events.update(current.id, change, () => current).then((saved) => saved ?? change(current))
}

function recordFromJob(job: DeliveryJob, now: number): EventRecord {
  const at = new Date(now).toISOString()
  return {
    id: job.eventId,
    source: job.source,
    dedupeKey: job.dedupeKey,
    status: 'queued',
    summary: job.summary,
    receivedAt: at,
    updatedAt: at,
    operations: job.operations,
    ...(job.notify ? { notify: job.notify } : {}),
    results: job.operations.map(() => null),
    attempts: [],
    indexKey: `events:${String(99_999_999_999_999 - now).padStart(14, '0')}:${job.eventId}`,
  }
}

/** Whether trying again can help. A create whose fate is unknown is retried after a lookup. */
function isRetryable(error: unknown): boolean {
  if (error instanceof EnerpizeError) return error.retry !== 'unsafe'
  if (error instanceof BridgeError) return error.status >= 500
  return true
}

/** The error as the event history keeps it: what Enerpize said, no stack, no secret. */
export function describe(error: unknown): EventError {
  if (error instanceof EnerpizeError) {
    const validation = Object.keys(error.validationErrors).length
    return {
      status: error.status,
      message: error.message,
      ...(validation > 0 ? { validationErrors: error.validationErrors } : {}),
    }
  }
  if (error instanceof BridgeError) return { status: error.status, message: error.message }
  return { status: 0, message: error instanceof Error ? error.message : String(error) }
}
