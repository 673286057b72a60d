import type { FeedInstance, FeedPerson, FeedTime } from '../../src/calendar/ics/parse-feed'
import { addDays, localDateTime } from '../../src/calendar/time-zone'
import type { AppointmentDraft } from '../../src/pipeline/operations'
import { appointmentBody } from './appointment-body'
import {
  attendeeDraft,
  shortTime,
  type CalendarEvent,
  type CalendarSettings,
} from './calendar-event'

/** Why an instance's appointment is dismissed. */
export type FeedEnding = 'cancelled' | 'removed' | 'uninvited'

const ENDINGS: Readonly<Record<FeedEnding, string>> = {
  cancelled: 'Cancelled in the calendar.',
  removed: 'Removed from the calendar.',
  uninvited: 'No client is invited any more.',
}

/** An instance's identity: the feed, the event's UID and the occurrence's RECURRENCE-ID. */
export function feedBooking(
  feedId: string,
  instance: Pick<FeedInstance, 'uid' | 'recurrenceId'>,
): string {
  return `ics:${feedId}:${instance.uid}:${instance.recurrenceId}`
}

/**
 * A start or end in the account's wall-clock time. All-day events keep their dates with no
 * shift: they begin at 00:00:00 on the first day and, since `DTEND` is exclusive, end at
 * 23:59:59 on the day before it.
 */
function wallClock(time: FeedTime, edge: 'start' | 'end', timezone: string): string {
  if (time.kind === 'instant') return localDateTime(time.at, timezone)
  return edge === 'start' ? `${time.date} 00:00:00` : `${addDays(time.date, -1)} 23:59:59`
}

function isLink(text: string | undefined): text is string {
  return text !== undefined && /^https?:\/\/\S+$/i.test(text)
}

/**
 * What a feed instance with a known client among its attendees becomes: that client's
 * appointment, made or moved. Feeds never create clients: the attendee must be one already.
 */
export function fromFeedInstance(
  feedId: string,
  instance: FeedInstance,
  client: FeedPerson,
  settings: CalendarSettings,
  revision: number,
): CalendarEvent {
  const title = instance.summary ?? 'Meeting'
  const joinUrl = isLink(instance.url)
    ? instance.url
    : isLink(instance.location)
      ? instance.location
      : undefined
  const guests = instance.attendees.filter(
    (person) =>
      person.email.toLowerCase() !== client.email.toLowerCase() &&
      person.email.toLowerCase() !== instance.organizer?.email.toLowerCase(),
  )
  const appointment: AppointmentDraft = {
    start: wallClock(instance.start, 'start', settings.timezone),
    end: wallClock(instance.end, 'end', settings.timezone),
    body: appointmentBody({
      title,
      origin: 'from the shared calendar',
      joinUrl,
      location: instance.location,
      invitee: { name: client.name, email: client.email },
      guests,
      notes: instance.description,
    }),
    hostEmails: instance.organizer === undefined ? [] : [instance.organizer.email],
    ...(settings.actionId === undefined ? {} : { actionId: settings.actionId }),
  }
  return {
    operations: [
      {
        kind: 'appointment.schedule',
        booking: feedBooking(feedId, instance),
        attendee: attendeeDraft(client.email, { full: client.name }),
        clients: 'existing',
        appointment,
        revision,
      },
    ],
    summary: `Calendar: ${title} with ${client.name ?? client.email}, ${shortTime(appointment.start)}`,
  }
}

/** What the end of an instance becomes: its appointment dismissed, saying why. */
export function feedInstanceEnded(
  feedId: string,
  instance: Pick<FeedInstance, 'uid' | 'recurrenceId'> & { readonly summary?: string | undefined },
  ending: FeedEnding,
  revision: number,
): CalendarEvent {
  return {
    operations: [
      {
        kind: 'appointment.cancel',
        booking: feedBooking(feedId, instance),
        reason: ENDINGS[ending],
        revision,
      },
    ],
    summary: `Calendar: ${instance.summary ?? instance.uid} ${ending === 'uninvited' ? 'no longer has a client' : ending}`,
  }
}
