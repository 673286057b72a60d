import { getConfig } from '../config'
import { enerpizeFor } from '../connection'
import { log } from '../log'
import { deliver, type DeliveryOutcome } from './deliver'
import { EventStore } from './events'
import { announce } from './observers'
import type { DeliveryJob } from './operations'
import { sharedRateLimiter } from './rate-limit'

/**
 * The queue consumer. The deliveries queue's batches are delivered concurrently, every Enerpize
 * call passing through the isolate's rate limiter; the dead-letter queue's messages mark their
 * events `dead`, which covers jobs the platform gave up on as well as the ones the bridge did.
 */
export async function handleQueue(
  batch: MessageBatch,
  env: Env,
  ctx: ExecutionContext,
): Promise<void> {
  if (batch.queue.endsWith('dead-letters')) return handleDeadLetters(batch, env, ctx)

  const config = getConfig(env)
  const limiter = sharedRateLimiter(config.enerpize.maxRps)
  const enerpize = enerpizeFor(env, config, { beforeRequest: () => limiter.acquire() })
  const deps = { env, config, enerpize, kv: env.IDEMPOTENCY }

  await Promise.all(
    batch.messages.map(async (message) => {
      const job = message.body as DeliveryJob
      const started = Date.now()
      let outcome: DeliveryOutcome
      try {
        outcome = await deliver(job, message.attempts, deps)
      } catch (error) {
        // The platform itself failed (KV, say): let the queue try the message again.
        log('error', 'delivery attempt crashed', {
          source: job.source,
          dedupeKey: job.dedupeKey,
          event: job.eventId,
          error: error instanceof Error ? error.message : String(error),
        })
        message.retry({ delaySeconds: config.deliveryBackoff.baseSeconds })
        return
      }

      if (outcome.kind === 'retry') message.retry({ delaySeconds: outcome.delaySeconds })
      else {
        if (outcome.kind === 'dead' && !outcome.stale) await env.DEAD_LETTERS.send(job)
        message.ack()
      }
      if (outcome.kind === 'delivered' ? outcome.already : 'stale' in outcome && outcome.stale) {
        return
      }

      logOutcome(outcome, Date.now() - started)
      ctx.waitUntil(announce(outcome, { env, config }).then(logObserverFailures))
    }),
  )
}

async function handleDeadLetters(
  batch: MessageBatch,
  env: Env,
  ctx: ExecutionContext,
): Promise<void> {
  const config = getConfig(env)
  const events = new EventStore(env.IDEMPOTENCY)
  for (const message of batch.messages) {
    const job = message.body as DeliveryJob
    const before = await events.get(job.eventId)
    // Already dead (the bridge dead-lettered it), delivered after all, or replayed from the
    // console since this letter was sent: nothing to add.
    const replayedSince = (before?.replays ?? []).some(
      (replay) => Date.parse(replay.at) >= message.timestamp.getTime(),
    )
    if (before && (before.status === 'dead' || before.status === 'delivered' || replayedSince)) {
      message.ack()
      continue
    }
    const event = await events.update(job.eventId, (r) => ({
      ...r,
      status: 'dead',
      error: r.error ?? { status: null, message: 'the delivery queue gave up on this event' },
    }))
    message.ack()
    if (event) {
      const outcome: DeliveryOutcome = { kind: 'dead', event, stale: false }
      logOutcome(outcome, 0)
      ctx.waitUntil(announce(outcome, { env, config }).then(logObserverFailures))
    }
  }
}

/** The one structured line per event outcome. */
function logOutcome(outcome: DeliveryOutcome, ms: number): void {
  const { event } = outcome
  const level = outcome.kind === 'delivered' ? 'info' : outcome.kind === 'retry' ? 'warn' : 'error'
  log(level, `event ${outcome.kind}`, {
    source: event.source,
    dedupeKey: event.dedupeKey,
    event: event.id,
    result: outcome.kind,
    attempt: event.attempts.length,
    record: event.record ? `${event.record.resource}/${event.record.id}` : undefined,
    status: event.error?.status,
    error: outcome.kind === 'delivered' ? undefined : event.error?.message,
    ms,
  })
}

function logObserverFailures(failures: unknown[]): void {
  for (const failure of failures) {
    log('warn', 'an outcome observer failed', {
      error: failure instanceof Error ? failure.message : String(failure),
    })
  }
}
