import { Hono } from 'hono'
import { INTEGRATIONS } from './config'
import type { AppEnv } from './http/app-env'

/** One integration's readiness: ready, or the binding it lacks. */
export type IntegrationHealth =
  | { readonly name: string; readonly ready: true }
  | { readonly name: string; readonly ready: false; readonly missing: string }

/** `GET /health`: mode, Enerpize host, each integration's readiness. Never a secret. */
export const health = new Hono<AppEnv>().get('/health', (c) => {
  const config = c.get('config')

  const integrations: IntegrationHealth[] = INTEGRATIONS.map(({ name, binding }) =>
    config.secrets[binding] === undefined
      ? { name, ready: false, missing: binding }
      : { name, ready: true },
  )

  return c.json({
    status: 'ok',
    mode: config.enerpize.mode,
    enerpize: { host: config.enerpize.host, apiKey: config.enerpize.apiKey !== undefined },
    timezone: config.timezone,
    integrations,
  })
})
