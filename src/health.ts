import { Hono } from 'hono'
import { INTEGRATIONS, type Config } from './config'
import { enerpizeFor } from './connection'
import { EnerpizeError, type EnerpizeClient, type EnerpizeErrorKind } from './enerpize'
import type { AppEnv } from './http/app-env'
import { SANDBOX_ROUTE } from './sandbox'

/** One integration's readiness: ready, or the binding it lacks. */
export type IntegrationHealth =
  | { readonly name: string; readonly ready: true }
  | { readonly name: string; readonly ready: false; readonly missing: string }

/** What `GET /site_info.json` said about the configured account. */
export type ConnectionCheck =
  | {
      readonly ok: true
      readonly businessName: string | null
      readonly subdomain: string | null
      readonly timezone: string | null
      readonly checkedAt: string
    }
  | {
      readonly ok: false
      /** The HTTP status, or null when no answer came. */
      readonly status: number | null
      readonly error: EnerpizeErrorKind | 'not_configured'
      /** Enerpize's own message (`Unauthorized`), or what went wrong. */
      readonly message: string
      readonly checkedAt: string
    }

/** The Enerpize part of `/health`. Never the key: only whether one is set. */
export type EnerpizeHealth =
  | {
      readonly mode: 'sandbox'
      readonly host: string
      readonly apiKey: boolean
      readonly sandbox: { readonly path: string; readonly note: string }
    }
  | {
      readonly mode: 'live'
      readonly host: string
      readonly apiKey: boolean
      readonly connection: ConnectionCheck
    }

/** How long a connection check is reused, so /health cannot be used to hammer Enerpize. */
const CHECK_TTL_MS = 60_000

/** Recent checks in this isolate, by base URL. */
const checks = new Map<string, { readonly at: number; readonly result: ConnectionCheck }>()

/**
 * Reports on the Enerpize connection. In live mode it asks `GET /site_info.json` through
 * `client`, at most once a minute per base URL; in sandbox mode it calls nothing and says where
 * the sandbox answers.
 */
export async function enerpizeHealth(
  config: Config,
  client: EnerpizeClient,
  now: number = Date.now(),
): Promise<EnerpizeHealth> {
  const { mode, host, apiKey } = config.enerpize
  if (mode === 'sandbox') {
    return {
      mode,
      host,
      apiKey: apiKey !== undefined,
      sandbox: {
        path: SANDBOX_ROUTE,
        note: 'no Enerpize account is configured: every call goes to the embedded sandbox',
      },
    }
  }
  return {
    mode,
    host,
    apiKey: apiKey !== undefined,
    connection: await checkConnection(config, client, now),
  }
}

async function checkConnection(
  config: Config,
  client: EnerpizeClient,
  now: number,
): Promise<ConnectionCheck> {
  const checkedAt = new Date(now).toISOString()
  if (config.enerpize.apiKey === undefined) {
    return {
      ok: false,
      status: null,
      error: 'not_configured',
      message: 'set the ENERPIZE_API_KEY secret',
      checkedAt,
    }
  }
  const cached = checks.get(config.enerpize.baseUrl)
  if (cached !== undefined && now - cached.at < CHECK_TTL_MS) return cached.result

  let result: ConnectionCheck
  try {
    const site = await client.siteInfo()
    result = {
      ok: true,
      businessName: site.business_name ?? null,
      subdomain: site.subdomain ?? null,
      timezone: site.timezone ?? null,
      checkedAt,
    }
  } catch (error) {
    if (!(error instanceof EnerpizeError)) throw error
    result = {
      ok: false,
      status: error.status,
      error: error.kind,
      message: error.enerpizeMessage,
      checkedAt,
    }
  }
  checks.set(config.enerpize.baseUrl, { at: now, result })
  return result
}

/** Each integration ready, or the binding it lacks (by name, never its value). */
export function integrationHealth(config: Config): IntegrationHealth[] {
  return INTEGRATIONS.map(({ name, binding }) =>
    config.secrets[binding] === undefined
      ? { name, ready: false, missing: binding }
      : { name, ready: true },
  )
}

/**
 * `GET /health`: mode, the Enerpize connection (or the sandbox), the time zone and each
 * integration's readiness. Never a secret.
 */
export const health = new Hono<AppEnv>().get('/health', async (c) => {
  const config = c.get('config')

  const integrations = integrationHealth(config)
  const enerpize = await enerpizeHealth(config, enerpizeFor(c.env, config))

  return c.json({
    status: enerpize.mode === 'live' && !enerpize.connection.ok ? 'degraded' : 'ok',
    mode: config.enerpize.mode,
    enerpize,
    timezone: config.timezone,
    integrations,
    // How many iCalendar feeds the cron polls; their addresses are secrets.
    calendarFeeds: config.icsFeeds.length,
  })
})
