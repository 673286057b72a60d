import type { Config } from '../config'
import { ConfigError } from '../errors'
import { KvClaimStore, type ClaimStore } from './claims'
import { DurableObjectClaimStore } from './claims-durable-object'

/**
 * The claim store the configuration asks for: Workers KV (`IDEMPOTENCY_MODE = "kv"`, the
 * default; best-effort across isolates) or the `CLAIMS` Durable Object (`"durable-object"`;
 * strongly consistent).
 *
 * @throws ConfigError when the strict mode is asked for without its binding.
 */
export function claimStoreFor(env: Env, config: Config): ClaimStore {
  if (config.idempotencyMode === 'kv') return new KvClaimStore(env.IDEMPOTENCY)

  // A deployment from an older wrangler.toml may lack the binding the types promise.
  const namespace = (env as Partial<Pick<Env, 'CLAIMS'>>).CLAIMS
  if (namespace === undefined) {
    throw new ConfigError([
      'IDEMPOTENCY_MODE is durable-object but the CLAIMS Durable Object binding is missing from wrangler.toml',
    ])
  }
  return new DurableObjectClaimStore(namespace)
}
