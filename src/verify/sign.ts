/**
 * Signing, the sender's side of every scheme the bridge verifies: for tests and for the local
 * script that plays a source. Deliberately written apart from the verifiers (own key import,
 * own encoders, the library left out), so that a round trip checks two implementations
 * against each other rather than one against itself.
 */

/** A body to sign: bytes, or text sent as UTF-8. */
export type SignableBody = string | Uint8Array | ArrayBuffer

/** Headers to send, by lower-case name. */
export type SignedHeaders<Name extends string> = Readonly<Record<Name, string>>

const encoder = new TextEncoder()

/** Slack: `v0=` and hex HMAC-SHA256 of `v0:{timestamp}:{body}`; `timestamp` in Unix seconds. */
export async function signSlack(input: {
  readonly secret: string
  readonly body: SignableBody
  readonly timestamp?: number | undefined
}): Promise<SignedHeaders<'x-slack-request-timestamp' | 'x-slack-signature'>> {
  const timestamp = String(input.timestamp ?? unixSeconds())
  const tag = await hmac(encoder.encode(input.secret), [`v0:${timestamp}:`, input.body])
  return { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': `v0=${hex(tag)}` }
}

/** Typeform: `sha256=` and base64 HMAC-SHA256 of the body. */
export async function signTypeform(input: {
  readonly secret: string
  readonly body: SignableBody
}): Promise<SignedHeaders<'typeform-signature'>> {
  const tag = await hmac(encoder.encode(input.secret), [input.body])
  return { 'typeform-signature': `sha256=${base64(tag)}` }
}

/** Tally: bare base64 HMAC-SHA256 of the body. */
export async function signTally(input: {
  readonly secret: string
  readonly body: SignableBody
}): Promise<SignedHeaders<'tally-signature'>> {
  const tag = await hmac(encoder.encode(input.secret), [input.body])
  return { 'tally-signature': base64(tag) }
}

/** Webflow: hex HMAC-SHA256 of `{timestamp}:{body}`; `timestamp` in Unix MILLISECONDS. */
export async function signWebflow(input: {
  readonly secret: string
  readonly body: SignableBody
  readonly timestamp?: number | undefined
}): Promise<SignedHeaders<'x-webflow-timestamp' | 'x-webflow-signature'>> {
  const timestamp = String(input.timestamp ?? Date.now())
  const tag = await hmac(encoder.encode(input.secret), [`${timestamp}:`, input.body])
  return { 'x-webflow-timestamp': timestamp, 'x-webflow-signature': hex(tag) }
}

/** Calendly: `t={timestamp},v1={hex HMAC-SHA256 of "{timestamp}.{body}"}`, Unix seconds. */
export async function signCalendly(input: {
  readonly signingKey: string
  readonly body: SignableBody
  readonly timestamp?: number | undefined
}): Promise<SignedHeaders<'calendly-webhook-signature'>> {
  const timestamp = String(input.timestamp ?? unixSeconds())
  const tag = await hmac(encoder.encode(input.signingKey), [`${timestamp}.`, input.body])
  return { 'calendly-webhook-signature': `t=${timestamp},v1=${hex(tag)}` }
}

/** Cal.com: bare hex HMAC-SHA256 of the body. */
export async function signCalcom(input: {
  readonly secret: string
  readonly body: SignableBody
}): Promise<SignedHeaders<'x-cal-signature-256'>> {
  const tag = await hmac(encoder.encode(input.secret), [input.body])
  return { 'x-cal-signature-256': hex(tag) }
}

/**
 * Standard Webhooks: `v1,` and base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`, keyed with the
 * base64 key after `whsec_`; `timestamp` in Unix seconds. `id` defaults to a fresh one.
 */
export async function signStandardWebhook(input: {
  readonly secret: string
  readonly body: SignableBody
  readonly id?: string | undefined
  readonly timestamp?: number | undefined
}): Promise<SignedHeaders<'webhook-id' | 'webhook-timestamp' | 'webhook-signature'>> {
  const id = input.id ?? `msg_${crypto.randomUUID()}`
  const timestamp = String(input.timestamp ?? unixSeconds())
  const key = fromBase64(input.secret.replace(/^whsec_/, ''))
  const tag = await hmac(key, [`${id}.${timestamp}.`, input.body])
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${base64(tag)}`,
  }
}

function unixSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

/** HMAC-SHA256 of the parts laid end to end, text as UTF-8. */
async function hmac(key: Uint8Array, parts: readonly SignableBody[]): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    new Uint8Array(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const content = await new Blob(parts.map(blobPart)).arrayBuffer()
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, content))
}

/** A `Blob` part; a `Uint8Array` is copied so only its own window of a shared buffer counts. */
function blobPart(part: SignableBody): string | ArrayBuffer {
  if (typeof part === 'string' || part instanceof ArrayBuffer) return part
  return part.slice().buffer
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
}
