import type { Config } from '../config'
import type { DeliveryOutcome } from './deliver'

/**
 * Something that wants to hear how deliveries end (alerts, the source's own channel). Observers
 * run after the queue has been told the outcome, in `waitUntil`; one failing never affects the
 * delivery or another observer.
 */
export type OutcomeObserver = (
  outcome: DeliveryOutcome,
  deps: { readonly env: Env; readonly config: Config },
) => Promise<void>

const observers: OutcomeObserver[] = []

/** Adds an observer; modules register theirs when they are imported. */
export function observeOutcomes(observer: OutcomeObserver): void {
  observers.push(observer)
}

/** Tells every observer about an outcome, swallowing (and returning) their failures. */
export async function announce(
  outcome: DeliveryOutcome,
  deps: { readonly env: Env; readonly config: Config },
): Promise<unknown[]> {
  const settled = await Promise.allSettled(observers.map((observer) => observer(outcome, deps)))
  return settled.flatMap((s): unknown[] => (s.status === 'rejected' ? [s.reason as unknown] : []))
}
