import { alertFailures } from './alerts'
import { observeOutcomes } from './pipeline/observers'
import { notifySlack } from './slack/notify'

/**
 * The one place the platform learns about the integrations: who is told how deliveries end.
 * Routes are mounted in `app.ts`; operations and their executors are listed in
 * `pipeline/executors`.
 */
observeOutcomes(notifySlack)
observeOutcomes(alertFailures)
