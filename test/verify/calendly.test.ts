import { describe, expect, it } from 'vitest'
import { signCalendly, verifyCalendly } from '../../src/verify'
import { forge, signatureFailure, viewInLargerBuffer } from './support'
import { calendlyVector, utf8 } from './vectors'

const signingKey = 'calendly-signing-key'
const body = utf8('{"event":"invitee.canceled","payload":{"uri":"https://api.calendly.com/x/INV"}}')
const signedAt = 1_767_225_600
const nowMs = signedAt * 1000

async function signed(content = body, timestamp = signedAt): Promise<string> {
  return (await signCalendly({ signingKey, body: content, timestamp }))[
    'calendly-webhook-signature'
  ]
}

/** The `v1` hex of a header made by `signCalendly`. */
function tagOf(header: string): string {
  return header.slice(header.indexOf('v1=') + 3)
}

describe('verifyCalendly', () => {
  it('passes a signature computed independently', async () => {
    const { signingKey, header, timestamp } = calendlyVector

    const verified = verifyCalendly({
      signingKey,
      header,
      body: utf8(calendlyVector.body),
      now: Number(timestamp) * 1000,
    })

    await expect(verified).resolves.toBeUndefined()
  })

  it('passes a body given as an ArrayBuffer or as a view into a larger buffer', async () => {
    const header = await signed()

    const results = await Promise.all([
      verifyCalendly({ signingKey, header, body: body.slice().buffer, now: nowMs }),
      verifyCalendly({ signingKey, header, body: viewInLargerBuffer(body), now: nowMs }),
    ])

    expect(results).toEqual([undefined, undefined])
  })

  it('reads the parts in any order, with spaces and unknown schemes around them', async () => {
    const tag = tagOf(await signed())

    const verified = verifyCalendly({
      signingKey,
      header: ` v1=${tag} , v2=unknown,t = ${signedAt} ,`,
      body,
      now: nowMs,
    })

    await expect(verified).resolves.toBeUndefined()
  })

  it('passes when any of several v1 signatures matches', async () => {
    const old = await signCalendly({ signingKey: 'old-key', body, timestamp: signedAt })
    const stale = tagOf(old['calendly-webhook-signature'])
    const tag = tagOf(await signed())

    const verified = verifyCalendly({
      signingKey,
      header: `t=${signedAt},v1=${stale},v1=${tag}`,
      body,
      now: nowMs,
    })

    await expect(verified).resolves.toBeUndefined()
  })

  it('rejects a body with one byte changed', async () => {
    const header = await signed()

    const message = await signatureFailure(
      verifyCalendly({ signingKey, header, body: forge(body), now: nowMs }),
    )

    expect(message).toBe('signature does not match')
  })

  it('rejects a signature made with another signing key', async () => {
    const header = await signed()

    const message = await signatureFailure(
      verifyCalendly({ signingKey: 'another-key', header, body, now: nowMs }),
    )

    expect(message).toBe('signature does not match')
  })

  it('rejects a t part changed after signing', async () => {
    const tag = tagOf(await signed())

    const message = await signatureFailure(
      verifyCalendly({ signingKey, header: `t=${signedAt + 1},v1=${tag}`, body, now: nowMs }),
    )

    expect(message).toBe('signature does not match')
  })

  it('rejects a request without a Calendly-Webhook-Signature header', async () => {
    const message = await signatureFailure(
      verifyCalendly({ signingKey, header: undefined, body, now: nowMs }),
    )

    expect(message).toBe('signature header missing')
  })

  const tag = 'fcdfcaa50f53487bb175ab4db4f077e9ba25c601b67c1e4e89b5ef784b8a8b9a'

  it.each([
    ['an empty header', ''],
    ['no t part', `v1=${tag}`],
    ['no v1 part', 't=1767225600'],
    ['two t parts', `t=1767225600,t=1767225601,v1=${tag}`],
    ['a part without =', `t=1767225600,v1=${tag},sig`],
    ['a bare v1 tag', `t=1767225600,${tag}`],
    ['a t that is not a number', `t=now,v1=${tag}`],
    ['an empty t', `t=,v1=${tag}`],
    ['a v1 that is not hex', `t=1767225600,v1=${tag.replace('f', 'g')}`],
    ['a truncated v1', `t=1767225600,v1=${tag.slice(0, 40)}`],
    ['base64 in v1', 't=1767225600,v1=/N/KpQ9TSHuxdatNtPB36bolxgG2fB5OibXveEuKi5o='],
    ['semicolons between parts', `t=1767225600;v1=${tag}`],
  ])('rejects a header with %s as malformed', async (_case, header) => {
    const message = await signatureFailure(verifyCalendly({ signingKey, header, body, now: nowMs }))

    expect(message).toBe('malformed signature header')
  })

  it('accepts a timestamp exactly five minutes old', async () => {
    const header = await signed()

    const verified = verifyCalendly({ signingKey, header, body, now: nowMs + 300_000 })

    await expect(verified).resolves.toBeUndefined()
  })

  it('rejects a timestamp a millisecond more than five minutes old', async () => {
    const header = await signed()

    const message = await signatureFailure(
      verifyCalendly({ signingKey, header, body, now: nowMs + 300_001 }),
    )

    expect(message).toBe('timestamp too old')
  })

  it('rejects a timestamp more than five minutes ahead', async () => {
    const header = await signed()

    const message = await signatureFailure(
      verifyCalendly({ signingKey, header, body, now: nowMs - 300_001 }),
    )

    expect(message).toBe('timestamp in the future')
  })

  it('takes a narrower tolerance when asked', async () => {
    const header = await signed()

    const [inside, outside] = await Promise.all([
      verifyCalendly({ signingKey, header, body, now: nowMs + 180_000, toleranceSeconds: 180 }),
      signatureFailure(
        verifyCalendly({ signingKey, header, body, now: nowMs + 180_001, toleranceSeconds: 180 }),
      ),
    ])

    expect(inside).toBeUndefined()
    expect(outside).toBe('timestamp too old')
  })
})
