import { Hono } from 'hono'
import type { AppEnv } from '../http/app-env'
import { EventStore } from '../pipeline/events'
import { apiAccess } from './access'
import { publicEvent } from './public-event'
import { EventQuerySchema, EVENT_ID, parseParams, ReplayQuerySchema } from './query'
import { replayEvent, replayMatching } from './replay'

/**
 * The admin API, behind `Authorization: Bearer ADMIN_TOKEN`: the event history, each event
 * with its attempts, and replays of failed and dead events. Every answer is JSON.
 */
export const adminApi = new Hono<AppEnv>()

adminApi.use('/admin/api/*', async (c, next) => {
  const access = await apiAccess(c.get('config'), c.req.header('authorization'))
  if (access.kind === 'off') return c.notFound()
  if (access.kind === 'denied') {
    // RFC 6750 §3: a 401 names the scheme, and says why when a token was given.
    c.header('WWW-Authenticate', 'Bearer realm="admin", error="invalid_token"')
    return c.json({ error: 'unauthorized', message: access.reason }, 401)
  }
  c.header('Cache-Control', 'no-store')
  return next()
})

adminApi.get('/admin/api/events', async (c) => {
  const query = parseParams(EventQuerySchema, c.req.query())
  if (!query.ok) return c.json({ error: 'invalid_query', message: query.message }, 400)

  const { status, source, cursor, limit } = query.value
  const page = await new EventStore(c.env.IDEMPOTENCY).list({
    ...(status === undefined ? {} : { status }),
    ...(source === undefined ? {} : { source }),
    ...(cursor === undefined ? {} : { cursor }),
    ...(limit === undefined ? {} : { limit }),
  })
  return c.json(page)
})

adminApi.get('/admin/api/events/:id', async (c) => {
  const id = c.req.param('id')
  const event = EVENT_ID.test(id) ? await new EventStore(c.env.IDEMPOTENCY).get(id) : null
  if (event === null) return c.json({ error: 'not_found', message: `no event ${id}` }, 404)
  return c.json({ event: publicEvent(event) })
})

adminApi.post('/admin/api/events/:id/replay', async (c) => {
  const id = c.req.param('id')
  if (!EVENT_ID.test(id)) return c.json({ error: 'not_found', message: `no event ${id}` }, 404)

  const outcome = await replayEvent({ kv: c.env.IDEMPOTENCY, queue: c.env.DELIVERIES }, id)
  switch (outcome.kind) {
    case 'not-found':
      return c.json({ error: 'not_found', message: `no event ${id}` }, 404)
    case 'queued':
      return c.json(
        {
          replayed: true,
          message: `event ${id} is queued for delivery again`,
          event: publicEvent(outcome.event),
        },
        202,
      )
    case 'refused':
      // Replaying what is done does nothing and says so; what is still moving is a conflict.
      return c.json(
        {
          replayed: false,
          reason: outcome.why.reason,
          message: outcome.why.message,
          event: publicEvent(outcome.event),
        },
        outcome.why.reason === 'in-progress' || outcome.why.reason === 'never-queued' ? 409 : 200,
      )
  }
})

adminApi.post('/admin/api/replay', async (c) => {
  const query = parseParams(ReplayQuerySchema, c.req.query())
  if (!query.ok) return c.json({ error: 'invalid_query', message: query.message }, 400)

  const { status, source } = query.value
  const result = await replayMatching(
    { kv: c.env.IDEMPOTENCY, queue: c.env.DELIVERIES },
    { ...(status === undefined ? {} : { status }), ...(source === undefined ? {} : { source }) },
  )
  return c.json(
    {
      replayed: result.replayed.length,
      events: result.replayed,
      more: result.more,
      message:
        result.replayed.length === 0
          ? 'no failed or dead event matched'
          : `${result.replayed.length} events are queued for delivery again${result.more ? '; more match: run this again for the rest' : ''}`,
    },
    result.replayed.length === 0 ? 200 : 202,
  )
})
