import { env } from 'cloudflare:workers'
import { Hono } from 'hono'
import { expect } from 'vitest'
import { admin } from '../../src/admin'
import { getConfig, type Config } from '../../src/config'
import type { AppEnv } from '../../src/http/app-env'
import { EventStore, type EventRecord } from '../../src/pipeline/events'
import { bridge } from '../support/bridge'
import { records } from '../support/sandbox'
import { replyText, slackCommand } from '../support/slack'
import { eventually } from '../support/wait'

/** The admin token the test bindings set (vitest.config.ts). */
export const ADMIN_TOKEN = 'test-admin-token'

/** Calls the admin API with the test token, or the `token` given (null: no header). */
export function adminApi(
  path: string,
  init: RequestInit = {},
  token: string | null = ADMIN_TOKEN,
): Promise<Response> {
  const headers = new Headers(init.headers)
  if (token !== null) headers.set('authorization', `Bearer ${token}`)
  return bridge(path, { ...init, headers })
}

/** The configuration of the test bindings, with some secrets changed. */
export function configWith(secrets: Partial<Config['secrets']>): Config {
  const config = getConfig(env)
  return { ...config, secrets: { ...config.secrets, ...secrets } }
}

/**
 * The admin routes mounted behind a given configuration, as `app.ts` mounts them: bindings are
 * fixed for the whole test run, so this is how a bridge without ADMIN_TOKEN is exercised.
 */
export function adminWith(config: Config) {
  return new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('config', config)
      await next()
    })
    .route('/', admin)
}

let sequence = 0

/** A unique suffix for names, e-mails and notes, since storage outlives a test file. */
export function unique(label: string): string {
  sequence += 1
  return `${label}-${String(Date.now())}-${String(sequence)}`
}

/** A Slack user no other test uses, linked to a sandbox staff member. */
export async function linkedUser(): Promise<string> {
  const user = `UADM${String(Date.now())}${String((sequence += 1))}`
  const res = await slackCommand('link amira@example.com', { user })
  expect(await replyText(res)).toContain('Linked you to')
  return user
}

/** The newest event of `source` whose summary contains `text`. */
export async function eventFor(text: string, source = 'slack'): Promise<EventRecord> {
  const events = new EventStore(env.IDEMPOTENCY)
  const entry = await eventually(async () => {
    const page = await events.list({ source, limit: 200 })
    return page.events.find((e) => e.summary.includes(text))
  }, `an event about ${text}`)
  const event = await events.get(entry.id)
  if (!event) throw new Error('event vanished')
  return event
}

/** Time entries in the sandbox whose notes are exactly `notes`. */
export async function entriesWithNotes(notes: string) {
  return (await records('time_tracking')).filter((r) => r['notes'] === notes)
}
