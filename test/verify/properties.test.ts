import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SignatureError } from '../../src/errors'
import {
  signCalcom,
  signCalendly,
  signSlack,
  signStandardWebhook,
  signTally,
  signTypeform,
  signWebflow,
  verifyCalcom,
  verifyCalendly,
  verifySlack,
  verifyStandardWebhook,
  verifyTally,
  verifyToken,
  verifyTypeform,
  verifyWebflow,
} from '../../src/verify'
import { forge } from './support'

const secret = 'property-secret-0f3a'
const whsec = 'whsec_cHJvcGVydHktc2VjcmV0LTBmM2EtcHJvcGVydHk='
const nowMs = 1_767_225_600_000

/** Resolves to `'passed'` or to whatever the attempt rejected with. */
function settle(attempt: Promise<void>): Promise<unknown> {
  return attempt.then(
    () => 'passed',
    (error: unknown) => error,
  )
}

/** True when the outcome is a pass or a `SignatureError` whose message names no secret. */
function isPassOrSignatureError(outcome: unknown): boolean {
  if (outcome === 'passed') return true
  return (
    outcome instanceof SignatureError &&
    !outcome.message.includes(secret) &&
    !outcome.message.includes(whsec)
  )
}

const hexDigit = fc.constantFrom(...Array.from('0123456789abcdefABCDEF'))
const tagBytes = fc.uint8Array({ minLength: 32, maxLength: 32 })
const toHex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))

/** Text shaped like a tag: often a well-formed one, so the comparison itself runs too. */
const tagLike = fc.oneof(
  tagBytes.map(toHex),
  tagBytes.map(toBase64),
  fc.string({ unit: hexDigit, maxLength: 70 }),
  fc.base64String({ maxLength: 48 }),
  fc.string(),
)

/** Any header at all, absent or present, with any characters. */
const header = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 2, arbitrary: fc.tuple(fc.string(), tagLike).map(([p, t]) => p + t) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
)

/** Either any header, or (twice as often) one of the scheme's own shape. */
const headerOr = (shaped: fc.Arbitrary<string>) => fc.oneof(header, shaped, shaped)

const nearNowSeconds = fc.integer({ min: -400, max: 400 }).map((s) => String(nowMs / 1000 + s))
const nearNowMs = fc.integer({ min: -400_000, max: 400_000 }).map((ms) => String(nowMs + ms))
const calendlyShaped = fc
  .tuple(
    fc.oneof(nearNowSeconds, fc.string()),
    fc.array(tagLike, { maxLength: 3 }),
    fc.constantFrom(',', ' , ', ';'),
    fc.boolean(),
  )
  .map(([t, tags, sep, tFirst]) => {
    const v1 = tags.map((tag) => `v1=${tag}`)
    return (tFirst ? [`t=${t}`, ...v1] : [...v1, `t=${t}`]).join(sep)
  })
const standardWebhookShaped = fc
  .array(fc.tuple(fc.constantFrom('v1', 'v1', 'v1a', ''), tagLike), { maxLength: 3 })
  .map((entries) => entries.map(([version, tag]) => `${version},${tag}`).join(' '))
const body = fc.uint8Array({ maxLength: 512 })

describe('every verifier, for any headers and body', () => {
  it('passes or throws a SignatureError for Slack', async () => {
    await fc.assert(
      fc.asyncProperty(
        headerOr(nearNowSeconds),
        headerOr(tagLike.map((t) => `v0=${t}`)),
        body,
        async (timestamp, signature, body) => {
          const outcome = await settle(
            verifySlack({ secret, timestamp, signature, body, now: nowMs }),
          )

          expect(isPassOrSignatureError(outcome)).toBe(true)
        },
      ),
    )
  })

  it('passes or throws a SignatureError for Typeform, Tally and Cal.com', async () => {
    await fc.assert(
      fc.asyncProperty(
        headerOr(
          fc.oneof(
            tagLike,
            tagLike.map((t) => `sha256=${t}`),
          ),
        ),
        body,
        async (signature, body) => {
          const outcomes = await Promise.all([
            settle(verifyTypeform({ secret, signature, body })),
            settle(verifyTally({ secret, signature, body })),
            settle(verifyCalcom({ secret, signature, body })),
          ])

          expect(outcomes.every(isPassOrSignatureError)).toBe(true)
        },
      ),
    )
  })

  it('passes or throws a SignatureError for Webflow', async () => {
    await fc.assert(
      fc.asyncProperty(
        headerOr(nearNowMs),
        headerOr(tagLike),
        body,
        async (timestamp, signature, body) => {
          const outcome = await settle(
            verifyWebflow({ secret, timestamp, signature, body, now: nowMs }),
          )

          expect(isPassOrSignatureError(outcome)).toBe(true)
        },
      ),
    )
  })

  it('passes or throws a SignatureError for Calendly', async () => {
    await fc.assert(
      fc.asyncProperty(headerOr(calendlyShaped), body, async (header, body) => {
        const outcome = await settle(
          verifyCalendly({ signingKey: secret, header, body, now: nowMs }),
        )

        expect(isPassOrSignatureError(outcome)).toBe(true)
      }),
    )
  })

  it('passes or throws a SignatureError for Standard Webhooks', async () => {
    await fc.assert(
      fc.asyncProperty(
        headerOr(fc.string({ minLength: 1 })),
        headerOr(nearNowSeconds),
        headerOr(standardWebhookShaped),
        body,
        async (id, timestamp, signature, body) => {
          const headers = {
            'webhook-id': id,
            'webhook-timestamp': timestamp,
            'webhook-signature': signature,
          }

          const outcome = await settle(
            verifyStandardWebhook({ secret: whsec, headers, body, now: nowMs }),
          )

          expect(isPassOrSignatureError(outcome)).toBe(true)
        },
      ),
    )
  })

  it('passes or throws a SignatureError for a shared token', async () => {
    await fc.assert(
      fc.asyncProperty(header, async (given) => {
        const outcome = await settle(verifyToken({ expected: secret, given }))

        expect(isPassOrSignatureError(outcome)).toBe(true)
        expect(outcome === 'passed').toBe(given === secret)
      }),
    )
  })
})

