import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { parseConfig, type Config } from '../src/config'
import { EnerpizeClient } from '../src/enerpize'
import { enerpizeHealth } from '../src/health'
import { fakeFetch, json, silentFetch } from './enerpize/fake-fetch'
import { bridge } from './support/bridge'

const KEY = 'live-key-3f9a1c7e52'

/** A live-mode configuration; each test names its own subdomain so no check is shared. */
function liveConfig(subdomain: string, withKey = true): Config {
  return parseConfig({
    ENERPIZE_SUBDOMAIN: subdomain,
    ...(withKey ? { ENERPIZE_API_KEY: KEY } : {}),
    ENERPIZE_TIMEOUT_MS: '50',
  })
}

function clientFor(config: Config, fetch: typeof globalThis.fetch): EnerpizeClient {
  const { baseUrl, apiKey, timeoutMs } = config.enerpize
  return new EnerpizeClient({ baseUrl, apiKey, timeoutMs, fetch })
}

const SITE = {
  code: 200,
  result: 'successful',
  data: {
    Site: {
      business_name: 'Acme Trading',
      subdomain: 'acme',
      timezone: 'Africa/Cairo',
      currency_code: 'EGP',
    },
  },
}

describe('Enerpize health in live mode', () => {
  it('reports the business name, subdomain and time zone from the site info', async () => {
    const config = liveConfig('acme-ok')
    const fake = fakeFetch(() => json(SITE))

    const report = await enerpizeHealth(
      config,
      clientFor(config, fake.fetch),
      Date.parse('2026-07-16T12:00:00Z'),
    )

    expect(report).toEqual({
      mode: 'live',
      host: 'acme-ok.enerpize.com',
      apiKey: true,
      connection: {
        ok: true,
        businessName: 'Acme Trading',
        subdomain: 'acme',
        timezone: 'Africa/Cairo',
        checkedAt: '2026-07-16T12:00:00.000Z',
      },
    })
    expect(fake.requests[0]?.request.url).toBe('https://acme-ok.enerpize.com/api2/site_info.json')
  })

  it('reports the status and Enerpize message of a refused key, and never the key', async () => {
    const config = liveConfig('acme-refused')
    const fake = fakeFetch(() =>
      json({ result: 'failed', code: 401, message: `Unauthorized key ${KEY}` }, 401),
    )

    const report = await enerpizeHealth(config, clientFor(config, fake.fetch))

    expect(report).toMatchObject({
      mode: 'live',
      connection: { ok: false, status: 401, error: 'http', message: 'Unauthorized key [redacted]' },
    })
    expect(JSON.stringify(report)).not.toContain(KEY)
  })

  it('reports an account that does not answer in time', async () => {
    const config = liveConfig('acme-silent')

    const report = await enerpizeHealth(config, clientFor(config, silentFetch))

    expect(report).toMatchObject({ connection: { ok: false, status: null, error: 'timeout' } })
  })

  it('asks Enerpize at most once a minute per base URL', async () => {
    const config = liveConfig('acme-cached')
    const fake = fakeFetch(() => json(SITE))
    const client = clientFor(config, fake.fetch)
    const start = Date.parse('2026-07-16T12:00:00Z')

    const first = await enerpizeHealth(config, client, start)
    const again = await enerpizeHealth(config, client, start + 59_000)
    const later = await enerpizeHealth(config, client, start + 61_000)

    expect(fake.requests).toHaveLength(2)
    expect(again).toEqual(first)
    expect(later).toMatchObject({ connection: { checkedAt: '2026-07-16T12:01:01.000Z' } })
  })

  it('reports a missing key without calling Enerpize', async () => {
    const config = liveConfig('acme-nokey', false)
    const fake = fakeFetch(() => json(SITE))

    const report = await enerpizeHealth(config, clientFor(config, fake.fetch))

    expect(report).toMatchObject({
      apiKey: false,
      connection: { ok: false, status: null, error: 'not_configured' },
    })
    expect(fake.requests).toHaveLength(0)
  })
})

describe('Enerpize health in sandbox mode', () => {
  it('says so and names the sandbox path, calling nothing', async () => {
    const config = parseConfig(env)
    const fake = fakeFetch(() => json(SITE))

    const report = await enerpizeHealth(config, clientFor(config, fake.fetch))

    expect(report).toMatchObject({ mode: 'sandbox', sandbox: { path: '/sandbox/api2' } })
    expect(fake.requests).toHaveLength(0)
  })

  it('shows the sandbox on GET /health', async () => {
    const res = await bridge('/health')

    const body = await res.json<{
      status: string
      enerpize: { mode: string; sandbox: { path: string } }
    }>()
    expect(body.status).toBe('ok')
    expect(body.enerpize).toMatchObject({ mode: 'sandbox', sandbox: { path: '/sandbox/api2' } })
  })
})
