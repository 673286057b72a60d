import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { startEnerpizeStandIn } from '../../bench/enerpize-stand-in'
import { testBindings } from '../support/bindings'
import { SummaryReporter } from './summary-reporter'

/**
 * `npm run test:reliability`: the reliability suite, inside workerd with the Worker's real KV,
 * Queues and Durable Object, against an Enerpize stand-in on 127.0.0.1 (a real socket, so
 * resets and hangs are real). Every test file runs in the `kv` project; the duplicate storms
 * run again in the `durable-object` project, with the strict idempotency mode.
 */
const API_KEY = 'reliability-enerpize-key'

// Started once for the whole run; the summary reporter closes it at the end.
const standIn = await startEnerpizeStandIn({ apiKey: API_KEY })

function bindings(mode: 'kv' | 'durable-object') {
  return {
    ...testBindings,
    ENERPIZE_BASE_URL: standIn.baseUrl,
    ENERPIZE_API_KEY: API_KEY,
    ENERPIZE_MAX_RPS: '40',
    ENERPIZE_TIMEOUT_MS: '1500',
    DELIVERY_MAX_ATTEMPTS: '4',
    DELIVERY_BACKOFF_SECONDS: '0',
    IDEMPOTENCY_MODE: mode,
    STAND_IN_ORIGIN: standIn.origin,
    // Nothing may leave the machine: no Slack Web API, no alert webhook, no feeds, whatever a
    // developer's .dev.vars says.
    SLACK_BOT_TOKEN: '',
    ALERT_SLACK_WEBHOOK: '',
    ICS_FEEDS: '',
    ENERPIZE_SUBDOMAIN: '',
  }
}

function project(mode: 'kv' | 'durable-object', include: string[]) {
  return {
    plugins: [
      cloudflareTest({
        main: './src/index.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: { bindings: bindings(mode) },
      }),
    ],
    test: { name: mode, include, testTimeout: 180_000, hookTimeout: 60_000 },
  }
}

export default defineConfig({
  test: {
    projects: [
      project('kv', ['test/reliability/**/*.test.ts']),
      project('durable-object', ['test/reliability/duplicate-storms.test.ts']),
    ],
    // One file at a time: calls per second and "the stand-in went quiet" mean one workload.
    fileParallelism: false,
    // The Worker logs one line per event; thousands of them would bury the summary.
    silent: 'passed-only',
    reporters: ['default', new SummaryReporter(standIn, 'bench/reliability.md')],
  },
})
