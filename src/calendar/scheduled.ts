import { getConfig, type Config } from '../config'
import { enerpizeFor } from '../connection'
import { claimStoreFor } from '../pipeline/claim-store'
import { sharedRateLimiter } from '../pipeline/rate-limit'
import { syncFeeds, type FeedSyncDeps } from './ics/sync-feeds'
import { settingsOf } from './routes'

/**
 * The Cron Trigger (`[triggers] crons` in wrangler.toml): polls the iCalendar feeds listed in
 * `ICS_FEEDS`. With none listed it does nothing. How each feed went is logged when it fails;
 * what it changed is in the event history.
 */
export async function handleScheduled(
  _controller: ScheduledController,
  env: Env,
  _ctx: ExecutionContext,
): Promise<void> {
  const config = getConfig(env)
  if (config.icsFeeds.length === 0) return
  await syncFeeds(feedSyncDeps(env, config), config.icsFeeds)
}

/** What a feed poll uses from the Worker's bindings. */
export function feedSyncDeps(env: Env, config: Config): FeedSyncDeps {
  const limiter = sharedRateLimiter(config.enerpize.maxRps)
  return {
    kv: env.IDEMPOTENCY,
    claims: claimStoreFor(env, config),
    queue: env.DELIVERIES,
    enerpize: enerpizeFor(env, config, { beforeRequest: () => limiter.acquire() }),
    settings: settingsOf(config),
  }
}
