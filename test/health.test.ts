import { describe, expect, it } from 'vitest'
import { bridge } from './support/bridge'

describe('GET /health', () => {
  it('reports sandbox mode when no Enerpize account is configured', async () => {
    const res = await bridge('/health')

    expect(res.status).toBe(200)
    const body = await res.json<{ mode: string; enerpize: { host: string } }>()
    expect(body.mode).toBe('sandbox')
    expect(body.enerpize.host).toBe('sandbox.enerpize.invalid')
  })

  it('never prints a secret', async () => {
    const res = await bridge('/health')

    const text = await res.text()
    expect(text).not.toContain('test-slack-signing-secret')
    expect(text).not.toContain('test-admin-token')
  })
})
