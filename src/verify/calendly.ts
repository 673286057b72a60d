import { SignatureError } from '../errors'
import { decodeHexTag, importVerifyKey, requireMatch, signedContent } from './hmac'
import { requireHeader, type HeaderValue, type RawBody } from './input'
import { parseTimestamp, requireFresh } from './timestamp'

/** What `verifyCalendly` checks. */
export interface CalendlySignatureInput {
  /** The webhook subscription's signing key (`CALENDLY_SIGNING_KEY`). */
  readonly signingKey: string
  /** `Calendly-Webhook-Signature`: `t=<unix seconds>,v1=<hex HMAC>`. */
  readonly header: HeaderValue
  readonly body: RawBody
  /** The current time in milliseconds; defaults to the clock. */
  readonly now?: number | undefined
  /** How far the signed time may be from now, either way; Calendly suggests 3 to 5 minutes. */
  readonly toleranceSeconds?: number | undefined
}

/** The parts of a Calendly signature header that matter. */
interface CalendlyHeader {
  /** The `t` value exactly as sent: it is part of the signed text. */
  readonly timestamp: string
  readonly tags: readonly Uint8Array[]
}

const MALFORMED = 'malformed signature header'

/**
 * Verifies a Calendly webhook: the hex HMAC-SHA256 of `{t}.{raw body}`, keyed with the signing
 * key, where `t` is the Unix time in the same header. Several `v1` values are accepted (any
 * match passes), in any order, with spaces around the parts.
 *
 * @throws SignatureError naming what failed; returns normally when the request is Calendly's.
 */
export async function verifyCalendly(input: CalendlySignatureInput): Promise<void> {
  const { signingKey, body, now = Date.now(), toleranceSeconds = 300 } = input
  const key = await importVerifyKey(signingKey)

  const header = parseCalendlyHeader(requireHeader(input.header, 'signature header missing'))
  const signedAt = parseTimestamp(header.timestamp, MALFORMED)

  requireFresh(signedAt * 1000, now, toleranceSeconds * 1000)

  await requireMatch(key, header.tags, signedContent(`${header.timestamp}.`, body))
}

/**
 * Splits `t=…,v1=…` into its parts. Exactly one `t` and at least one `v1` are required; parts
 * for other schemes are ignored so that a new scheme Calendly adds beside `v1` breaks nothing.
 */
function parseCalendlyHeader(text: string): CalendlyHeader {
  let timestamp: string | undefined
  const tags: Uint8Array[] = []

  for (const part of text.split(',')) {
    if (part.trim() === '') continue
    const eq = part.indexOf('=')
    if (eq === -1) throw new SignatureError(MALFORMED)
    const name = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if (name === 't') {
      if (timestamp !== undefined) throw new SignatureError(MALFORMED)
      timestamp = value
    } else if (name === 'v1') {
      const tag = decodeHexTag(value)
      if (tag === undefined) throw new SignatureError(MALFORMED)
      tags.push(tag)
    }
  }

  if (timestamp === undefined || tags.length === 0) throw new SignatureError(MALFORMED)
  return { timestamp, tags }
}
