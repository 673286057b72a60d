/**
 * Stands in for the world outside the Worker during tests: every `fetch` the Worker makes to a
 * host that is not its own goes here instead of the network. It runs in Node, beside workerd.
 *
 * - `https://slack.com/api/*` answers like Slack's Web API (profiles come from `profiles`);
 * - any other URL (a `response_url`, an incoming webhook) answers 200 and is recorded;
 * - `http://outbound.test/requests` returns what was recorded (GET) or forgets it (DELETE);
 *   `http://outbound.test/profiles` sets the Slack profiles (PUT) and the status every other
 *   URL answers with (`{"failStatus": 500}`).
 * - `http://feeds.test/<name>` serves an iCalendar feed like a calendar server, honouring
 *   `If-None-Match` and `If-Modified-Since` with a 304; `http://outbound.test/feeds/<name>`
 *   sets it (PUT `{"ics", "etag", "lastModified", "status"}`) and lists the conditional headers
 *   of the requests it got (GET). Feed requests are not in `/requests`.
 */
interface Recorded {
  method: string
  url: string
  headers: Record<string, string>
  body: string
}

let recorded: Recorded[] = []
let profiles: Record<string, { email?: string; tz?: string }> = {}
let failStatus: number | undefined

interface Feed {
  ics: string
  etag?: string
  lastModified?: string
  status?: number
  requests: { ifNoneMatch: string | null; ifModifiedSince: string | null }[]
}

const feeds = new Map<string, Feed>()

/** A calendar server's answer for `http://feeds.test/<name>`, conditional GETs included. */
function serveFeed(request: Request, name: string): Response {
  const feed = feeds.get(name)
  if (!feed) return new Response('no such calendar', { status: 404 })
  const ifNoneMatch = request.headers.get('if-none-match')
  const ifModifiedSince = request.headers.get('if-modified-since')
  feed.requests.push({ ifNoneMatch, ifModifiedSince })

  if (feed.status !== undefined) {
    return new Response('calendar unavailable', { status: feed.status })
  }
  const validators: Record<string, string> = {}
  if (feed.etag !== undefined) validators['etag'] = feed.etag
  if (feed.lastModified !== undefined) validators['last-modified'] = feed.lastModified
  // RFC 9110 §13.1.3: If-Modified-Since is ignored when If-None-Match is sent.
  const unchanged =
    ifNoneMatch !== null
      ? feed.etag !== undefined && ifNoneMatch === feed.etag
      : ifModifiedSince !== null &&
        feed.lastModified !== undefined &&
        Date.parse(ifModifiedSince) >= Date.parse(feed.lastModified)
  if (unchanged) return new Response(null, { status: 304, headers: validators })
  return new Response(feed.ics, {
    headers: { 'content-type': 'text/calendar; charset=utf-8', ...validators },
  })
}

export async function outboundService(request: Request): Promise<Response> {
  const url = new URL(request.url)

  if (url.host === 'outbound.test') {
    if (url.pathname === '/requests') {
      if (request.method === 'DELETE') recorded = []
      return Response.json(recorded)
    }
    if (url.pathname === '/profiles') {
      const body = await request.json<{
        profiles?: typeof profiles
        failStatus?: number | null
      }>()
      profiles = body.profiles ?? {}
      failStatus = body.failStatus ?? undefined
      return Response.json({ ok: true })
    }
    const feedName = /^\/feeds\/([^/]+)$/.exec(url.pathname)?.[1]
    if (feedName !== undefined) {
      if (request.method === 'PUT') {
        const body = await request.json<Omit<Feed, 'requests'>>()
        feeds.set(feedName, { ...body, requests: feeds.get(feedName)?.requests ?? [] })
      }
      return Response.json({ requests: feeds.get(feedName)?.requests ?? [] })
    }
    return new Response('unknown control path', { status: 404 })
  }

  if (url.host === 'feeds.test') return serveFeed(request, url.pathname.slice(1))

  const body = await request.text()
  recorded.push({
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers),
    body,
  })

  if (url.host === 'slack.com' && url.pathname === '/api/users.info') {
    const user = url.searchParams.get('user') ?? ''
    const profile = profiles[user]
    if (!profile) return Response.json({ ok: false, error: 'user_not_found' })
    return Response.json({
      ok: true,
      user: { id: user, tz: profile.tz, profile: { email: profile.email } },
    })
  }
  if (url.host === 'slack.com') return Response.json({ ok: true })
  if (failStatus !== undefined) return new Response('refused', { status: failStatus })
  return new Response('ok')
}
