import { SignatureError } from '../errors'
import { decodeHexTag, importVerifyKey, requireMatch, signedContent } from './hmac'
import { requireHeader, type HeaderValue, type RawBody } from './input'
import { FIVE_MINUTES_MS, parseTimestamp, requireFresh } from './timestamp'

/** What `verifySlack` checks: the signing secret, both Slack headers and the raw body. */
export interface SlackSignatureInput {
  /** The app's signing secret (`SLACK_SIGNING_SECRET`). */
  readonly secret: string
  /** `X-Slack-Request-Timestamp`: Unix seconds. */
  readonly timestamp: HeaderValue
  /** `X-Slack-Signature`: `v0=` and the hex HMAC. */
  readonly signature: HeaderValue
  readonly body: RawBody
  /** The current time in milliseconds; defaults to the clock. */
  readonly now?: number | undefined
}

/**
 * Verifies a request signed by Slack: `v0=` followed by the hex HMAC-SHA256, keyed with the
 * signing secret, of `v0:{timestamp}:{raw body}`. Slack asks receivers to refuse a timestamp
 * more than five minutes from now in either direction, against replayed requests.
 *
 * @example
 * await verifySlack({
 *   secret,
 *   timestamp: c.req.header('x-slack-request-timestamp'),
 *   signature: c.req.header('x-slack-signature'),
 *   body: await c.req.arrayBuffer(),
 * })
 * @throws SignatureError naming what failed; returns normally when the request is Slack's.
 */
export async function verifySlack(input: SlackSignatureInput): Promise<void> {
  const { secret, body, now = Date.now() } = input
  const key = await importVerifyKey(secret)

  const signature = requireHeader(input.signature, 'signature header missing')
  const timestamp = requireHeader(input.timestamp, 'timestamp header missing')
  const signedAt = parseTimestamp(timestamp, 'malformed timestamp header')
  const tag = signature.startsWith('v0=') ? decodeHexTag(signature.slice(3)) : undefined
  if (tag === undefined) throw new SignatureError('malformed signature header')

  requireFresh(signedAt * 1000, now, FIVE_MINUTES_MS)

  await requireMatch(key, [tag], signedContent(`v0:${timestamp}:`, body))
}
