import { env } from 'cloudflare:workers'
import { getConfig, SANDBOX_API_KEY, SANDBOX_BASE_URL } from '../../src/config'
import { enerpizeFor } from '../../src/connection'
import { EnerpizeClient } from '../../src/enerpize'
import { sandboxFetch } from '../../src/sandbox'

/** The bridge's own client in sandbox mode, as the pipeline gets it. */
export function sandboxClient(): EnerpizeClient {
  return enerpizeFor(env, getConfig(env))
}

/** A client for the sandbox with other settings: a wrong key, a short timeout. */
export function sandboxClientWith(options: {
  apiKey?: string
  timeoutMs?: number
}): EnerpizeClient {
  return new EnerpizeClient({
    baseUrl: SANDBOX_BASE_URL,
    apiKey: options.apiKey ?? SANDBOX_API_KEY,
    timeoutMs: options.timeoutMs ?? 5_000,
    fetch: sandboxFetch(env),
  })
}
