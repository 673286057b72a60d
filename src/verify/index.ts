/**
 * Signature verification for every source the bridge accepts. Each verifier takes the raw
 * body bytes and the headers as received, returns normally when the request is genuine and
 * throws `SignatureError` (401) naming what failed otherwise; the signers are the senders' side,
 * for tests and local scripts.
 */
export { CALCOM_NO_SECRET, verifyCalcom, type CalcomSignatureInput } from './calcom'
export { verifyCalendly, type CalendlySignatureInput } from './calendly'
export type { HeaderValue, RawBody } from './input'
export {
  signCalcom,
  signCalendly,
  signSlack,
  signStandardWebhook,
  signTally,
  signTypeform,
  signWebflow,
  type SignableBody,
  type SignedHeaders,
} from './sign'
export { verifySlack, type SlackSignatureInput } from './slack'
export {
  verifyStandardWebhook,
  type HeaderSource,
  type StandardWebhookInput,
} from './standard-webhook'
export { verifyTally, type TallySignatureInput } from './tally'
export { verifyToken, type TokenInput } from './token'
export { verifyTypeform, type TypeformSignatureInput } from './typeform'
export { verifyWebflow, type WebflowSignatureInput } from './webflow'
