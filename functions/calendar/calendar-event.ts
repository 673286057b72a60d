import { localDateTime } from '../../src/calendar/time-zone'
import type { AppointmentDraft, ClientDraft, Operation } from '../../src/pipeline/operations'
import { splitName } from './person-name'

/** What every calendar translation needs from the configuration. */
export interface CalendarSettings {
  /** The account's IANA zone: Enerpize keeps wall-clock times in it. */
  readonly timezone: string
  /** `APPOINTMENT_ACTION_ID`, when set. */
  readonly actionId: number | undefined
}

/** What a booking event becomes. */
export interface CalendarEvent {
  readonly operations: readonly Operation[]
  /** The one line the event history shows. */
  readonly summary: string
}

/** The client a booking is with: an individual (type 2), named as the booking names them. */
export function attendeeDraft(
  email: string,
  name: { full?: string | undefined; first?: string | undefined; last?: string | undefined },
): ClientDraft {
  const split = name.first === undefined && name.last === undefined ? splitName(name.full) : {}
  const first = name.first ?? split.first
  const last = name.last ?? split.last
  return {
    type: 2,
    email,
    ...(first === undefined ? {} : { first_name: first }),
    ...(last === undefined ? {} : { last_name: last }),
  }
}

/** An appointment from UTC instants, in the account's wall-clock time. */
export function appointmentDraft(
  settings: CalendarSettings,
  times: { readonly start: number; readonly end: number },
  body: string,
  hostEmails: readonly (string | undefined)[],
): AppointmentDraft {
  return {
    start: localDateTime(times.start, settings.timezone),
    end: localDateTime(Math.max(times.start, times.end), settings.timezone),
    body,
    hostEmails: hostEmails.filter((email): email is string => email !== undefined),
    ...(settings.actionId === undefined ? {} : { actionId: settings.actionId }),
  }
}

/** `2026-07-16 14:00`, for summaries. */
export function shortTime(dateTime: string): string {
  return dateTime.slice(0, 16)
}
