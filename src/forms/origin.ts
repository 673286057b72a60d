import { BridgeError } from '../errors'

/** `scheme://host[:port]` in lower case, or `undefined` for a missing or opaque (`null`) origin. */
function canonicalOrigin(origin: string | undefined): string | undefined {
  const text = origin?.trim() ?? ''
  if (text === '' || text === 'null') return undefined
  return URL.canParse(text)
    ? new URL(text).origin.toLowerCase()
    : text.replace(/\/+$/, '').toLowerCase()
}

/**
 * Refuses a form posted from a page outside `FORM_ORIGINS` (when it is set) with a 403.
 *
 * Browsers send `Origin` with every form POST (Fetch standard, "append a request `Origin`
 * header"), so a request without one, or with the opaque `null` a privacy setting may send, did
 * not come from one of the listed sites as far as the bridge can tell, and is refused too. The
 * check keeps other sites from embedding the form; it is no defence against a script, which can
 * send any header, and the shared token and the honeypot are there for that.
 */
export function requireAllowedOrigin(origin: string | undefined, allowed: readonly string[]): void {
  if (allowed.length === 0) return
  const given = canonicalOrigin(origin)
  if (given !== undefined && allowed.some((entry) => canonicalOrigin(entry) === given)) return
  throw new BridgeError(
    403,
    'origin_not_allowed',
    given === undefined
      ? 'the form was posted without an Origin header, and only listed sites may post it'
      : `forms posted from ${given} are not accepted here`,
  )
}
