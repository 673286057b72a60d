import type { Config } from '../config'
import { enerpizeFor } from '../connection'
import {
  enerpizeHealth,
  integrationHealth,
  type EnerpizeHealth,
  type IntegrationHealth,
} from '../health'

/** The bridge's health as the console shows it: what `GET /health` reports. */
export interface HealthReport {
  readonly enerpize: EnerpizeHealth
  readonly timezone: string
  readonly integrations: readonly IntegrationHealth[]
}

/** Reads the same facts `/health` does: the Enerpize connection and each integration's secret. */
export async function readHealth(env: Env, config: Config): Promise<HealthReport> {
  return {
    enerpize: await enerpizeHealth(config, enerpizeFor(env, config)),
    timezone: config.timezone,
    integrations: integrationHealth(config),
  }
}
