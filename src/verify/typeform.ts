import { SignatureError } from '../errors'
import { decodeBase64Tag, importVerifyKey, requireMatch, signedContent } from './hmac'
import { requireHeader, type HeaderValue, type RawBody } from './input'

/** What `verifyTypeform` checks. */
export interface TypeformSignatureInput {
  /** The webhook's secret (`TYPEFORM_SECRET`). */
  readonly secret: string
  /** `Typeform-Signature`: `sha256=` and the base64 HMAC. */
  readonly signature: HeaderValue
  readonly body: RawBody
}

/**
 * Verifies a Typeform webhook: `sha256=` followed by the base64 HMAC-SHA256 of the raw body,
 * keyed with the webhook's secret. Typeform signs no timestamp, so a replay is caught by the
 * dedupe key (`form_response.token`), not here.
 *
 * @throws SignatureError naming what failed; returns normally when the request is Typeform's.
 */
export async function verifyTypeform(input: TypeformSignatureInput): Promise<void> {
  const key = await importVerifyKey(input.secret)

  const signature = requireHeader(input.signature, 'signature header missing')
  const tag = signature.startsWith('sha256=') ? decodeBase64Tag(signature.slice(7)) : undefined
  if (tag === undefined) throw new SignatureError('malformed signature header')

  await requireMatch(key, [tag], signedContent('', input.body))
}
