import * as v from 'valibot'
import { EnerpizeError, parseRetryAfter } from './error'
import { FailureEnvelopeSchema } from './schemas'

/** How to reach one Enerpize account. */
export interface EnerpizeClientOptions {
  /** API base without a trailing slash, e.g. `https://acme.enerpize.com/api2`. */
  readonly baseUrl: string
  /** Sent as the `apikey` header; unset sends none (and Enerpize answers 401). */
  readonly apiKey: string | undefined
  /** Limit for each call, from sending the request to reading the whole answer. */
  readonly timeoutMs: number
  readonly fetch: typeof fetch
  /** Awaited before every HTTP call, e.g. to keep to an outbound rate limit. */
  readonly beforeRequest?: () => Promise<void>
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface RequestOptions {
  readonly query?: Readonly<Record<string, string | number | undefined>>
  /** Sent as JSON. */
  readonly body?: unknown
}

/** A successful answer: a 2xx status and a JSON body that is not a failure. */
export interface Reply {
  readonly status: number
  readonly body: unknown
}

/**
 * Sends one call to Enerpize and turns every way it can fail into an `EnerpizeError`.
 *
 * Headers follow the reference: `apikey` alone, never `Authorization` (sending both can fail
 * authentication), and JSON both ways.
 */
export class Transport {
  readonly #options: EnerpizeClientOptions

  constructor(options: EnerpizeClientOptions) {
    this.#options = options
  }

  /** Sends `method path` and returns a successful answer, or throws `EnerpizeError`. */
  async send(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<Reply> {
    const { baseUrl, apiKey, beforeRequest } = this.#options
    await beforeRequest?.()

    const url = new URL(baseUrl + path)
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value))
    }
    const headers = new Headers({ Accept: 'application/json' })
    if (apiKey !== undefined) headers.set('apikey', apiKey)
    if (options.body !== undefined) headers.set('Content-Type', 'application/json')
    const init: RequestInit = { method, headers }
    if (options.body !== undefined) init.body = JSON.stringify(options.body)

    const { status, retryAfter, contentType, text } = await this.#exchange(method, path, url, init)

    const parsed = parseJson(text)
    if (parsed === undefined) {
      throw this.invalid(
        method,
        path,
        status,
        `body is not JSON (${contentType || 'no content type'})`,
        {
          retryAfterMs: parseRetryAfter(retryAfter),
        },
      )
    }
    const failed = isFailure(parsed)
    if (status >= 200 && status < 300 && !failed) return { status, body: parsed }

    const failure = v.safeParse(FailureEnvelopeSchema, parsed)
    if (!failure.success) {
      throw this.invalid(method, path, status, 'a failure without the documented fields')
    }
    const { code, message, validation_errors } = failure.output
    // A 2xx whose body says "failed" carries the real status in `code`.
    const effective =
      status >= 200 && status < 300 && typeof code === 'number' && code >= 400 ? code : status
    throw new EnerpizeError({
      kind: 'http',
      method,
      path,
      status: effective,
      enerpizeMessage: this.#redact(message ?? ''),
      validationErrors: Object.fromEntries(
        Object.entries(validation_errors).map(([field, reason]) => [field, this.#redact(reason)]),
      ),
      retryAfterMs: parseRetryAfter(retryAfter),
    })
  }

  /** An `invalid-response` error for an answer whose body is not what the reference documents. */
  invalid(
    method: string,
    path: string,
    status: number,
    problem: string,
    extra: { retryAfterMs?: number | undefined } = {},
  ): EnerpizeError {
    return new EnerpizeError({
      kind: 'invalid-response',
      method,
      path,
      status,
      enerpizeMessage: problem,
      retryAfterMs: extra.retryAfterMs,
    })
  }

  /** Sends the request and reads the whole body, both within the timeout. */
  async #exchange(
    method: HttpMethod,
    path: string,
    url: URL,
    init: RequestInit,
  ): Promise<{ status: number; retryAfter: string | null; contentType: string; text: string }> {
    // Called unbound: the runtime's fetch throws "Illegal invocation" when called as a method of
    // another object.
    const { timeoutMs, fetch: send } = this.#options
    const controller = new AbortController()
    let expire: (reason: unknown) => void = () => undefined
    // Race the deadline as well as passing the signal, so a fetch that ignores the signal still
    // gives up on time.
    const deadline = new Promise<never>((_, reject) => {
      expire = reject
    })
    const timer = setTimeout(() => {
      const reason = new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')
      controller.abort(reason)
      expire(reason)
    }, timeoutMs)

    try {
      const response = await Promise.race([
        send(url, { ...init, signal: controller.signal }),
        deadline,
      ])
      const text = await Promise.race([response.text(), deadline])
      return {
        status: response.status,
        retryAfter: response.headers.get('Retry-After'),
        contentType: response.headers.get('Content-Type') ?? '',
        text,
      }
    } catch (error) {
      // Only the timer aborts this controller.
      if (controller.signal.aborted) {
        throw new EnerpizeError({
          kind: 'timeout',
          method,
          path,
          enerpizeMessage: `no answer within ${timeoutMs} ms`,
          cause: error,
        })
      }
      throw new EnerpizeError({
        kind: 'network',
        method,
        path,
        enerpizeMessage: this.#redact(error instanceof Error ? error.message : String(error)),
        cause: error,
      })
    } finally {
      clearTimeout(timer)
    }
  }

  /** Removes the API key from text Enerpize or the runtime wrote, in case either echoes it. */
  #redact(text: string): string {
    const { apiKey } = this.#options
    return apiKey === undefined || apiKey.length < 4 ? text : text.replaceAll(apiKey, '[redacted]')
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function isFailure(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'result' in body && body.result === 'failed'
}
