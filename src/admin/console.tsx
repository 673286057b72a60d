import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { html } from 'hono/html'
import type { Child } from 'hono/jsx'
import { NONCE, secureHeaders, type SecureHeadersVariables } from 'hono/secure-headers'
import { INTEGRATIONS, type Config } from '../config'
import { BridgeError } from '../errors'
import { log } from '../log'
import { bodyText, readBody, requireMediaType } from '../pipeline/body'
import { EventStore } from '../pipeline/events'
import { adminToken, tokenDenial } from './access'
import { readHealth } from './health'
import { publicEvent, replayability } from './public-event'
import { EventQuerySchema, EVENT_ID, parseParams, ReplayQuerySchema } from './query'
import { replayEvent, replayMatching, type ReplayOutcome } from './replay'
import {
  csrfMatches,
  SESSION_COOKIE,
  SESSION_SECONDS,
  SessionStore,
  type Session,
} from './sessions'
import { EventDetailPage } from './views/event-detail'
import { EventListPage } from './views/event-list'
import { Layout, NoticeBanner, type Notice } from './views/layout'
import { LoginPage } from './views/login'

/**
 * The admin console: server-rendered pages that work without JavaScript. Signing in with the
 * admin token opens a session (see `sessions.ts`); every form carries the session's CSRF token,
 * and the cookie is SameSite=Strict besides. Pages are never cached and may not be framed.
 */
interface ConsoleEnv {
  Bindings: Env
  Variables: SecureHeadersVariables & {
    config: Config
    /** The admin token; the console is off (404) without one. */
    token: string
  }
}

type ConsoleContext = Context<ConsoleEnv>

/** Form bodies are a token or a few fields. */
const MAX_FORM_BYTES = 8 * 1024

export const adminConsole = new Hono<ConsoleEnv>()

// The console exists only while ADMIN_TOKEN is set.
const gate = async (c: ConsoleContext, next: () => Promise<void>) => {
  const token = adminToken(c.get('config'))
  if (token === null) return c.notFound()
  c.set('token', token)
  c.header('Cache-Control', 'no-store')
  return next()
}
const headers = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: [NONCE],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  referrerPolicy: 'no-referrer',
  xFrameOptions: 'DENY',
  // HSTS belongs to whoever serves the domain; the local runtime is plain HTTP on loopback.
  strictTransportSecurity: false,
})
for (const path of [
  '/admin',
  '/admin/login',
  '/admin/logout',
  '/admin/replay',
  '/admin/events/*',
]) {
  adminConsole.use(path, gate, headers)
}

adminConsole.get('/admin', async (c) => {
  const session = await currentSession(c)
  if (session === null) return page(c, 200, <LoginPage nonce={nonce(c)} notice={noticeFor(c)} />)

  const query = parseParams(EventQuerySchema, c.req.query())
  const filter = query.ok ? query.value : {}
  const events = new EventStore(c.env.IDEMPOTENCY)
  const [list, counts, health] = await Promise.all([
    events.list({
      ...(filter.status === undefined ? {} : { status: filter.status }),
      ...(filter.source === undefined ? {} : { source: filter.source }),
      ...(filter.cursor === undefined ? {} : { cursor: filter.cursor }),
    }),
    events.countByStatus(),
    readHealth(c.env, c.get('config')),
  ])
  const sources = new Set([
    ...INTEGRATIONS.filter((i) => i.name !== 'admin').map((i) => i.name),
    ...list.events.map((e) => e.source),
  ])
  return page(
    c,
    query.ok ? 200 : 400,
    <EventListPage
      nonce={nonce(c)}
      csrf={session.csrf}
      timezone={c.get('config').timezone}
      events={list.events}
      cursor={list.cursor}
      filter={{ status: filter.status, source: filter.source }}
      counts={counts}
      health={health}
      alerts={c.get('config').secrets.ALERT_SLACK_WEBHOOK !== undefined}
      sources={[...sources].sort()}
      notice={query.ok ? noticeFor(c) : { tone: 'bad', text: query.message }}
    />,
  )
})

