import { env } from 'cloudflare:workers'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config'
import type { AppEnv } from '../../src/http/app-env'
import {
  SANDBOX_ROUTE,
  clearSandboxFaults,
  sandboxRoute,
  setSandboxFaults,
} from '../../src/sandbox'
import { bridge } from '../support/bridge'
import { api, type FailureBody } from './api'

describe('the sandbox at /sandbox/api2', () => {
  afterEach(() => {
    clearSandboxFaults()
  })

  it('serves the site info in sandbox mode', async () => {
    const res = await api('/site_info.json')

    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(await res.json()).toEqual({
      code: 200,
      result: 'successful',
      data: {
        Site: {
          business_name: 'Sandbox Company',
          subdomain: 'sandbox',
          currency_code: 'USD',
          timezone: 'UTC',
        },
      },
    })
  })

  it('answers 401 without the apikey header, or with a wrong one', async () => {
    const missing = await api('/site_info.json', { key: null })
    const wrong = await api('/site_info.json', { key: 'Sandbox' })

    expect(missing.status).toBe(401)
    expect(await missing.json()).toEqual({ result: 'failed', code: 401, message: 'Unauthorized' })
    expect(wrong.status).toBe(401)
  })

  it('does not take the key as a bearer token', async () => {
    const res = await bridge('/sandbox/api2/site_info.json', {
      headers: { Authorization: 'Bearer sandbox' },
    })

    expect(res.status).toBe(401)
  })

  it('answers 404 in the Enerpize shape for missing records and unknown paths', async () => {
    for (const path of [
      '/clients/424242.json',
      '/invoices.json',
      '/listing/TimeProject.json',
      '/time_tracking',
      '/time_tracking/abc.json',
    ]) {
      const res = await api(path)

      expect(res.status, path).toBe(404)
      expect(await res.json(), path).toEqual({
        result: 'failed',
        code: 404,
        message: 'Item not found',
      })
    }
  })

  it('serves staff read-only', async () => {
    const create = await api('/staff.json', { body: { Staff: { name: 'Dana' } } })
    const remove = await api('/staff/1.json', { method: 'DELETE' })

    expect(create.status).toBe(404)
    expect(remove.status).toBe(404)
    expect((await api('/staff/1.json')).status).toBe(200)
  })

  it('answers 404 for a record deleted twice', async () => {
    const created = await api('/clients.json', { body: { Client: { business_name: 'Once Ltd' } } })
    const { id } = await created.json<{ id: string }>()

    const first = await api(`/clients/${id}.json`, { method: 'DELETE' })
    const second = await api(`/clients/${id}.json`, { method: 'DELETE' })

    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ code: 200, result: 'successful' })
    expect(second.status).toBe(404)
  })

  it('sets, shows and clears a fault plan over HTTP', async () => {
    const plan = {
      faults: [
        { method: 'POST', path: '/time_tracking.json', status: 503, times: 2, retryAfter: 1 },
      ],
    }

    const set = await api('/_faults', { body: plan })
    const failed = await api('/time_tracking.json', { body: { TimeTracking: {} } })
    const shown = await api('/_faults')
    const cleared = await api('/_faults', { method: 'DELETE' })
    const after = await api('/_faults')

    expect(set.status).toBe(200)
    expect(failed.status).toBe(503)
    expect(failed.headers.get('retry-after')).toBe('1')
    expect(await failed.json()).toEqual({
      result: 'failed',
      code: 503,
      message: 'Service Unavailable',
    })
    expect(await shown.json()).toEqual({ faults: [{ ...plan.faults[0], remaining: 1 }] })
    expect(cleared.status).toBe(200)
    expect(await after.json()).toEqual({ faults: [] })
  })

  it('refuses a fault plan it cannot follow', async () => {
    const res = await api('/_faults', {
      body: { faults: [{ path: '/clients.json', status: 503, reset: 'before' }] },
    })

    expect(res.status).toBe(400)
    expect((await res.json<FailureBody>()).validation_errors).toEqual({
      'faults.0': 'a fault answers a status or resets the connection, not both',
    })
  })

  it('guards the fault plan with the key', async () => {
    const res = await api('/_faults', { key: null, body: { faults: [] } })

    expect(res.status).toBe(401)
  })

  it('breaks the body of an HTTP caller when a reset is planned', async () => {
    setSandboxFaults([{ path: '/site_info.json', reset: 'before', times: 1 }])

    const res = await api('/site_info.json')

    await expect(res.text()).rejects.toThrow()
  })

  it('leaves the rest of the bridge alone', async () => {
    const res = await bridge('/sandbox/elsewhere')

    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: 'not_found' })
  })
})

describe('sandboxRoute in live mode', () => {
  it('passes the request on, so the sandbox path is a 404', async () => {
    const live = parseConfig({ ENERPIZE_SUBDOMAIN: 'acme', ENERPIZE_API_KEY: 'live-key-0b1c2d3e' })
    const app = new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set('config', live)
        await next()
      })
      .all(`${SANDBOX_ROUTE}/*`, sandboxRoute)
      .notFound((c) => c.json({ error: 'not_found' }, 404))

    const res = await app.request(
      '/sandbox/api2/site_info.json',
      { headers: { apikey: 'sandbox' } },
      env,
    )

    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: 'not_found' })
  })
})
