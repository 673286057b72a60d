import type { TimeTracking } from '../../enerpize'
import { EnerpizeError } from '../../enerpize'
import type { DeliveryContext } from '../context'
import type { Operation, OperationResult, SlackUser, TimeEntryDraft } from '../operations'
import { findRecent } from './find-record'

type CreateOperation = Extract<Operation, { kind: 'time-entry.create' }>
type DeleteOperation = Extract<Operation, { kind: 'time-entry.delete' }>

/** An entry the bridge made for a Slack user, newest first in their list. */
export interface OwnedEntry {
  readonly id: string
  readonly time: string
  readonly date: string
  readonly project: string
  readonly activity: string
  readonly notes: string
  readonly eventId: string
  readonly at: string
}

const OWNED_LIMIT = 50

function ownerKey(owner: SlackUser): string {
  return `slack:entries:${owner.teamId}:${owner.userId}`
}

/** The entries the bridge made for a Slack user, newest first. */
export async function ownedEntries(kv: KVNamespace, owner: SlackUser): Promise<OwnedEntry[]> {
  return (await kv.get<OwnedEntry[]>(ownerKey(owner), 'json')) ?? []
}

async function rememberEntry(kv: KVNamespace, owner: SlackUser, entry: OwnedEntry): Promise<void> {
  const entries = (await ownedEntries(kv, owner)).filter((e) => e.id !== entry.id)
  await kv.put(ownerKey(owner), JSON.stringify([entry, ...entries].slice(0, OWNED_LIMIT)))
}

async function forgetEntry(kv: KVNamespace, owner: SlackUser, id: string): Promise<void> {
  const entries = await ownedEntries(kv, owner)
  const kept = entries.filter((e) => e.id !== id)
  if (kept.length !== entries.length) await kv.put(ownerKey(owner), JSON.stringify(kept))
}

function sameEntry(draft: TimeEntryDraft, known: ReadonlySet<string>) {
  return (record: TimeTracking): boolean =>
    !known.has(record.id) &&
    Number(record.staff_id) === draft.staffId &&
    Number(record.project_id) === draft.projectId &&
    Number(record.activity_id) === draft.activityId &&
    record.time === draft.time &&
    record.date === draft.date &&
    (record.notes ?? '') === draft.notes
}

/**
 * Creates a time entry. When an earlier attempt timed out after sending, the entry may exist
 * already: it is looked up first (same staff, project, activity, time, date and notes, and not
 * an entry the bridge already knows it made), so a lost answer never becomes a second entry.
 */
export async function createTimeEntry(
  op: CreateOperation,
  ctx: DeliveryContext,
): Promise<OperationResult> {
  const { entry } = op
  const known = new Set(op.owner ? (await ownedEntries(ctx.kv, op.owner)).map((e) => e.id) : [])

  let id: string | undefined
  if (ctx.uncertain) id = (await findRecent(ctx.enerpize.timeTracking, sameEntry(entry, known)))?.id
  if (id === undefined) {
    try {
      id = await ctx.enerpize.timeTracking.create({
        staff_id: entry.staffId,
        project_id: entry.projectId,
        activity_id: entry.activityId,
        time: entry.time,
        date: entry.date,
        notes: entry.notes,
      })
    } catch (error) {
      if (!(error instanceof EnerpizeError) || error.retry !== 'unknown') throw error
      // The request went out and no answer came back: look before anyone tries again.
      const found = await findRecent(ctx.enerpize.timeTracking, sameEntry(entry, known))
      if (found === undefined) throw error
      id = found.id
    }
  }

  if (op.owner) {
    await rememberEntry(ctx.kv, op.owner, {
      id,
      time: entry.time,
      date: entry.date,
      project: op.labels.project,
      activity: op.labels.activity,
      notes: entry.notes,
      eventId: ctx.event.id,
      at: new Date().toISOString(),
    })
  }
  return {
    resource: 'time_tracking',
    id,
    action: 'created',
    detail: {
      time: entry.time,
      date: entry.date,
      project: op.labels.project,
      activity: op.labels.activity,
    },
  }
}

/** Deletes a time entry; one that is already gone counts as deleted. */
export async function deleteTimeEntry(
  op: DeleteOperation,
  ctx: DeliveryContext,
): Promise<OperationResult> {
  try {
    await ctx.enerpize.timeTracking.delete(op.entryId)
  } catch (error) {
    if (!(error instanceof EnerpizeError) || error.status !== 404) throw error
  }
  if (op.owner) await forgetEntry(ctx.kv, op.owner, op.entryId)
  return { resource: 'time_tracking', id: op.entryId, action: 'deleted' }
}
