/**
 * Stands in for the world outside the Worker during tests: every `fetch` the Worker makes to a
 * host that is not its own goes here instead of the network. It runs in Node, beside workerd.
 *
 * - `https://slack.com/api/*` answers like Slack's Web API (profiles come from `profiles`);
 * - any other URL (a `response_url`, an incoming webhook) answers 200 and is recorded;
 * - `http://outbound.test/requests` returns what was recorded (GET) or forgets it (DELETE);
 *   `http://outbound.test/profiles` sets the Slack profiles (PUT) and the status every other
 *   URL answers with (`{"failStatus": 500}`).
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

export async function outboundService(request: Request): Promise<Response> {
  const url = new URL(request.url)

  if (url.host === 'outbound.test') {
    if (url.pathname === '/requests') {
      if (request.method === 'DELETE') recorded = []
      return Response.json(recorded)
    }
    if (url.pathname === '/profiles') {
      const body = (await request.json()) as {
        profiles?: typeof profiles
        failStatus?: number | null
      }
      profiles = body.profiles ?? {}
      failStatus = body.failStatus ?? undefined
      return Response.json({ ok: true })
    }
    return new Response('unknown control path', { status: 404 })
  }

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
