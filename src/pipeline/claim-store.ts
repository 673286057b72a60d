import type { Config } from '../config'
import { KvClaimStore, type ClaimStore } from './claims'

/** The claim store the configuration asks for. */
export function claimStoreFor(env: Env, _config: Config): ClaimStore {
  return new KvClaimStore(env.IDEMPOTENCY)
}
