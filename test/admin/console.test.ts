import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { EventStore } from '../../src/pipeline/events'
import type { DeliveryJob } from '../../src/pipeline/operations'
import { bridge } from '../support/bridge'
import { eventSettles } from '../support/wait'
import { ADMIN_TOKEN, unique } from './support'

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

/** Signs in through the form; returns the cookie pair to send back and the raw header. */
async function signIn(token = ADMIN_TOKEN): Promise<{ cookie: string; setCookie: string }> {
  const res = await bridge('/admin/login', {
    method: 'POST',
    headers: FORM,
    body: new URLSearchParams({ token }).toString(),
    redirect: 'manual',
  })
  expect(res.status).toBe(303)
  const setCookie = res.headers.get('set-cookie') ?? ''
  return { cookie: setCookie.split(';')[0] ?? '', setCookie }
}

async function page(path: string, cookie: string): Promise<{ status: number; html: string }> {
  const res = await bridge(path, { headers: { cookie }, redirect: 'manual' })
  return { status: res.status, html: await res.text() }
}

/** The CSRF token in a page's forms. */
function csrfOf(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html)
  if (!match?.[1]) throw new Error('no CSRF field on the page')
  return match[1]
}

function post(path: string, cookie: string, fields: Record<string, string>) {
  return bridge(path, {
    method: 'POST',
    headers: { ...FORM, cookie },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  })
}

/** A failed event of a source of its own, with one failed attempt, ready to replay. */
async function failedEvent(): Promise<string> {
  const source = unique('console')
  const job: DeliveryJob = {
    eventId: `ev_${source.replaceAll('-', '')}`,
    source,
    dedupeKey: source,
    summary: `Console check ${source}`,
    operations: [
      {
        kind: 'time-entry.create',
        entry: {
          staffId: 1,
          projectId: 33,
          activityId: 4,
          time: '0:10',
          date: '2026-11-04',
          notes: source,
        },
        labels: { project: 'Internal Operations', activity: 'Support' },
      },
    ],
  }
  const events = new EventStore(env.IDEMPOTENCY)
  await events.create(job, 'queued')
  await events.update(job.eventId, (r) => ({
    ...r,
    status: 'failed',
    attempts: [
      {
        number: 1,
        at: new Date().toISOString(),
        ms: 5,
        outcome: 'failed',
        error: { status: 400, message: 'Bad Request' },
      },
    ],
    error: { status: 400, message: 'Bad Request' },
  }))
  return job.eventId
}

