import { ConfigError, SignatureError } from '../errors'
import { bytesOf, type RawBody } from './input'

const encoder = new TextEncoder()

/** An HMAC-SHA256 tag is 32 bytes: 64 hex digits, or 43 base64 characters and one `=`. */
const HEX_TAG = /^[0-9a-f]{64}$/i
const BASE64_TAG = /^[A-Za-z0-9+/]{43}=$/

/**
 * Imports a signing secret as an HMAC-SHA256 key for verification. The secret is used as
 * its UTF-8 bytes, which is what every vendor here does (Slack, Typeform, Tally, Webflow,
 * Calendly, Cal.com).
 *
 * @throws ConfigError when the secret is empty: WebCrypto refuses a zero-length HMAC key, and
 *   an empty secret would mean the source is not really configured.
 */
export async function importVerifyKey(secret: string): Promise<CryptoKey> {
  if (secret === '') throw new ConfigError(['a signing secret is empty'])
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  )
}

/** The bytes a scheme signs: a text prefix such as Slack's `v0:{ts}:`, then the raw body. */
export function signedContent(prefix: string, body: RawBody): Uint8Array {
  const head = encoder.encode(prefix)
  const tail = bytesOf(body)
  const content = new Uint8Array(head.length + tail.length)
  content.set(head)
  content.set(tail, head.length)
  return content
}

/** Decodes a hex HMAC-SHA256 tag, or returns `undefined` when it is not 64 hex digits. */
export function decodeHexTag(text: string): Uint8Array | undefined {
  if (!HEX_TAG.test(text)) return undefined
  const tag = new Uint8Array(32)
  for (let i = 0; i < 32; i++) tag[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16)
  return tag
}

/** Decodes a base64 HMAC-SHA256 tag, or returns `undefined` when it is not 44 padded characters. */
export function decodeBase64Tag(text: string): Uint8Array | undefined {
  if (!BASE64_TAG.test(text)) return undefined
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
}

/**
 * Passes when any of `tags` is the HMAC-SHA256 of `content` under `key` (several tags arrive
 * while a sender rotates its secret), else throws `SignatureError('signature does not match')`.
 *
 * `crypto.subtle.verify` computes the expected tag itself and compares in constant time, so
 * the time taken reveals nothing about how many leading bytes of a forged tag were right.
 */
export async function requireMatch(
  key: CryptoKey,
  tags: readonly Uint8Array[],
  content: Uint8Array,
): Promise<void> {
  for (const tag of tags) {
    if (await crypto.subtle.verify('HMAC', key, tag, content)) return
  }
  throw new SignatureError('signature does not match')
}
