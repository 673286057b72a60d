import { SignatureError } from '../errors'

/** A request body exactly as received: every signature covers these bytes, never parsed JSON. */
export type RawBody = Uint8Array | ArrayBuffer

/** A header value as `Headers.get` (`null`) or Hono's `c.req.header` (`undefined`) returns it. */
export type HeaderValue = string | null | undefined

/** The body's bytes, without copying a `Uint8Array` (a view keeps its own offset and length). */
export function bytesOf(body: RawBody): Uint8Array {
  return body instanceof Uint8Array ? body : new Uint8Array(body)
}

/**
 * Returns a header that must be present, or throws `SignatureError` with `missing` as its
 * message. An empty value counts as present here, so the scheme's parser calls it malformed.
 */
export function requireHeader(value: HeaderValue, missing: string): string {
  if (value === null || value === undefined) throw new SignatureError(missing)
  return value
}