adminConsole.post('/admin/login', async (c) => {
  const form = await readForm(c)

  // The same constant-time check as the API's bearer token.
  if ((await tokenDenial(c.get('token'), form.get('token') ?? undefined)) !== null) {
    log('warn', 'admin sign-in refused', { path: c.req.path })
    const notice: Notice = { tone: 'bad', text: 'That is not the admin token.' }
    return page(c, 401, <LoginPage nonce={nonce(c)} notice={notice} />)
  }

  const session = await new SessionStore(c.env.IDEMPOTENCY).open(c.get('token'))
  setCookie(c, SESSION_COOKIE, session.id, {
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_SECONDS,
  })
  return c.redirect('/admin', 303)
})

adminConsole.post('/admin/logout', async (c) => {
  const checked = await checkedForm(c)
  if (checked instanceof Response) return checked

  await new SessionStore(c.env.IDEMPOTENCY).close(checked.session.id)
  deleteCookie(c, SESSION_COOKIE, { secure: true, path: '/' })
  return c.redirect('/admin?notice=signed-out', 303)
})

adminConsole.get('/admin/events/:id', async (c) => {
  const session = await currentSession(c)
  if (session === null) return c.redirect('/admin', 303)

  const id = c.req.param('id')
  const event = EVENT_ID.test(id) ? await new EventStore(c.env.IDEMPOTENCY).get(id) : null
  if (event === null) return missing(c, session, id)
  return page(
    c,
    200,
    <EventDetailPage
      nonce={nonce(c)}
      csrf={session.csrf}
      timezone={c.get('config').timezone}
      event={publicEvent(event)}
      replay={replayability(event)}
      notice={noticeFor(c)}
    />,
  )
})

adminConsole.post('/admin/events/:id/replay', async (c) => {
  const checked = await checkedForm(c)
  if (checked instanceof Response) return checked

  const id = c.req.param('id')
  if (!EVENT_ID.test(id)) return missing(c, checked.session, id)
  const outcome = await replayEvent({ kv: c.env.IDEMPOTENCY, queue: c.env.DELIVERIES }, id)
  if (outcome.kind === 'not-found') return missing(c, checked.session, id)

  const notice = outcomeCode(outcome)
  return checked.form.get('back') === 'list'
    ? c.redirect(`/admin?notice=${notice}&event=${id}`, 303)
    : c.redirect(`/admin/events/${id}?notice=${notice}`, 303)
})

adminConsole.post('/admin/replay', async (c) => {
  const checked = await checkedForm(c)
  if (checked instanceof Response) return checked

  const query = parseParams(ReplayQuerySchema, Object.fromEntries(checked.form))
  if (!query.ok) return c.redirect('/admin?notice=bad-filter', 303)
  const { status, source } = query.value
  const result = await replayMatching(
    { kv: c.env.IDEMPOTENCY, queue: c.env.DELIVERIES },
    { ...(status === undefined ? {} : { status }), ...(source === undefined ? {} : { source }) },
  )
  const more = result.more ? '&more=1' : ''
  return c.redirect(`/admin?notice=bulk&count=${result.replayed.length}${more}`, 303)
})

// A failure on a page is shown as a page, in plain words, never as JSON.
adminConsole.onError((error, c) => {
  const status = error instanceof BridgeError ? error.status : 500
  log(status >= 500 ? 'error' : 'warn', 'admin console request failed', {
    path: c.req.path,
    status,
    error: error instanceof Error ? error.message : String(error),
  })
  const text =
    error instanceof BridgeError ? error.message : 'Something went wrong; nothing was changed.'
  return page(
    c,
    status,
    <Layout title="Error" nonce={nonce(c)}>
      <NoticeBanner notice={{ tone: 'bad', text }} />
      <p>
        <a href="/admin">Back to the events</a>
      </p>
    </Layout>,
  )
})

