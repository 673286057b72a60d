import { Webhook } from 'standardwebhooks'
import { ConfigError, SignatureError } from '../errors'
import { bytesOf, requireHeader, type HeaderValue, type RawBody } from './input'
import { FIVE_MINUTES_MS, parseTimestamp, requireFresh } from './timestamp'

/** Request headers, as a `Headers` object or a plain record (looked up case-insensitively). */
export type HeaderSource = Headers | Readonly<Record<string, HeaderValue>>

/** What `verifyStandardWebhook` checks. */
export interface StandardWebhookInput {
  /** `whsec_` followed by the base64 key (`WEBHOOK_SECRET`); the prefix is optional. */
  readonly secret: string
  /** Must hold `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`. */
  readonly headers: HeaderSource
  readonly body: RawBody
  /** The current time in milliseconds; defaults to the clock. */
  readonly now?: number | undefined
}

const encoder = new TextEncoder()

/** A `v1` signature is the base64 of a 32-byte HMAC-SHA256 tag. */
const V1_SIGNATURE = /^[A-Za-z0-9+/]{43}=$/

/**
 * Verifies a Standard Webhooks request: `webhook-signature` holds a space-separated list of
 * `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{raw body}">`, keyed with the base64-decoded
 * secret; any one match passes, so a sender can rotate its secret without downtime. Entries of
 * other versions (`v1a` is asymmetric) are skipped, as the specification asks.
 *
 * The `standardwebhooks` library decodes the secret and computes the expected signature. Its
 * own `verify` reads the wall clock and cannot be given one, so the window (five minutes both
 * ways, as the specification says) is checked here against `now`, and the candidates are
 * compared here too, in constant time (`crypto.subtle.timingSafeEqual`).
 *
 * @throws SignatureError naming what failed; ConfigError when the secret is not base64.
 */
export function verifyStandardWebhook(input: StandardWebhookInput): Promise<void> {
  // Nothing here awaits, but a failure should reach callers as a rejection, like the others.
  return new Promise((resolve) => {
    checkStandardWebhook(input)
    resolve()
  })
}

function checkStandardWebhook(input: StandardWebhookInput): void {
  const { headers, now = Date.now() } = input
  const webhook = loadSecret(input.secret)
  const body = bytesOf(input.body)

  const id = requireHeader(header(headers, 'webhook-id'), 'webhook-id header missing')
  const signature = requireHeader(header(headers, 'webhook-signature'), 'signature header missing')
  const timestamp = requireHeader(header(headers, 'webhook-timestamp'), 'timestamp header missing')
  if (id === '') throw new SignatureError('webhook-id header is empty')
  const signedAt = parseTimestamp(timestamp, 'malformed timestamp header')
  const candidates = parseSignatures(signature)

  requireFresh(signedAt * 1000, now, FIVE_MINUTES_MS)

  // The library answers `v1,<base64>`; the candidates are the base64 parts.
  const signed = webhook.sign(id, new Date(signedAt * 1000), body)
  const expected = encoder.encode(signed.slice('v1,'.length))
  const match = candidates.some((candidate) => {
    const given = encoder.encode(candidate)
    return (
      given.byteLength === expected.byteLength && crypto.subtle.timingSafeEqual(given, expected)
    )
  })
  if (!match) throw new SignatureError('signature does not match')
}

/** The library's view of the secret; it strips `whsec_` and decodes the base64 key. */
function loadSecret(secret: string): Webhook {
  try {
    return new Webhook(secret)
  } catch {
    // The library's message may quote the offending characters of the secret: drop it.
    throw new ConfigError(['the Standard Webhooks secret must be whsec_ followed by base64'])
  }
}

/** The base64 part of every `v1` entry; throws on an entry that is not `version,signature`. */
function parseSignatures(text: string): string[] {
  const entries = text.split(' ').filter((entry) => entry !== '')
  if (entries.length === 0) throw new SignatureError('malformed signature header')

  const v1: string[] = []
  for (const entry of entries) {
    const comma = entry.indexOf(',')
    if (comma <= 0) throw new SignatureError('malformed signature header')
    if (entry.slice(0, comma) !== 'v1') continue
    const value = entry.slice(comma + 1)
    if (!V1_SIGNATURE.test(value)) throw new SignatureError('malformed signature header')
    v1.push(value)
  }

  if (v1.length === 0) throw new SignatureError('no v1 signature in header')
  return v1
}

/** One header by its lower-case name. */
function header(headers: HeaderSource, name: string): HeaderValue {
  if (headers instanceof Headers) return headers.get(name)
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return value
  }
  return undefined
}
