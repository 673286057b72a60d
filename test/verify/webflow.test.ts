import { describe, expect, it } from 'vitest'
import { signWebflow, verifyWebflow } from '../../src/verify'
import { forge, signatureFailure, viewInLargerBuffer } from './support'
import { utf8, webflowVector } from './vectors'

const secret = 'webflow-webhook-secret'
const body = utf8(
  '{"triggerType":"form_submission","payload":{"id":"65f1","data":{"email":"a@b.co"}}}',
)
const signedAtMs = 1_767_225_600_250

async function signed(content = body, timestamp = signedAtMs) {
  const headers = await signWebflow({ secret, body: content, timestamp })
  return {
    timestamp: headers['x-webflow-timestamp'],
    signature: headers['x-webflow-signature'],
  }
}

describe('verifyWebflow', () => {
  it('passes a signature computed independently', async () => {
    const { secret, timestamp, signature } = webflowVector

    const verified = verifyWebflow({
      secret,
      timestamp,
      signature,
      body: utf8(webflowVector.body),
      now: Number(timestamp),
    })

    await expect(verified).resolves.toBeUndefined()
  })

  it('passes a body given as an ArrayBuffer or as a view into a larger buffer', async () => {
    const headers = await signed()

    const results = await Promise.all([
      verifyWebflow({ secret, ...headers, body: body.slice().buffer, now: signedAtMs }),
      verifyWebflow({ secret, ...headers, body: viewInLargerBuffer(body), now: signedAtMs }),
    ])

    expect(results).toEqual([undefined, undefined])
  })

  it('rejects a body with one byte changed', async () => {
    const headers = await signed()

    const message = await signatureFailure(
      verifyWebflow({ secret, ...headers, body: forge(body), now: signedAtMs }),
    )

    expect(message).toBe('signature does not match')
  })

  it('rejects a signature made with another secret', async () => {
    const headers = await signed()

    const message = await signatureFailure(
      verifyWebflow({ secret: 'another-secret', ...headers, body, now: signedAtMs }),
    )

    expect(message).toBe('signature does not match')
  })

  it('rejects a signature over another timestamp', async () => {
    const { signature } = await signed(body, signedAtMs + 1)

    const message = await signatureFailure(
      verifyWebflow({ secret, timestamp: String(signedAtMs), signature, body, now: signedAtMs }),
    )

    expect(message).toBe('signature does not match')
  })

  it('rejects a request without an x-webflow-signature header', async () => {
    const { timestamp } = await signed()

    const message = await signatureFailure(
      verifyWebflow({ secret, timestamp, signature: undefined, body, now: signedAtMs }),
    )

    expect(message).toBe('signature header missing')
  })

  it('rejects a request without an x-webflow-timestamp header', async () => {
    const { signature } = await signed()

    const message = await signatureFailure(
      verifyWebflow({ secret, timestamp: null, signature, body, now: signedAtMs }),
    )

    expect(message).toBe('timestamp header missing')
  })

  it.each([
    ['an empty header', ''],
    ['a sha256= prefix', 'sha256=996a49f3e8d55b25c2ed2765816d65350a7816d7f532d7d232f6080573856734'],
    ['base64 instead of hex', 'mWpJ8+jVWyXC7SdlgW1lNQp4Ftf1MtfSMvYIBXOFZzQ='],
    ['a truncated tag', '996a49f3e8d55b25c2ed2765816d6535'],
  ])('rejects a signature header with %s as malformed', async (_case, signature) => {
    const { timestamp } = await signed()

    const message = await signatureFailure(
      verifyWebflow({ secret, timestamp, signature, body, now: signedAtMs }),
    )

    expect(message).toBe('malformed signature header')
  })

  it.each(['', '1767225600.25', 'Thu, 01 Jan 2026 00:00:00 GMT'])(
    'rejects the timestamp %j as malformed',
    async (timestamp) => {
      const { signature } = await signed()

      const message = await signatureFailure(
        verifyWebflow({ secret, timestamp, signature, body, now: signedAtMs }),
      )

      expect(message).toBe('malformed timestamp header')
    },
  )

  it('reads the timestamp as milliseconds, so one in seconds is far too old', async () => {
    const headers = await signed(body, Math.floor(signedAtMs / 1000))

    const message = await signatureFailure(
      verifyWebflow({ secret, ...headers, body, now: signedAtMs }),
    )

    expect(message).toBe('timestamp too old')
  })

  it('accepts a timestamp exactly five minutes old', async () => {
    const headers = await signed()

    const verified = verifyWebflow({ secret, ...headers, body, now: signedAtMs + 300_000 })

    await expect(verified).resolves.toBeUndefined()
  })

  it('rejects a timestamp a millisecond more than five minutes old', async () => {
    const headers = await signed()

    const message = await signatureFailure(
      verifyWebflow({ secret, ...headers, body, now: signedAtMs + 300_001 }),
    )

    expect(message).toBe('timestamp too old')
  })

  it('accepts a timestamp exactly five minutes ahead', async () => {
    const headers = await signed()

    const verified = verifyWebflow({ secret, ...headers, body, now: signedAtMs - 300_000 })

    await expect(verified).resolves.toBeUndefined()
  })

  it('rejects a timestamp more than five minutes ahead', async () => {
    const headers = await signed()

    const message = await signatureFailure(
      verifyWebflow({ secret, ...headers, body, now: signedAtMs - 300_001 }),
    )

    expect(message).toBe('timestamp in the future')
  })
})
