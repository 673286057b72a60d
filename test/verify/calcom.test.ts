import { describe, expect, it } from 'vitest'
import { signCalcom, verifyCalcom } from '../../src/verify'
import { forge, signatureFailure, viewInLargerBuffer } from './support'
import { calcomVector, utf8 } from './vectors'

const secret = 'calcom-webhook-secret'
const body = utf8('{"triggerEvent":"BOOKING_CREATED","payload":{"uid":"8JKa2","bookingId":41}}')

async function signed(content = body): Promise<string> {
  return (await signCalcom({ secret, body: content }))['x-cal-signature-256']
}

describe('verifyCalcom', () => {
  it('passes a signature computed independently', async () => {
    const { secret, signature } = calcomVector

    const verified = verifyCalcom({ secret, signature, body: utf8(calcomVector.body) })

    await expect(verified).resolves.toBeUndefined()
  })

  it('passes an upper-case hex signature', async () => {
    const signature = (await signed()).toUpperCase()

    const verified = verifyCalcom({ secret, signature, body })

    await expect(verified).resolves.toBeUndefined()
  })

  it('passes a body given as an ArrayBuffer or as a view into a larger buffer', async () => {
    const signature = await signed()

    const results = await Promise.all([
      verifyCalcom({ secret, signature, body: body.slice().buffer }),
      verifyCalcom({ secret, signature, body: viewInLargerBuffer(body) }),
    ])

    expect(results).toEqual([undefined, undefined])
  })

  it('refuses a webhook that Cal.com sends without a secret', async () => {
    const message = await signatureFailure(
      verifyCalcom({ secret, signature: 'no-secret-provided', body }),
    )

    expect(message).toBe(
      'the Cal.com webhook has no secret: set the same secret in Cal.com as in CALCOM_SECRET',
    )
  })

  it('rejects a body with one byte changed', async () => {
    const signature = await signed()

    const message = await signatureFailure(verifyCalcom({ secret, signature, body: forge(body) }))

    expect(message).toBe('signature does not match')
  })

  it('rejects a signature made with another secret', async () => {
    const signature = await signed()

    const message = await signatureFailure(verifyCalcom({ secret: 'another', signature, body }))

    expect(message).toBe('signature does not match')
  })

  it('rejects a request without an X-Cal-Signature-256 header', async () => {
    const message = await signatureFailure(verifyCalcom({ secret, signature: undefined, body }))

    expect(message).toBe('signature header missing')
  })

  it.each([
    ['an empty header', ''],
    ['a sha256= prefix', 'sha256=c708149c701951b1dbc14f5c702ed1f47ad58e68cd539fc21771ed0acbb0a318'],
    ['base64 instead of hex', 'xwgUnHAZUbHbwU9ccC7R9HrVjmjNU5/CF3HtCsuwoxg='],
    ['a non-hex digit', 'z708149c701951b1dbc14f5c702ed1f47ad58e68cd539fc21771ed0acbb0a318'],
    ['a truncated tag', 'c708149c701951b1dbc14f5c702ed1f4'],
  ])('rejects a signature header with %s as malformed', async (_case, signature) => {
    const message = await signatureFailure(verifyCalcom({ secret, signature, body }))

    expect(message).toBe('malformed signature header')
  })
})
