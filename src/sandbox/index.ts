import { SandboxStore, type StoredRecord, type Table } from './store'

export { sandboxApp } from './app'
export {
  FaultSchema,
  clearSandboxFaults,
  sandboxFaults,
  setSandboxFaults,
  type ActiveFault,
  type Fault,
} from './faults'
export { SANDBOX_ROUTE, sandboxFetch, sandboxRoute } from './fetch'
export { KEY_PREFIX, type StoredRecord, type Table } from './store'

/** Every record the sandbox holds in a table, in id order, as Enerpize would answer them. */
export async function sandboxRecords(env: Env, table: Table): Promise<StoredRecord[]> {
  const store = new SandboxStore(env.IDEMPOTENCY)
  await store.ensureSeeded()
  return store.all(table)
}
