import type { Config } from './config'
import { EnerpizeClient } from './enerpize'
import { sandboxFetch } from './sandbox'

/**
 * The Enerpize client for this configuration: in live mode it calls the account's API over the
 * network; in sandbox mode it calls the embedded sandbox in-process, with its data in the
 * `IDEMPOTENCY` KV namespace, and never touches the network.
 *
 * `beforeRequest` is awaited before every call (the delivery pipeline keeps its outbound rate
 * limit with it).
 */
export function enerpizeFor(
  env: Env,
  config: Config,
  options: { beforeRequest?: () => Promise<void> } = {},
): EnerpizeClient {
  const { baseUrl, apiKey, timeoutMs, mode } = config.enerpize
  return new EnerpizeClient({
    baseUrl,
    apiKey,
    timeoutMs,
    fetch: mode === 'sandbox' ? sandboxFetch(env) : (input, init) => fetch(input, init),
    ...(options.beforeRequest === undefined ? {} : { beforeRequest: options.beforeRequest }),
  })
}
