import { SignatureError } from '../../src/errors'

/** Awaits a verification expected to fail and returns its message; anything else fails. */
export async function signatureFailure(attempt: Promise<unknown>): Promise<string> {
  const outcome: unknown = await attempt.then(
    () => 'passed',
    (error: unknown) => error,
  )
  if (!(outcome instanceof SignatureError)) {
    throw new Error(`expected a SignatureError, got ${String(outcome)}`)
  }
  return outcome.message
}

/** A copy of `body` with one byte changed, the smallest possible forgery. */
export function forge(body: Uint8Array, at = Math.floor(body.length / 2)): Uint8Array {
  const forged = body.slice()
  forged[at] = (forged[at] ?? 0) ^ 0x01
  return forged
}

/** `bytes` as a view into the middle of a larger buffer, as a sliced stream chunk can be. */
export function viewInLargerBuffer(bytes: Uint8Array): Uint8Array {
  const buffer = new Uint8Array(bytes.length + 16).fill(0x7b)
  buffer.set(bytes, 8)
  return buffer.subarray(8, 8 + bytes.length)
}
