import { SignatureError } from '../errors'
import { decodeBase64Tag, importVerifyKey, requireMatch, signedContent } from './hmac'
import { requireHeader, type HeaderValue, type RawBody } from './input'

/** What `verifyTally` checks. */
export interface TallySignatureInput {
  /** The webhook's signing secret (`TALLY_SIGNING_SECRET`). */
  readonly secret: string
  /** `Tally-Signature`: the bare base64 HMAC. */
  readonly signature: HeaderValue
  readonly body: RawBody
}

/**
 * Verifies a Tally webhook: the bare base64 HMAC-SHA256 of the raw body, keyed with the
 * signing secret. Tally documents only "SHA256"; the base64 encoding is what integrators
 * observe. There is no timestamp: replays are caught by the dedupe key (`submissionId`).
 *
 * @throws SignatureError naming what failed; returns normally when the request is Tally's.
 */
export async function verifyTally(input: TallySignatureInput): Promise<void> {
  const key = await importVerifyKey(input.secret)

  const signature = requireHeader(input.signature, 'signature header missing')
  const tag = decodeBase64Tag(signature)
  if (tag === undefined) throw new SignatureError('malformed signature header')

  await requireMatch(key, [tag], signedContent('', input.body))
}
