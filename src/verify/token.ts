import { ConfigError, SignatureError } from '../errors'
import type { HeaderValue } from './input'

const encoder = new TextEncoder()

/** What `verifyToken` checks. */
export interface TokenInput {
  /** The configured shared token (`FORM_TOKEN`). */
  readonly expected: string
  /** The token the caller sent (`?token=` or a hidden form field). */
  readonly given: HeaderValue
}

/**
 * Checks a shared token, for senders that cannot sign (Jotform, a plain HTML form). Both sides
 * are hashed with SHA-256 before a constant-time comparison, so neither the content nor the
 * length of the expected token shows in the time taken.
 *
 * @throws SignatureError when the token is missing, empty or different; ConfigError when no
 *   token is configured, since an empty expected token would let an empty one through.
 */
export async function verifyToken(input: TokenInput): Promise<void> {
  if (input.expected === '') throw new ConfigError(['the shared form token is empty'])
  if (input.given === null || input.given === undefined || input.given === '') {
    throw new SignatureError('token missing')
  }

  const [expected, given] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(input.expected)),
    crypto.subtle.digest('SHA-256', encoder.encode(input.given)),
  ])

  if (!crypto.subtle.timingSafeEqual(expected, given)) {
    throw new SignatureError('token does not match')
  }
}
