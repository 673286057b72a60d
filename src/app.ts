import { Hono } from 'hono'
import { admin } from './admin'
import { calendar } from './calendar/routes'
import { getConfig } from './config'
import { BridgeError, ConfigError } from './errors'
import { forms } from './forms/routes'
import { health } from './health'
import type { AppEnv } from './http/app-env'
import { log } from './log'
import { SANDBOX_ROUTE, sandboxRoute } from './sandbox'
import { slack } from './slack/routes'

/** The bridge's HTTP surface: every public route, and the one place errors become responses. */
export const app = new Hono<AppEnv>()

app.use(async (c, next) => {
  c.set('config', getConfig(c.env))
  await next()
})

// A bare route, answered by the same Worker and middleware: the benchmark's baseline.
app.get('/ping', (c) => c.text('pong'))

app.route('/', health)
app.route('/', slack)
app.route('/', forms)
app.route('/', calendar)
app.route('/', admin)

// The embedded Enerpize sandbox, in sandbox mode only; in live mode the path is a 404.
app.all(`${SANDBOX_ROUTE}/*`, sandboxRoute)

app.notFound((c) =>
  c.json({ error: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` }, 404),
)

app.onError((err, c) => {
  if (err instanceof BridgeError) {
    log(err.status >= 500 ? 'error' : 'warn', err.message, {
      code: err.code,
      status: err.status,
      path: c.req.path,
      ...(err instanceof ConfigError ? { problems: err.problems } : {}),
    })
    return c.json({ error: err.code, message: err.message }, err.status as 400)
  }
  log('error', 'unhandled error', {
    path: c.req.path,
    error: err instanceof Error ? err.name : 'unknown',
    detail: err instanceof Error ? err.message : String(err),
  })
  return c.json({ error: 'internal', message: 'internal error' }, 500)
})