/** The signed-in person's session, or null. */
async function currentSession(c: ConsoleContext): Promise<Session | null> {
  return new SessionStore(c.env.IDEMPOTENCY).find(getCookie(c, SESSION_COOKIE), c.get('token'))
}

/**
 * A form posted by a signed-in person, its CSRF token checked; otherwise the response to give:
 * the sign-in page for no session, 403 for a form from elsewhere or an old session.
 */
async function checkedForm(
  c: ConsoleContext,
): Promise<{ session: Session; form: URLSearchParams } | Response> {
  const form = await readForm(c)
  const session = await currentSession(c)
  if (session === null) return c.redirect('/admin?notice=signed-out-first', 303)
  if (!(await csrfMatches(session, form.get('csrf') ?? undefined))) {
    return page(
      c,
      403,
      <Layout title="Form expired" nonce={nonce(c)} csrf={session.csrf}>
        <NoticeBanner
          notice={{
            tone: 'bad',
            text: 'This form is out of date or came from another site, so nothing was done.',
          }}
        />
        <p>
          <a href="/admin">Reload the events and try again</a>
        </p>
      </Layout>,
    )
  }
  return { session, form }
}

async function readForm(c: ConsoleContext): Promise<URLSearchParams> {
  requireMediaType(c.req.raw, ['application/x-www-form-urlencoded'])
  return new URLSearchParams(bodyText(await readBody(c.req.raw, MAX_FORM_BYTES)))
}

function missing(c: ConsoleContext, session: Session, id: string): Response | Promise<Response> {
  return page(
    c,
    404,
    <Layout title="Not found" nonce={nonce(c)} csrf={session.csrf}>
      <NoticeBanner notice={{ tone: 'bad', text: `There is no event ${id}.` }} />
      <p>
        <a href="/admin">Back to the events</a>
      </p>
    </Layout>,
  )
}

function page(c: ConsoleContext, status: number, body: Child): Response | Promise<Response> {
  return c.html(html`<!doctype html>${body}`, status as 200)
}

function nonce(c: ConsoleContext): string {
  return c.get('secureHeadersNonce') ?? ''
}

function outcomeCode(outcome: Exclude<ReplayOutcome, { kind: 'not-found' }>): string {
  return outcome.kind === 'queued' ? 'replayed' : outcome.why.reason
}

/** The message a redirect asked for: a fixed set, so a link cannot put words on the page. */
function noticeFor(c: ConsoleContext): Notice | null {
  const event = c.req.query('event')
  const which = event !== undefined && EVENT_ID.test(event) ? `Event ${event}` : 'The event'
  switch (c.req.query('notice')) {
    case 'replayed':
      return { tone: 'good', text: `${which} is queued for delivery again.` }
    case 'delivered':
      return { tone: 'info', text: `${which} was already delivered; nothing was done.` }
    case 'duplicate':
      return { tone: 'info', text: `${which} is a repeat; replay the first event instead.` }
    case 'in-progress':
      return { tone: 'info', text: `${which} is still being delivered; nothing was done.` }
    case 'never-queued':
      return {
        tone: 'info',
        text: `${which} never reached the queue and its sender was told so; it is not replayed.`,
      }
    case 'bulk': {
      const count = Number(c.req.query('count') ?? '0')
      const more = c.req.query('more') === '1' ? ' More remain: press the button again.' : ''
      return Number.isInteger(count) && count > 0
        ? {
            tone: 'good',
            text: `${count} ${count === 1 ? 'event is' : 'events are'} queued for delivery again.${more}`,
          }
        : { tone: 'info', text: 'No failed or dead event matched, so nothing was replayed.' }
    }
    case 'bad-filter':
      return { tone: 'bad', text: 'That filter is not one the console understands.' }
    case 'signed-out':
      return { tone: 'info', text: 'You are signed out.' }
    case 'signed-out-first':
      return { tone: 'info', text: 'Your session has ended; sign in again.' }
    default:
      return null
  }
}
