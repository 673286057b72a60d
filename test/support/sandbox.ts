import { env } from 'cloudflare:workers'
import {
  clearSandboxFaults,
  sandboxRecords,
  setSandboxFaults,
  type FaultSchema,
  type Table,
} from '../../src/sandbox'
import type * as v from 'valibot'

/** Every record the sandbox holds in a table (what a person would see in Enerpize). */
export function records(table: Table) {
  return sandboxRecords(env, table)
}

/** Makes the sandbox fail the way a real Enerpize might, for the requests that match. */
export function setFaults(faults: readonly v.InferInput<typeof FaultSchema>[]): Promise<void> {
  setSandboxFaults(faults)
  return Promise.resolve()
}

export function clearFaults(): Promise<void> {
  clearSandboxFaults()
  return Promise.resolve()
}
