import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { apiAccess } from '../../src/admin/access'
import { bridge } from '../support/bridge'
import { ADMIN_TOKEN, adminApi, adminWith, configWith } from './support'

describe('apiAccess', () => {
  it('is off when no admin token is configured', async () => {
    const config = configWith({ ADMIN_TOKEN: undefined })

    const access = await apiAccess(config, `Bearer ${ADMIN_TOKEN}`)

    expect(access).toEqual({ kind: 'off' })
  })

  it('denies a request without an Authorization header', async () => {
    const access = await apiAccess(configWith({}), undefined)

    expect(access).toEqual({ kind: 'denied', reason: 'token missing' })
  })

  it('denies a scheme other than Bearer', async () => {
    const access = await apiAccess(configWith({}), `Basic ${btoa(`admin:${ADMIN_TOKEN}`)}`)

    expect(access).toEqual({ kind: 'denied', reason: 'authorization is not a bearer token' })
  })

  it('denies a wrong token, and a prefix of the right one', async () => {
    const wrong = await apiAccess(configWith({}), 'Bearer not-the-token')
    const prefix = await apiAccess(configWith({}), `Bearer ${ADMIN_TOKEN.slice(0, -1)}`)

    expect(wrong).toEqual({ kind: 'denied', reason: 'token does not match' })
    expect(prefix).toEqual({ kind: 'denied', reason: 'token does not match' })
  })

  it('allows the right token, whatever the case of the scheme', async () => {
    const access = await apiAccess(configWith({}), `bearer ${ADMIN_TOKEN}`)

    expect(access).toEqual({ kind: 'allowed' })
  })
})

describe('the admin routes without ADMIN_TOKEN', () => {
  const off = adminWith(configWith({ ADMIN_TOKEN: undefined }))

  it('answers 404 on the API, even to the old token', async () => {
    const res = await off.request(
      '/admin/api/events',
      { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
      env,
    )

    expect(res.status).toBe(404)
  })

  it('answers 404 on the console pages and forms', async () => {
    const page = await off.request('/admin', {}, env)
    const login = await off.request(
      '/admin/login',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=${ADMIN_TOKEN}`,
      },
      env,
    )

    expect(page.status).toBe(404)
    expect(login.status).toBe(404)
    expect(login.headers.get('set-cookie')).toBeNull()
  })

  it('serves the same routes once a token is configured', async () => {
    const on = adminWith(configWith({ ADMIN_TOKEN: 'another-admin-token' }))

    const res = await on.request(
      '/admin/api/events?limit=1',
      { headers: { authorization: 'Bearer another-admin-token' } },
      env,
    )

    expect(res.status).toBe(200)
  })
})

describe('the admin API behind ADMIN_TOKEN', () => {
  it('refuses a request without a token with 401 and a Bearer challenge', async () => {
    const res = await adminApi('/admin/api/events', {}, null)

    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toContain('Bearer')
    expect(await res.json()).toEqual({ error: 'unauthorized', message: 'token missing' })
  })

  it('refuses a wrong token without saying anything about the right one', async () => {
    const res = await adminApi('/admin/api/events', {}, 'guess')

    expect(res.status).toBe(401)
    const text = await res.text()
    expect(text).toContain('token does not match')
    expect(text).not.toContain(ADMIN_TOKEN)
  })

  it('refuses every API route without the token, replays included', async () => {
    const paths = [
      ['GET', '/admin/api/events/ev_0000000000000000'],
      ['POST', '/admin/api/events/ev_0000000000000000/replay'],
      ['POST', '/admin/api/replay?status=failed'],
    ] as const

    const statuses = await Promise.all(
      paths.map(async ([method, path]) => (await adminApi(path, { method }, 'guess')).status),
    )

    expect(statuses).toEqual([401, 401, 401])
  })

  it('answers the right token with the history, never cached', async () => {
    const res = await adminApi('/admin/api/events?limit=1')

    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toHaveProperty('events')
  })

  it('does not accept the token as a query parameter', async () => {
    const res = await bridge(`/admin/api/events?token=${ADMIN_TOKEN}`)

    expect(res.status).toBe(401)
  })
})
