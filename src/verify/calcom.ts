import { SignatureError } from '../errors'
import { decodeHexTag, importVerifyKey, requireMatch, signedContent } from './hmac'
import { requireHeader, type HeaderValue, type RawBody } from './input'

/** What Cal.com sends in place of a signature when its webhook has no secret. */
export const CALCOM_NO_SECRET = 'no-secret-provided'

/** What `verifyCalcom` checks. */
export interface CalcomSignatureInput {
  /** The webhook's secret (`CALCOM_SECRET`). */
  readonly secret: string
  /** `X-Cal-Signature-256`: the bare hex HMAC, no prefix. */
  readonly signature: HeaderValue
  readonly body: RawBody
}

/**
 * Verifies a Cal.com webhook: the bare hex HMAC-SHA256 of the raw body, keyed with the
 * webhook's secret. Cal.com signs no timestamp: replays are caught by the dedupe key.
 *
 * @throws SignatureError naming what failed, including the case where Cal.com has no secret for
 *   the webhook and sends `no-secret-provided`; returns normally when the request is Cal.com's.
 */
export async function verifyCalcom(input: CalcomSignatureInput): Promise<void> {
  const key = await importVerifyKey(input.secret)

  const signature = requireHeader(input.signature, 'signature header missing')
  if (signature === CALCOM_NO_SECRET) {
    throw new SignatureError(
      'the Cal.com webhook has no secret: set the same secret in Cal.com as in CALCOM_SECRET',
    )
  }
  const tag = decodeHexTag(signature)
  if (tag === undefined) throw new SignatureError('malformed signature header')

  await requireMatch(key, [tag], signedContent('', input.body))
}
