import { describe, expect, it } from 'vitest'
import { SignatureError } from '../../src/errors'
import { signSlack, verifySlack } from '../../src/verify'
import { forge, signatureFailure, viewInLargerBuffer } from './support'
import { slackVector, utf8 } from './vectors'

const secret = 'slack-signing-secret'
const body = utf8('command=%2Ftime&text=2h+%23website+fixed+header&user_id=U2CERLKJA')
const signedAt = 1_767_225_600
const nowMs = signedAt * 1000

async function signed(content = body, timestamp = signedAt) {
  const headers = await signSlack({ secret, body: content, timestamp })
  return {
    timestamp: headers['x-slack-request-timestamp'],
    signature: headers['x-slack-signature'],
  }
}

describe('verifySlack', () => {
  it("passes Slack's published test vector", async () => {
    const { secret, timestamp, signature } = slackVector

    const verified = verifySlack({
      secret,
      timestamp,
      signature,
      body: utf8(slackVector.body),
      now: Number(timestamp) * 1000,
    })

    await expect(verified).resolves.toBeUndefined()
  })

  it('passes a body given as an ArrayBuffer or as a view into a larger buffer', async () => {
    const headers = await signed()

    const results = await Promise.all([
      verifySlack({ secret, ...headers, body: body.slice().buffer, now: nowMs }),
      verifySlack({ secret, ...headers, body: viewInLargerBuffer(body), now: nowMs }),
    ])

    expect(results).toEqual([undefined, undefined])
  })

  it('rejects a body with one byte changed', async () => {
    const headers = await signed()

    const message = await signatureFailure(
      verifySlack({ secret, ...headers, body: forge(body), now: nowMs }),
    )

    expect(message).toBe('signature does not match')
  })

  it('rejects a signature made with another secret', async () => {
    const headers = await signed()

    const message = await signatureFailure(
      verifySlack({ secret: 'another-secret', ...headers, body, now: nowMs }),
    )

    expect(message).toBe('signature does not match')
  })

  it('rejects a signature over another timestamp', async () => {
    const { signature } = await signed(body, signedAt - 1)

    const message = await signatureFailure(
      verifySlack({ secret, timestamp: String(signedAt), signature, body, now: nowMs }),
    )

    expect(message).toBe('signature does not match')
  })

  it('rejects a request without a signature header', async () => {
    const { timestamp } = await signed()

    const message = await signatureFailure(
      verifySlack({ secret, timestamp, signature: null, body, now: nowMs }),
    )

    expect(message).toBe('signature header missing')
  })

  it('rejects a request without a timestamp header', async () => {
    const { signature } = await signed()

    const message = await signatureFailure(
      verifySlack({ secret, timestamp: undefined, signature, body, now: nowMs }),
    )

    expect(message).toBe('timestamp header missing')
  })

  it.each([
    ['an empty header', ''],
    ['no v0= prefix', 'a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503'],
    ['another version', 'v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503'],
    ['a prefix alone', 'v0='],
    ['a non-hex digit', 'v0=g2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503'],
    ['a short tag', 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b5'],
    ['a long tag', 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50300'],
    ['base64 instead of hex', 'v0=ohFNV7SOrDm5rRid2DFiNae0qNIaEL0nUZZmSJxptQM='],
  ])('rejects a signature header with %s as malformed', async (_case, signature) => {
    const { timestamp } = await signed()

    const message = await signatureFailure(
      verifySlack({ secret, timestamp, signature, body, now: nowMs }),
    )

    expect(message).toBe('malformed signature header')
  })

  it.each(['', 'yesterday', '1767225600.5', '-1767225600', '+1767225600', ' 1767225600', '1e9'])(
    'rejects the timestamp %j as malformed',
    async (timestamp) => {
      const { signature } = await signed()

      const message = await signatureFailure(
        verifySlack({ secret, timestamp, signature, body, now: nowMs }),
      )

      expect(message).toBe('malformed timestamp header')
    },
  )

  it('accepts a timestamp exactly five minutes old', async () => {
    const headers = await signed()

    const verified = verifySlack({ secret, ...headers, body, now: nowMs + 300_000 })

    await expect(verified).resolves.toBeUndefined()
  })

  it('rejects a timestamp a millisecond more than five minutes old', async () => {
    const headers = await signed()

    const message = await signatureFailure(
      verifySlack({ secret, ...headers, body, now: nowMs + 300_001 }),
    )

    expect(message).toBe('timestamp too old')
  })

  it('accepts a timestamp exactly five minutes ahead', async () => {
    const headers = await signed()

    const verified = verifySlack({ secret, ...headers, body, now: nowMs - 300_000 })

    await expect(verified).resolves.toBeUndefined()
  })

  it('rejects a Slack timestamp from the future', async () => {
    const headers = await signed()

    const message = await signatureFailure(
      verifySlack({ secret, ...headers, body, now: nowMs - 300_001 }),
    )

    expect(message).toBe('timestamp in the future')
  })

  it('answers a failure as a 401 signature_invalid without the secret', async () => {
    const headers = await signed()

    const error: unknown = await verifySlack({
      secret,
      ...headers,
      body: forge(body),
      now: nowMs,
    }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(SignatureError)
    expect(error).toMatchObject({ status: 401, code: 'signature_invalid' })
    expect((error as Error).message).not.toContain(secret)
  })
})
