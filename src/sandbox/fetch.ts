import type { MiddlewareHandler } from 'hono'
import { SANDBOX_BASE_URL } from '../config'
import type { AppEnv } from '../http/app-env'
import { sandboxApp } from './app'
import { ConnectionReset } from './faults'

/** Where the bridge serves the sandbox over HTTP in sandbox mode. */
export const SANDBOX_ROUTE = '/sandbox/api2'

/** The path of the sandbox's placeholder base URL, which in-process calls are addressed to. */
const BASE_PATH = new URL(SANDBOX_BASE_URL).pathname

/**
 * A `fetch` that answers from the sandbox in this isolate, never over the network, for an
 * `EnerpizeClient` whose base URL is `SANDBOX_BASE_URL`. It behaves as a network fetch does where
 * it matters: an aborted signal rejects the call even while the sandbox hangs, and an injected
 * reset rejects with a `TypeError`.
 */
export function sandboxFetch(env: Env): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init)
    try {
      return await untilAborted(dispatch(request, env, BASE_PATH), request.signal)
    } catch (error) {
      if (error instanceof ConnectionReset) throw new TypeError(error.message, { cause: error })
      throw error
    }
  }
}

/**
 * Serves the sandbox at `/sandbox/api2/*` in sandbox mode. In live mode it passes the request on,
 * so the path is as unknown as any other.
 */
export const sandboxRoute: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('config').enerpize.mode !== 'sandbox') return next()
  try {
    return await dispatch(c.req.raw, c.env, SANDBOX_ROUTE)
  } catch (error) {
    if (!(error instanceof ConnectionReset)) throw error
    // A Worker cannot drop its caller's connection; a body that fails mid-stream is the nearest
    // thing: the caller gets a status line, then an error instead of a body.
    const broken = new ReadableStream({ start: (controller) => controller.error(error) })
    return new Response(broken, { status: 502 })
  }
}

/** Hands a request to the sandbox with `prefix` taken off its path. */
async function dispatch(request: Request, env: Env, prefix: string): Promise<Response> {
  const url = new URL(request.url)
  const path = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : undefined
  if (path === undefined) {
    return Response.json(
      { result: 'failed', code: 404, message: 'Item not found' },
      { status: 404 },
    )
  }
  url.pathname = path
  return sandboxApp.fetch(new Request(url, request), env)
}

/** Settles with `work`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error)
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      reject(signal.reason as Error)
    }
    signal.addEventListener('abort', abort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}
