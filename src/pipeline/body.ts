import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors'

/** Largest body any route accepts. Every source's payload is far smaller. */
export const MAX_BODY_BYTES = 1024 * 1024

/**
 * Reads a request body once, as the exact bytes the sender signed, refusing anything over
 * `limit` bytes without buffering more than that. A `Content-Length` over the limit is refused
 * before a byte is read; a chunked body is counted as it streams.
 */
export async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(limit)
  if (request.body === null) return new Uint8Array()

  const chunks: Uint8Array[] = []
  let size = 0
  const reader = (request.body as ReadableStream<Uint8Array>).getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw new PayloadTooLargeError(limit)
    }
    chunks.push(value)
  }

  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

/** The media type of a request, lower case and without parameters (`application/json`). */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

/** Refuses a request whose media type is not one of `accepted`, with a 415. */
export function requireMediaType(request: Request, accepted: readonly string[]): string {
  const type = mediaType(request)
  if (!accepted.includes(type)) throw new UnsupportedMediaTypeError(type, accepted)
  return type
}

const decoder = new TextDecoder()

/** Decodes body bytes as UTF-8 (invalid sequences become U+FFFD, never an exception). */
export function bodyText(body: Uint8Array): string {
  return decoder.decode(body)
}

/** Hex SHA-256 of a string or bytes: payload fingerprints and hashed dedupe keys. */
export async function sha256Hex(input: string | Uint8Array): Promise<string> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}
