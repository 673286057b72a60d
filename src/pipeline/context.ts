import type { Config } from '../config'
import type { EnerpizeClient } from '../enerpize'

/** What an executor may use while performing one operation of one event. */
export interface DeliveryContext {
  readonly env: Env
  readonly config: Config
  readonly enerpize: EnerpizeClient
  readonly kv: KVNamespace
  readonly event: { readonly id: string; readonly source: string; readonly dedupeKey: string }
  /** 1 on the first attempt. */
  readonly attempt: number
  /**
   * True when an earlier attempt may have created the record without hearing back (a timeout
   * after the request was sent): the executor looks for it before creating again.
   */
  readonly uncertain: boolean
}
