import { describe, expect, it } from 'vitest'
import { signTypeform, verifyTypeform } from '../../src/verify'
import { forge, signatureFailure, viewInLargerBuffer } from './support'
import { typeformVector, utf8 } from './vectors'

const secret = 'typeform-webhook-secret'
const body = utf8('{"event_type":"form_response","form_response":{"token":"t0k3n","answers":[]}}')

async function signed(content = body): Promise<string> {
  return (await signTypeform({ secret, body: content }))['typeform-signature']
}

describe('verifyTypeform', () => {
  it('passes a signature computed independently', async () => {
    const { secret, signature } = typeformVector

    const verified = verifyTypeform({ secret, signature, body: utf8(typeformVector.body) })

    await expect(verified).resolves.toBeUndefined()
  })

  it('passes a body given as an ArrayBuffer or as a view into a larger buffer', async () => {
    const signature = await signed()

    const results = await Promise.all([
      verifyTypeform({ secret, signature, body: body.slice().buffer }),
      verifyTypeform({ secret, signature, body: viewInLargerBuffer(body) }),
    ])

    expect(results).toEqual([undefined, undefined])
  })

  it('rejects a body with one byte changed', async () => {
    const signature = await signed()

    const message = await signatureFailure(verifyTypeform({ secret, signature, body: forge(body) }))

    expect(message).toBe('signature does not match')
  })

  it('rejects a signature made with another secret', async () => {
    const signature = await signed()

    const message = await signatureFailure(
      verifyTypeform({ secret: 'another-secret', signature, body }),
    )

    expect(message).toBe('signature does not match')
  })

  it('rejects a request without a Typeform-Signature header', async () => {
    const message = await signatureFailure(verifyTypeform({ secret, signature: undefined, body }))

    expect(message).toBe('signature header missing')
  })

  it.each([
    ['an empty header', ''],
    ['no sha256= prefix', '8QmZrIYE/o9rD+q1TaWjNTzGmJeXauuGewyFlMjG1B0='],
    ['another algorithm', 'sha1=8QmZrIYE/o9rD+q1TaWjNTzGmJeXauuGewyFlMjG1B0='],
    ['a prefix alone', 'sha256='],
    [
      'hex instead of base64',
      'sha256=f10999ac8604fe8f6b0feab54da5a3353cc69897976aeb867b0c8594c8c6d41d',
    ],
    ['base64url characters', 'sha256=8QmZrIYE_o9rD-q1TaWjNTzGmJeXauuGewyFlMjG1B0='],
    ['missing padding', 'sha256=8QmZrIYE/o9rD+q1TaWjNTzGmJeXauuGewyFlMjG1B0'],
    ['a truncated tag', 'sha256=8QmZrIYE/o9rD+q1TaWjNTzGmJeXauuGewyF'],
  ])('rejects a signature header with %s as malformed', async (_case, signature) => {
    const message = await signatureFailure(verifyTypeform({ secret, signature, body }))

    expect(message).toBe('malformed signature header')
  })
})