/** Any secret a user could configure: non-empty, any characters. */
const anySecret = fc.string({ unit: 'binary', minLength: 1, maxLength: 64 })
const anyBody = fc.uint8Array({ minLength: 1, maxLength: 2048 })
const unixSeconds = fc.integer({ min: 1_000_000_000, max: 4_000_000_000 })
/** A clock reading within five minutes of the signature, either way. */
const skewMs = fc.integer({ min: -300_000, max: 300_000 })

/** A body with one byte changed somewhere, and the original. */
const bodyAndForgery = anyBody.chain((body) =>
  fc.nat({ max: body.length - 1 }).map((at) => [body, forge(body, at)] as const),
)

describe('signing then verifying', () => {
  it('round-trips Slack, and a changed byte fails', async () => {
    await fc.assert(
      fc.asyncProperty(
        anySecret,
        bodyAndForgery,
        unixSeconds,
        skewMs,
        async (secret, [body, forged], ts, skew) => {
          const signed = await signSlack({ secret, body, timestamp: ts })
          const headers = {
            secret,
            timestamp: signed['x-slack-request-timestamp'],
            signature: signed['x-slack-signature'],
            now: ts * 1000 + skew,
          }

          const [genuine, forgery] = await Promise.all([
            settle(verifySlack({ ...headers, body })),
            settle(verifySlack({ ...headers, body: forged })),
          ])

          expect(genuine).toBe('passed')
          expect(forgery).toEqual(new SignatureError('signature does not match'))
        },
      ),
    )
  })

  it('round-trips Typeform, Tally and Cal.com, and a changed byte fails', async () => {
    await fc.assert(
      fc.asyncProperty(anySecret, bodyAndForgery, async (secret, [body, forged]) => {
        const typeform = (await signTypeform({ secret, body }))['typeform-signature']
        const tally = (await signTally({ secret, body }))['tally-signature']
        const calcom = (await signCalcom({ secret, body }))['x-cal-signature-256']

        const outcomes = await Promise.all(
          [body, forged].flatMap((content) => [
            settle(verifyTypeform({ secret, signature: typeform, body: content })),
            settle(verifyTally({ secret, signature: tally, body: content })),
            settle(verifyCalcom({ secret, signature: calcom, body: content })),
          ]),
        )

        const mismatch = new SignatureError('signature does not match')
        expect(outcomes).toEqual(['passed', 'passed', 'passed', mismatch, mismatch, mismatch])
      }),
    )
  })

  it('round-trips Webflow, and a changed byte fails', async () => {
    await fc.assert(
      fc.asyncProperty(
        anySecret,
        bodyAndForgery,
        unixSeconds,
        skewMs,
        async (secret, [body, forged], ts, skew) => {
          const signed = await signWebflow({ secret, body, timestamp: ts * 1000 })
          const headers = {
            secret,
            timestamp: signed['x-webflow-timestamp'],
            signature: signed['x-webflow-signature'],
            now: ts * 1000 + skew,
          }

          const [genuine, forgery] = await Promise.all([
            settle(verifyWebflow({ ...headers, body })),
            settle(verifyWebflow({ ...headers, body: forged })),
          ])

          expect(genuine).toBe('passed')
          expect(forgery).toEqual(new SignatureError('signature does not match'))
        },
      ),
    )
  })

  it('round-trips Calendly whatever the order and spacing of the parts', async () => {
    await fc.assert(
      fc.asyncProperty(
        anySecret,
        bodyAndForgery,
        unixSeconds,
        skewMs,
        fc.boolean(),
        fc.constantFrom('', ' ', '  '),
        async (secret, [body, forged], ts, skew, reversed, space) => {
          const signed = await signCalendly({ signingKey: secret, body, timestamp: ts })
          const parts = signed['calendly-webhook-signature'].split(',')
          const header = (reversed ? parts.reverse() : parts).join(`${space},${space}`)
          const input = { signingKey: secret, header, now: ts * 1000 + skew }

          const [genuine, forgery] = await Promise.all([
            settle(verifyCalendly({ ...input, body })),
            settle(verifyCalendly({ ...input, body: forged })),
          ])

          expect(genuine).toBe('passed')
          expect(forgery).toEqual(new SignatureError('signature does not match'))
        },
      ),
    )
  })

  it('round-trips Standard Webhooks for any key, id and body bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
        bodyAndForgery,
        unixSeconds,
        skewMs,
        async (key, id, [body, forged], ts, skew) => {
          const secret = `whsec_${btoa(String.fromCharCode(...key))}`
          const headers = await signStandardWebhook({ secret, id, body, timestamp: ts })
          const input = { secret, headers, now: ts * 1000 + skew }

          const [genuine, forgery] = await Promise.all([
            settle(verifyStandardWebhook({ ...input, body })),
            settle(verifyStandardWebhook({ ...input, body: forged })),
          ])

          expect(genuine).toBe('passed')
          expect(forgery).toEqual(new SignatureError('signature does not match'))
        },
      ),
    )
  })
})
