import type { Config } from '../config'
import { SignatureError } from '../errors'
import { verifyToken } from '../verify'

/**
 * Who may use the admin console and API. The console exists only while `ADMIN_TOKEN` is set:
 * without it every admin route answers 404, as if it were not there, so an unconfigured bridge
 * shows no login form to guess at.
 */
export type ApiAccess =
  | { readonly kind: 'off' }
  | { readonly kind: 'denied'; readonly reason: string }
  | { readonly kind: 'allowed' }

/** The configured admin token, or null when the console is off. */
export function adminToken(config: Config): string | null {
  return config.secrets.ADMIN_TOKEN ?? null
}

/**
 * Decides an API request from its `Authorization` header: `Bearer <token>` (RFC 6750 §2.1; the
 * scheme is case-insensitive), the token compared in constant time by `verifyToken`.
 */
export async function apiAccess(
  config: Config,
  authorization: string | undefined,
): Promise<ApiAccess> {
  const expected = adminToken(config)
  if (expected === null) return { kind: 'off' }

  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '')
  if (!match) {
    return {
      kind: 'denied',
      reason: authorization === undefined ? 'token missing' : 'authorization is not a bearer token',
    }
  }

  const denial = await tokenDenial(expected, match[1])
  return denial === null ? { kind: 'allowed' } : { kind: 'denied', reason: denial }
}

/**
 * Compares a given secret (a token, a CSRF token) with the expected one in constant time
 * (`verifyToken`): null when they match, else why not ("token missing", "token does not match").
 */
export async function tokenDenial(
  expected: string,
  given: string | undefined,
): Promise<string | null> {
  try {
    await verifyToken({ expected, given })
    return null
  } catch (error) {
    if (error instanceof SignatureError) return error.message
    throw error
  }
}
