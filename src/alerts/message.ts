import type { DeliveryOutcome } from '../pipeline/deliver'
import type { EventError } from '../pipeline/events'
import { escapeText } from '../slack/messages'
import type { Digest } from './throttle'

/** When in an event's life an outcome is worth an alert. */
export type AlertMoment = 'first' | 'final' | 'first-and-final'

/**
 * The moment an outcome marks, or null when it is not one: the first failure is the outcome of
 * an event's first attempt that did not deliver it; the final one is `failed` (Enerpize refused
 * it, so retrying cannot help) or `dead` (the attempts ran out).
 */
export function alertMoment(outcome: DeliveryOutcome): AlertMoment | null {
  if (outcome.kind === 'delivered') return null
  const first = outcome.event.attempts.length === 1
  const final = outcome.kind === 'failed' || outcome.kind === 'dead'
  if (first && final) return 'first-and-final'
  if (first) return 'first'
  return final ? 'final' : null
}

/** A Slack incoming-webhook body (`text` in Slack's mrkdwn). */
export interface AlertMessage {
  readonly text: string
}

/** The alert for one failure: what happened, the event's summary, and Enerpize's answer. */
export function alertMessage(
  outcome: Exclude<DeliveryOutcome, { kind: 'delivered' }>,
  moment: AlertMoment,
  maxAttempts: number,
): AlertMessage {
  const { event } = outcome
  const attempts = event.attempts.length
  const headline =
    outcome.kind === 'failed'
      ? ':x: *Enerpize refused an event*; retrying cannot help, so nothing will retry it.'
      : outcome.kind === 'dead'
        ? `:rotating_light: *An event is dead* after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}; it waits in the console for a replay.`
        : `:warning: *An event failed* on its first attempt of ${maxAttempts}; it will be retried in ${outcome.delaySeconds} s.`
  const which = moment === 'final' ? 'Final failure' : 'First failure'
  return {
    text: [
      headline,
      `${which} of ${escapeText(event.source)} event \`${event.id}\`: ${escapeText(event.summary)}`,
      errorLine(event.error),
      ...validationLines(event.error),
      outcome.kind === 'retry' ? '' : 'Replay it from the admin console once the cause is fixed.',
    ]
      .filter((line) => line !== '')
      .join('\n'),
  }
}

/** The one message for the failures a closed window did not alert one by one. */
export function digestMessage(digest: Digest, timezone: string): AlertMessage {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
  })
  const failures = digest.count === 1 ? 'failure' : 'failures'
  return {
    text: `:bell: …and ${digest.count} more ${failures} between ${format.format(digest.from)} and ${format.format(digest.to)} (${escapeText(timezone)}) were not alerted one by one. The admin console lists every failed and dead event and can replay them all.`,
  }
}

function errorLine(error: EventError | undefined): string {
  if (!error) return 'Enerpize gave no reason.'
  const status = error.status === null || error.status === 0 ? 'no answer' : `${error.status}`
  return `Enerpize answered ${status}: ${escapeText(error.message)}`
}

function validationLines(error: EventError | undefined): string[] {
  return Object.entries(error?.validationErrors ?? {}).map(
    ([field, reason]) => `• ${escapeText(field)}: ${escapeText(reason)}`,
  )
}
