import { SignatureError } from '../errors'

/** The replay window every timestamped scheme here uses unless told otherwise. */
export const FIVE_MINUTES_MS = 5 * 60 * 1000

/** Whole numbers only, and short enough to stay exact as a JavaScript number. */
const DIGITS = /^\d{1,15}$/

/**
 * Parses a timestamp made of decimal digits, or throws `SignatureError(malformed)`. Signs,
 * fractions and exponents are refused: the signed text must be the number as sent.
 */
export function parseTimestamp(text: string, malformed: string): number {
  if (!DIGITS.test(text)) throw new SignatureError(malformed)
  return Number(text)
}

/**
 * Refuses a signature made more than `toleranceMs` before or after `nowMs`. A stale one may be
 * a captured request played again; one from the future would stay replayable for longer than
 * the window promises, so both directions are checked (Slack and Standard Webhooks require it).
 */
export function requireFresh(signedAtMs: number, nowMs: number, toleranceMs: number): void {
  if (nowMs - signedAtMs > toleranceMs) throw new SignatureError('timestamp too old')
  if (signedAtMs - nowMs > toleranceMs) throw new SignatureError('timestamp in the future')
}
