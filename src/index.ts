import { app } from './app'
import { handleQueue } from './pipeline/queue'
import './registry'

export default {
  fetch: app.fetch,
  queue: handleQueue,
} satisfies ExportedHandler<Env>
