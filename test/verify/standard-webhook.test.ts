import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/errors'
import { signStandardWebhook, verifyStandardWebhook } from '../../src/verify'
import { forge, signatureFailure, viewInLargerBuffer } from './support'
import { standardWebhookVector, utf8 } from './vectors'

const secret = 'whsec_dGVzdC13ZWJob29rLXNlY3JldC0xMjM0NTY3OA=='
const otherSecret = 'whsec_b3RoZXItd2ViaG9vay1zZWNyZXQtODc2NTQzMjE='
const body = utf8('{"type":"form.submitted","data":{"email":"ada@example.com"}}')
const signedAt = 1_767_225_600
const nowMs = signedAt * 1000

function signed(content: Uint8Array = body, options: { secret?: string; timestamp?: number } = {}) {
  return signStandardWebhook({
    secret: options.secret ?? secret,
    id: 'msg_2yQe8Kx',
    timestamp: options.timestamp ?? signedAt,
    body: content,
  })
}

describe('verifyStandardWebhook', () => {
  it('passes the example of the reference library', async () => {
    const { secret, id, timestamp, signature } = standardWebhookVector
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': signature,
    }

    const verified = verifyStandardWebhook({
      secret,
      headers,
      body: utf8(standardWebhookVector.body),
      now: Number(timestamp) * 1000,
    })

    await expect(verified).resolves.toBeUndefined()
  })

  it('accepts the secret without its whsec_ prefix', async () => {
    const headers = await signed()

    const verified = verifyStandardWebhook({
      secret: secret.slice('whsec_'.length),
      headers,
      body,
      now: nowMs,
    })

    await expect(verified).resolves.toBeUndefined()
  })

  it('reads a Headers object and a record with any capitalisation', async () => {
    const headers = await signed()
    const capitalised = {
      'Webhook-Id': headers['webhook-id'],
      'Webhook-Timestamp': headers['webhook-timestamp'],
      'WEBHOOK-SIGNATURE': headers['webhook-signature'],
    }

    const results = await Promise.all([
      verifyStandardWebhook({ secret, headers: new Headers(headers), body, now: nowMs }),
      verifyStandardWebhook({ secret, headers: capitalised, body, now: nowMs }),
    ])

    expect(results).toEqual([undefined, undefined])
  })

  it('passes a body given as an ArrayBuffer or as a view into a larger buffer', async () => {
    const headers = await signed()

    const results = await Promise.all([
      verifyStandardWebhook({ secret, headers, body: body.slice().buffer, now: nowMs }),
      verifyStandardWebhook({ secret, headers, body: viewInLargerBuffer(body), now: nowMs }),
    ])

    expect(results).toEqual([undefined, undefined])
  })

  it('verifies the exact bytes of a body that is not valid UTF-8', async () => {
    const latin1 = Uint8Array.of(0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d)
    const headers = await signed(latin1)
    const reencoded = utf8(new TextDecoder().decode(latin1))

    const [exact, replaced] = await Promise.all([
      verifyStandardWebhook({ secret, headers, body: latin1, now: nowMs }),
      signatureFailure(verifyStandardWebhook({ secret, headers, body: reencoded, now: nowMs })),
    ])

    expect(exact).toBeUndefined()
    expect(replaced).toBe('signature does not match')
  })

  it('passes a rotated signature list where the second signature matches', async () => {
    const old = (await signed(body, { secret: otherSecret }))['webhook-signature']
    const current = await signed()
    const headers = { ...current, 'webhook-signature': `${old} ${current['webhook-signature']}` }

    const verified = verifyStandardWebhook({ secret, headers, body, now: nowMs })

    await expect(verified).resolves.toBeUndefined()
  })

  it('skips entries of other versions and extra spaces in the list', async () => {
    const current = await signed()
    const list = `v1a,aGVsbG8=  v2,c2lnbmF0dXJl ${current['webhook-signature']} `
    const headers = { ...current, 'webhook-signature': list }

    const verified = verifyStandardWebhook({ secret, headers, body, now: nowMs })

    await expect(verified).resolves.toBeUndefined()
  })

  it('rejects a list with no v1 signature', async () => {
    const headers = { ...(await signed()), 'webhook-signature': 'v1a,aGVsbG8= v2,c2ln' }

    const message = await signatureFailure(
      verifyStandardWebhook({ secret, headers, body, now: nowMs }),
    )

    expect(message).toBe('no v1 signature in header')
  })

  it('rejects a body with one byte changed', async () => {
    const headers = await signed()

    const message = await signatureFailure(
      verifyStandardWebhook({ secret, headers, body: forge(body), now: nowMs }),
    )

    expect(message).toBe('signature does not match')
  })

  it('rejects a signature made with another secret', async () => {
    const headers = await signed(body, { secret: otherSecret })

    const message = await signatureFailure(
      verifyStandardWebhook({ secret, headers, body, now: nowMs }),
    )

    expect(message).toBe('signature does not match')
  })

  it('rejects a webhook-id changed after signing', async () => {
    const headers = { ...(await signed()), 'webhook-id': 'msg_other' }

    const message = await signatureFailure(
      verifyStandardWebhook({ secret, headers, body, now: nowMs }),
    )

    expect(message).toBe('signature does not match')
  })

  it.each([
    ['webhook-id', 'webhook-id header missing'],
    ['webhook-timestamp', 'timestamp header missing'],
    ['webhook-signature', 'signature header missing'],
  ])('rejects a request without %s', async (name, expected) => {
    const headers = new Headers(await signed())
    headers.delete(name)

    const message = await signatureFailure(
      verifyStandardWebhook({ secret, headers, body, now: nowMs }),
    )

    expect(message).toBe(expected)
  })

  it('rejects an empty webhook-id', async () => {
    const headers = { ...(await signed()), 'webhook-id': '' }

    const message = await signatureFailure(
      verifyStandardWebhook({ secret, headers, body, now: nowMs }),
    )

    expect(message).toBe('webhook-id header is empty')
  })

  it.each([
    ['an empty header', ''],
    ['spaces only', '   '],
    ['no version', 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='],
    ['an empty version', ',g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='],
    ['an empty v1 signature', 'v1,'],
    ['a truncated v1 signature', 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uF'],
    ['hex in v1', 'v1,83484cf52b04f8e4cf2531adfed9882ad4b2665137b852442d594d20e2c9d4e1'],
    ['base64url in v1', 'v1,g0hM9SsE-OTPJTGt_tmIKtSyZlE3uFJELVlNIOLJ1OE='],
    ['an equals sign for the comma', 'v1=g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='],
  ])('rejects a signature header with %s as malformed', async (_case, signature) => {
    const headers = { ...(await signed()), 'webhook-signature': signature }

    const message = await signatureFailure(
      verifyStandardWebhook({ secret, headers, body, now: nowMs }),
    )

    expect(message).toBe('malformed signature header')
  })

  it.each(['', 'soon', '1767225600.0', '-1767225600', '2026-01-01T00:00:00Z'])(
    'rejects the timestamp %j as malformed',
    async (timestamp) => {
      const headers = { ...(await signed()), 'webhook-timestamp': timestamp }

      const message = await signatureFailure(
        verifyStandardWebhook({ secret, headers, body, now: nowMs }),
      )

      expect(message).toBe('malformed timestamp header')
    },
  )

  it('accepts a timestamp exactly five minutes old', async () => {
    const headers = await signed()

    const verified = verifyStandardWebhook({ secret, headers, body, now: nowMs + 300_000 })

    await expect(verified).resolves.toBeUndefined()
  })

  it('rejects a timestamp a millisecond more than five minutes old', async () => {
    const headers = await signed()

    const message = await signatureFailure(
      verifyStandardWebhook({ secret, headers, body, now: nowMs + 300_001 }),
    )

    expect(message).toBe('timestamp too old')
  })

  it('accepts a timestamp exactly five minutes ahead', async () => {
    const headers = await signed()

    const verified = verifyStandardWebhook({ secret, headers, body, now: nowMs - 300_000 })

    await expect(verified).resolves.toBeUndefined()
  })

  it('rejects a timestamp more than five minutes ahead', async () => {
    const headers = await signed()

    const message = await signatureFailure(
      verifyStandardWebhook({ secret, headers, body, now: nowMs - 300_001 }),
    )

    expect(message).toBe('timestamp in the future')
  })

  it.each([
    ['is empty', ''],
    ['is only the prefix', 'whsec_'],
    ['is not base64', 'whsec_not*base64!'],
  ])('refuses a secret that %s as a configuration error naming no value', async (_c, bad) => {
    const headers = await signed()

    const error: unknown = await verifyStandardWebhook({
      secret: bad,
      headers,
      body,
      now: nowMs,
    }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).message).toBe(
      'configuration is invalid: the Standard Webhooks secret must be whsec_ followed by base64',
    )
  })
})
