import type { DeliveryContext } from '../context'
import type { Operation, OperationKind, OperationResult } from '../operations'
import { upsertClient } from './client'
import { createTimeEntry, deleteTimeEntry } from './time-entry'

type Executor<K extends OperationKind> = (
  operation: Extract<Operation, { kind: K }>,
  ctx: DeliveryContext,
) => Promise<OperationResult>

/** How each kind of operation is performed against Enerpize: one entry per kind. */
const executors: { readonly [K in OperationKind]: Executor<K> } = {
  'time-entry.create': createTimeEntry,
  'time-entry.delete': deleteTimeEntry,
  'client.upsert': upsertClient,
}

/** Performs one operation with the executor for its kind. */
export function runOperation(operation: Operation, ctx: DeliveryContext): Promise<OperationResult> {
  const executor = executors[operation.kind] as Executor<typeof operation.kind>
  return executor(operation as never, ctx)
}
