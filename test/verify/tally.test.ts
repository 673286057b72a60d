import { describe, expect, it } from 'vitest'
import { signTally, verifyTally } from '../../src/verify'
import { forge, signatureFailure, viewInLargerBuffer } from './support'
import { tallyVector, utf8 } from './vectors'

const secret = 'tally-signing-secret'
const body = utf8('{"eventType":"FORM_RESPONSE","data":{"submissionId":"mOdRx3","fields":[]}}')

async function signed(content = body): Promise<string> {
  return (await signTally({ secret, body: content }))['tally-signature']
}

describe('verifyTally', () => {
  it('passes a signature computed independently', async () => {
    const { secret, signature } = tallyVector

    const verified = verifyTally({ secret, signature, body: utf8(tallyVector.body) })

    await expect(verified).resolves.toBeUndefined()
  })

  it('passes a body given as an ArrayBuffer or as a view into a larger buffer', async () => {
    const signature = await signed()

    const results = await Promise.all([
      verifyTally({ secret, signature, body: body.slice().buffer }),
      verifyTally({ secret, signature, body: viewInLargerBuffer(body) }),
    ])

    expect(results).toEqual([undefined, undefined])
  })

  it('rejects a body with one byte changed', async () => {
    const signature = await signed()

    const message = await signatureFailure(verifyTally({ secret, signature, body: forge(body) }))

    expect(message).toBe('signature does not match')
  })

  it('rejects a signature made with another secret', async () => {
    const signature = await signed()

    const message = await signatureFailure(verifyTally({ secret: 'another', signature, body }))

    expect(message).toBe('signature does not match')
  })

  it('rejects a request without a Tally-Signature header', async () => {
    const message = await signatureFailure(verifyTally({ secret, signature: null, body }))

    expect(message).toBe('signature header missing')
  })

  it.each([
    ['an empty header', ''],
    ['a Typeform-style prefix', 'sha256=gYx6cKbq6QZSwarMaNzcd4BbD0Aw4jpH9fy+wFZl9JE='],
    ['hex instead of base64', '818c7a70a6eae90652c1aacc68dcdc77805b0f4030e23a47f5fcbec05665f491'],
    ['missing padding', 'gYx6cKbq6QZSwarMaNzcd4BbD0Aw4jpH9fy+wFZl9JE'],
    ['a space inside', 'gYx6cKbq6QZSwarMaNzcd4BbD0Aw 4jpH9fy+wFZl9JE='],
    ['a truncated tag', 'gYx6cKbq6QZSwarMaNzcd4Bb'],
  ])('rejects a signature header with %s as malformed', async (_case, signature) => {
    const message = await signatureFailure(verifyTally({ secret, signature, body }))

    expect(message).toBe('malformed signature header')
  })
})
