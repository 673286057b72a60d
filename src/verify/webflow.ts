import { SignatureError } from '../errors'
import { decodeHexTag, importVerifyKey, requireMatch, signedContent } from './hmac'
import { requireHeader, type HeaderValue, type RawBody } from './input'
import { FIVE_MINUTES_MS, parseTimestamp, requireFresh } from './timestamp'

/** What `verifyWebflow` checks. */
export interface WebflowSignatureInput {
  /** The webhook's secret (`WEBFLOW_SECRET`). */
  readonly secret: string
  /** `x-webflow-timestamp`: Unix time in MILLISECONDS, unlike every other source here. */
  readonly timestamp: HeaderValue
  /** `x-webflow-signature`: the bare hex HMAC. */
  readonly signature: HeaderValue
  readonly body: RawBody
  /** The current time in milliseconds; defaults to the clock. */
  readonly now?: number | undefined
}

/**
 * Verifies a Webflow webhook: the hex HMAC-SHA256 of `{timestamp}:{raw body}`, keyed with the
 * secret. Webflow asks receivers to refuse requests older than five minutes; a timestamp more
 * than five minutes ahead is refused too, so no signature stays replayable for longer.
 *
 * @throws SignatureError naming what failed; returns normally when the request is Webflow's.
 */
export async function verifyWebflow(input: WebflowSignatureInput): Promise<void> {
  const { secret, body, now = Date.now() } = input
  const key = await importVerifyKey(secret)

  const signature = requireHeader(input.signature, 'signature header missing')
  const timestamp = requireHeader(input.timestamp, 'timestamp header missing')
  const signedAtMs = parseTimestamp(timestamp, 'malformed timestamp header')
  const tag = decodeHexTag(signature)
  if (tag === undefined) throw new SignatureError('malformed signature header')

  requireFresh(signedAtMs, now, FIVE_MINUTES_MS)

  await requireMatch(key, [tag], signedContent(`${timestamp}:`, body))
}
