import { sha256Hex } from '../pipeline/body'
import { tokenDenial } from './access'

/**
 * Console sessions. Signing in with the admin token creates a session in KV; the browser keeps
 * only the session's random id, in an HttpOnly, Secure, SameSite=Strict `__Host-` cookie, and
 * KV keeps only a hash of that id, so neither a cookie nor a KV listing reveals the token or a
 * usable session. Each session carries its own CSRF token for the console's forms.
 *
 * A session is bound to the token it was opened with (an HMAC of the session id keyed with the
 * token): rotating `ADMIN_TOKEN` ends every session at once.
 */
export interface Session {
  /** The id the cookie carries. */
  readonly id: string
  /** Sent back in every form as a hidden field. */
  readonly csrf: string
  readonly expiresAt: number
}

interface StoredSession {
  readonly csrf: string
  readonly binding: string
  readonly expiresAt: number
}

/** The cookie's name; `__Host-` makes the browser insist on Secure, Path=/ and no Domain. */
export const SESSION_COOKIE = '__Host-bridge_admin'

/** How long a session lasts after signing in. */
export const SESSION_SECONDS = 8 * 60 * 60

const PREFIX = 'admin:session:'
const encoder = new TextEncoder()

/** Sessions over one KV namespace. */
export class SessionStore {
  readonly #kv: KVNamespace

  constructor(kv: KVNamespace) {
    this.#kv = kv
  }

  /** Opens a session for someone who has just given the right token. */
  async open(token: string, now = Date.now()): Promise<Session> {
    const id = randomToken()
    const session: StoredSession = {
      csrf: randomToken(),
      binding: await bindingOf(token, id),
      expiresAt: now + SESSION_SECONDS * 1000,
    }
    await this.#kv.put(await keyOf(id), JSON.stringify(session), {
      expirationTtl: SESSION_SECONDS,
    })
    return { id, csrf: session.csrf, expiresAt: session.expiresAt }
  }

  /** The live session with this id, or null when it is unknown, expired or for an old token. */
  async find(id: string | undefined, token: string, now = Date.now()): Promise<Session | null> {
    if (id === undefined || !/^[A-Za-z0-9_-]{43}$/.test(id)) return null
    const stored = await this.#kv.get<StoredSession>(await keyOf(id), 'json')
    if (stored === null || stored.expiresAt <= now) return null
    if (!(await matches(stored.binding, await bindingOf(token, id)))) return null
    return { id, csrf: stored.csrf, expiresAt: stored.expiresAt }
  }

  /** Ends a session (signing out). */
  async close(id: string): Promise<void> {
    await this.#kv.delete(await keyOf(id))
  }
}

/** Whether a form's CSRF field is the session's, compared in constant time. */
export function csrfMatches(session: Session, given: string | undefined): Promise<boolean> {
  return matches(session.csrf, given)
}

/** 32 random bytes, base64url without padding (43 characters). */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
}

async function keyOf(id: string): Promise<string> {
  return PREFIX + (await sha256Hex(id))
}

async function bindingOf(token: string, id: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(token),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`admin session ${id}`))
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** `verifyToken`'s constant-time comparison, as a yes or no. */
async function matches(expected: string, given: string | undefined): Promise<boolean> {
  return (await tokenDenial(expected, given)) === null
}
