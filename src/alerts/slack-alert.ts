import { sha256Hex } from '../pipeline/body'
import type { OutcomeObserver } from '../pipeline/observers'
import { alertMessage, alertMoment, digestMessage, type AlertMessage } from './message'
import { AlertThrottle, DEFAULT_THROTTLE, type ThrottleSettings } from './throttle'

/** How the alert observer behaves; the defaults suit production. */
export interface AlertOptions {
  readonly throttle?: ThrottleSettings
  /** The clock, in milliseconds since the epoch. */
  readonly now?: () => number
  /** How long the webhook has to answer. */
  readonly timeoutMs?: number
}

/**
 * Builds the observer that posts failures to the Slack incoming webhook in
 * `ALERT_SLACK_WEBHOOK`: one message on an event's first failure and one on its final failure,
 * throttled per webhook (see `AlertThrottle`). Without the webhook it does nothing.
 *
 * @example observeOutcomes(alertObserver({ throttle: { maxPerWindow: 3, windowSeconds: 600 } }))
 */
export function alertObserver(options: AlertOptions = {}): OutcomeObserver {
  const settings = options.throttle ?? DEFAULT_THROTTLE
  const now = options.now ?? Date.now
  const timeoutMs = options.timeoutMs ?? 5000

  return async (outcome, { env, config }) => {
    const webhook = config.secrets.ALERT_SLACK_WEBHOOK
    if (webhook === undefined) return
    // The state is keyed by a hash: the webhook URL is a credential and never a KV key.
    const throttle = new AlertThrottle(env.IDEMPOTENCY, await sha256Hex(webhook), settings, now)
    const post = (message: AlertMessage) => postToWebhook(webhook, message, timeoutMs)

    // Any outcome, a delivery included, closes a window that has run out and sends its digest.
    const moment = alertMoment(outcome)
    if (outcome.kind === 'delivered' || moment === null) {
      const digest = await throttle.flush()
      if (digest) await post(digestMessage(digest, config.timezone))
      return
    }

    const { digest, send } = await throttle.admit()
    if (digest) await post(digestMessage(digest, config.timezone))
    if (send) await post(alertMessage(outcome, moment, config.deliveryMaxAttempts))
  }
}

/** The observer `registry.ts` registers, with the default throttle. */
export const alertFailures: OutcomeObserver = alertObserver()

/** Posts one message; the error names the status, never the URL (it is a credential). */
async function postToWebhook(
  webhook: string,
  message: AlertMessage,
  timeoutMs: number,
): Promise<void> {
  const res = await fetch(webhook, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(timeoutMs),
  })
  if (!res.ok) throw new Error(`the alert webhook answered ${res.status}`)
}
