import { app } from './app'
import { handleScheduled } from './calendar/scheduled'
import { handleQueue } from './pipeline/queue'
import './registry'

export { ClaimsDurableObject } from './pipeline/claims-durable-object'

export default {
  fetch: app.fetch,
  queue: handleQueue,
  scheduled: handleScheduled,
} satisfies ExportedHandler<Env>
