/** How a failed call went wrong. */
export type EnerpizeErrorKind = 'http' | 'timeout' | 'network' | 'invalid-response'

/**
 * Whether repeating the call is known to be harmless.
 *
 * - `safe`: nothing happened, or the call is idempotent; repeat it (after `retryAfterMs`).
 * - `unsafe`: Enerpize refused the request as it stands; repeating it gets the same answer.
 * - `unknown`: a create may have taken effect without the caller hearing of it; look the record
 *   up before sending it again.
 */
export type RetryAdvice = 'safe' | 'unsafe' | 'unknown'

export interface EnerpizeErrorDetails {
  readonly kind: EnerpizeErrorKind
  readonly method: string
  readonly path: string
  readonly status?: number | null
  readonly enerpizeMessage?: string
  readonly validationErrors?: Readonly<Record<string, string>>
  readonly retryAfterMs?: number | undefined
  readonly cause?: unknown
}

/**
 * The one error every Enerpize call throws: an answer other than success, no answer in time,
 * no connection, or an answer that is not the documented JSON.
 *
 * It carries what a caller needs to decide what to do next (`retry`, `retryAfterMs`) and what to
 * tell a person (`message`, `validationErrors`). It never carries the API key or the host.
 */
export class EnerpizeError extends Error {
  readonly kind: EnerpizeErrorKind
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null
  /** Enerpize's own `message` (e.g. `Bad Request`), or a description of what went wrong. */
  readonly enerpizeMessage: string
  /** Enerpize's `validation_errors`, field name to reason; empty when it sent none. */
  readonly validationErrors: Readonly<Record<string, string>>
  readonly retry: RetryAdvice
  /** From a `Retry-After` header (RFC 9110 §10.2.3), in milliseconds. */
  readonly retryAfterMs: number | undefined
  readonly method: string
  /** Path below the API base, without host or query, e.g. `/time_tracking.json`. */
  readonly path: string

  constructor(details: EnerpizeErrorDetails) {
    const status = details.status ?? null
    const enerpizeMessage = details.enerpizeMessage ?? ''
    const validationErrors = details.validationErrors ?? {}
    super(
      describe(
        details.kind,
        details.method,
        details.path,
        status,
        enerpizeMessage,
        validationErrors,
      ),
      {
        cause: details.cause,
      },
    )
    this.name = 'EnerpizeError'
    this.kind = details.kind
    this.status = status
    this.enerpizeMessage = enerpizeMessage
    this.validationErrors = validationErrors
    this.retry = adviseRetry(details.kind, details.method, status)
    this.retryAfterMs = details.retryAfterMs
    this.method = details.method
    this.path = details.path
  }
}

function describe(
  kind: EnerpizeErrorKind,
  method: string,
  path: string,
  status: number | null,
  enerpizeMessage: string,
  validationErrors: Readonly<Record<string, string>>,
): string {
  const call = `${method} ${path}`
  switch (kind) {
    case 'http': {
      const reasons = Object.entries(validationErrors).map(
        ([field, reason]) => `${field}: ${reason}`,
      )
      const detail = reasons.length > 0 ? reasons.join('; ') : enerpizeMessage
      return `Enerpize rejected ${call} (${String(status)})${detail === '' ? '' : `: ${detail}`}`
    }
    case 'timeout':
      return `Enerpize did not answer ${call} in time: ${enerpizeMessage}`
    case 'network':
      return `Could not reach Enerpize for ${call}: ${enerpizeMessage}`
    case 'invalid-response':
      return `Enerpize answered ${call} (${String(status)}) with an unexpected body: ${enerpizeMessage}`
  }
}

/**
 * 429 and 5xx mean Enerpize did not do the work; other 4xx mean it never will. Without an answer
 * only an idempotent method (RFC 9110 §9.2.2: GET, PUT, DELETE) is safe to repeat; a POST may
 * have created the record.
 */
function adviseRetry(kind: EnerpizeErrorKind, method: string, status: number | null): RetryAdvice {
  if (kind === 'timeout' || kind === 'network') return method === 'POST' ? 'unknown' : 'safe'
  if (status === null) return 'unsafe'
  return status === 429 || status >= 500 ? 'safe' : 'unsafe'
}

/**
 * Reads `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), in milliseconds from
 * `now`. A date in the past is 0; anything unreadable is undefined.
 */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // An HTTP-date names a weekday or month and a four-digit year; Date.parse alone would also
  // take "-5" or "2" as a date.
  if (!/[a-z]/i.test(text) || !/\d{4}/.test(text)) return undefined
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now)
}
