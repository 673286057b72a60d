import type { DeliveryContext } from '../context'
import type { Operation, OperationKind, OperationResult } from '../operations'
import { cancelAppointment, continueAppointment, scheduleAppointment } from './appointment'
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
  'appointment.schedule': scheduleAppointment,
  'appointment.cancel': cancelAppointment,
  'appointment.continue': continueAppointment,
}

/** Performs one operation with the executor for its kind. */
export function runOperation(operation: Operation, ctx: DeliveryContext): Promise<OperationResult> {
  // The table pairs every kind with the executor for exactly that kind.
  const executor = executors[operation.kind] as (
    operation: Operation,
    ctx: DeliveryContext,
  ) => Promise<OperationResult>
  return executor(operation, ctx)
}
