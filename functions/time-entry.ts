import type { Operation, SlackUser } from '../src/pipeline/operations'

/**
 * What a `/time` command becomes: one time tracking entry for the person who typed it.
 * Change this file to change what is logged (for example, to prefix the notes).
 */
export interface TimeEntryRequest {
  readonly owner: SlackUser
  readonly staffId: number
  readonly project: { readonly id: number; readonly name: string }
  readonly activity: { readonly id: number; readonly name: string }
  /** Enerpize `H:MM`. */
  readonly time: string
  /** `YYYY-MM-DD`. */
  readonly date: string
  readonly notes: string
}

export interface TimeEntryEvent {
  readonly operations: readonly Operation[]
  /** The one line the event history shows. */
  readonly summary: string
}

/** Translates a validated time entry request into the operation that logs it. */
export function timeEntryFromCommand(request: TimeEntryRequest): TimeEntryEvent {
  const notes = request.notes.trim()
  return {
    operations: [
      {
        kind: 'time-entry.create',
        entry: {
          staffId: request.staffId,
          projectId: request.project.id,
          activityId: request.activity.id,
          time: request.time,
          date: request.date,
          notes,
        },
        labels: { project: request.project.name, activity: request.activity.name },
        owner: request.owner,
      },
    ],
    summary: timeEntrySummary(request.time, request.project.name, request.activity.name, notes),
  }
}

/** "2:30 on Website Redesign · Design — Fixed the header" */
export function timeEntrySummary(
  time: string,
  project: string,
  activity: string,
  notes: string,
): string {
  const base = `${time} on ${project} · ${activity}`
  return notes === '' ? base : `${base} — ${notes}`
}

/** Translates an undo request into the deletion of one entry. */
export function undoFromCommand(
  owner: SlackUser,
  entryId: string,
  summary: string,
): TimeEntryEvent {
  return {
    operations: [{ kind: 'time-entry.delete', entryId, owner }],
    summary: `undo time entry ${entryId}: ${summary}`,
  }
}
