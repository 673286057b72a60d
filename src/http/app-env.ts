import type { Config } from '../config'

/** Hono's environment for every route of the bridge. */
export interface AppEnv {
  Bindings: Env
  Variables: {
    /** The parsed configuration, set by the first middleware. */
    config: Config
  }
}