describe('the admin console', () => {
  it('shows a sign-in form, and nothing else, to someone without a session', async () => {
    const res = await bridge('/admin')

    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('name="token"')
    expect(html).not.toContain('History')
  })

  it('refuses a wrong token without setting a cookie', async () => {
    const res = await bridge('/admin/login', { method: 'POST', headers: FORM, body: 'token=guess' })

    expect(res.status).toBe(401)
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(await res.text()).toContain('That is not the admin token.')
  })

  it('keeps a session in a host-only, HttpOnly, Secure, SameSite=Strict cookie that is not the token', async () => {
    const { cookie, setCookie } = await signIn()

    expect(setCookie).toMatch(/^__Host-bridge_admin=/)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('Secure')
    expect(setCookie).toContain('SameSite=Strict')
    expect(setCookie).toContain('Path=/')
    expect(setCookie).not.toContain('Domain')
    expect(cookie).not.toContain(ADMIN_TOKEN)
    expect(cookie).not.toContain(btoa(ADMIN_TOKEN))
  })

  it('shows the history, the health and the filters once signed in', async () => {
    const { cookie } = await signIn()
    const id = await failedEvent()

    const { status, html } = await page('/admin?status=failed', cookie)

    expect(status).toBe(200)
    expect(html).toContain('History')
    expect(html).toContain(`/admin/events/${id}`)
    expect(html).toContain('Sandbox mode')
    expect(html).toContain('Replay all failed and dead')
    expect(html).toContain('<option value="failed" selected="">failed</option>')
  })

  it('sends every page with a strict content security policy and no caching', async () => {
    const { cookie } = await signIn()

    const res = await bridge('/admin', { headers: { cookie } })

    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toMatch(/style-src 'nonce-[^']+'/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  })

  it('shows an event with its attempts and error, but not its operations', async () => {
    const { cookie } = await signIn()
    const id = await failedEvent()

    const { status, html } = await page(`/admin/events/${id}`, cookie)

    expect(status).toBe(200)
    expect(html).toContain('time-entry.create')
    expect(html).toContain('400: Bad Request')
    expect(html).toContain('Replay this event')
    expect(html).not.toContain('2026-11-04')
  })

  it('replays an event from its page when the form carries the CSRF token', async () => {
    const { cookie } = await signIn()
    const id = await failedEvent()
    const csrf = csrfOf((await page(`/admin/events/${id}`, cookie)).html)

    const res = await post(`/admin/events/${id}/replay`, cookie, { csrf })

    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/admin/events/${id}?notice=replayed`)
    const delivered = await eventSettles(id, ['delivered'])
    expect(delivered.replays).toHaveLength(1)
    const after = await page(`/admin/events/${id}?notice=replayed`, cookie)
    expect(after.html).toContain('is queued for delivery again')
  })

  it('refuses a form without the CSRF token, or with another session’s', async () => {
    const mine = await signIn()
    const theirs = await signIn()
    const id = await failedEvent()
    const theirCsrf = csrfOf((await page('/admin', theirs.cookie)).html)

    const missing = await post(`/admin/events/${id}/replay`, mine.cookie, {})
    const foreign = await post(`/admin/events/${id}/replay`, mine.cookie, { csrf: theirCsrf })
    const bulk = await post('/admin/replay', mine.cookie, { csrf: 'forged' })

    expect([missing.status, foreign.status, bulk.status]).toEqual([403, 403, 403])
    expect((await new EventStore(env.IDEMPOTENCY).get(id))?.status).toBe('failed')
  })

  it('sends a form without a session to the sign-in page', async () => {
    const id = await failedEvent()

    const res = await post(`/admin/events/${id}/replay`, '', { csrf: 'anything' })

    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin?notice=signed-out-first')
    expect((await new EventStore(env.IDEMPOTENCY).get(id))?.status).toBe('failed')
  })

  it('ignores a forged or tampered session cookie', async () => {
    const { cookie } = await signIn()

    const forged = await page(
      '/admin',
      '__Host-bridge_admin=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    )
    const tampered = await page('/admin', `${cookie.slice(0, -2)}xx`)
    const token = await page('/admin', `__Host-bridge_admin=${ADMIN_TOKEN}`)

    for (const { html } of [forged, tampered, token]) expect(html).toContain('name="token"')
  })

  it('replays every failed event of a source from the bulk button', async () => {
    const { cookie } = await signIn()
    const id = await failedEvent()
    const event = await new EventStore(env.IDEMPOTENCY).get(id)
    const csrf = csrfOf((await page('/admin', cookie)).html)

    const res = await post('/admin/replay', cookie, { csrf, source: event?.source ?? '' })

    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin?notice=bulk&count=1')
    await eventSettles(id, ['delivered'])
  })

  it('signs out: the session ends and the cookie is cleared', async () => {
    const { cookie } = await signIn()
    const csrf = csrfOf((await page('/admin', cookie)).html)

    const res = await post('/admin/logout', cookie, { csrf })

    expect(res.status).toBe(303)
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-bridge_admin=;.*Max-Age=0/)
    const after = await page('/admin', cookie)
    expect(after.html).toContain('name="token"')
  })

  it('answers an unknown event with a 404 page', async () => {
    const { cookie } = await signIn()

    const { status, html } = await page('/admin/events/ev_00000000000000000000', cookie)

    expect(status).toBe(404)
    expect(html).toContain('There is no event ev_00000000000000000000.')
  })
})
