import type { CalcomBooking, CalcomCancellation } from '../../src/calendar/calcom-payload'
import { appointmentBody, cancellationLine, type Answer } from './appointment-body'
import {
  appointmentDraft,
  attendeeDraft,
  shortTime,
  type CalendarEvent,
  type CalendarSettings,
} from './calendar-event'

/** A Cal.com booking's identity: its uid (a reschedule is a new booking with a new uid). */
export function calcomBooking(uid: string): string {
  return `calcom:${uid}`
}

// Booking-form fields the body shows elsewhere (the invitee line, the join link, the guests).
const SHOWN_ELSEWHERE = new Set(['name', 'email', 'location', 'guests'])

// Cal.com labels its built-in fields with translation keys; these read better.
const BUILT_IN_LABELS: Readonly<Record<string, string>> = {
  notes: 'Notes',
  rescheduleReason: 'Reason for rescheduling',
  attendeePhoneNumber: 'Phone',
}

/** One booking-form answer as text: text, a list, a yes/no, or an object holding `value`. */
function answerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim()
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (Array.isArray(value)) {
    const items = value.map(answerText).filter((item) => item !== undefined)
    return items.length === 0 ? undefined : items.join(', ')
  }
  if (typeof value === 'object' && value !== null && 'value' in value) {
    return answerText(value.value)
  }
  return undefined
}

/** The booking form's answers, in the order Cal.com sent them. */
function answersOf(responses: Readonly<Record<string, unknown>>): Answer[] {
  return Object.entries(responses).flatMap(([field, response]) => {
    if (SHOWN_ELSEWHERE.has(field)) return []
    const wrapped = typeof response === 'object' && response !== null && 'value' in response
    const answer = answerText(wrapped ? response.value : response)
    if (answer === undefined) return []
    const label =
      wrapped && 'label' in response && typeof response.label === 'string' ? response.label : ''
    const question =
      BUILT_IN_LABELS[field] ?? (/^[a-z_]+$/.test(label) || label === '' ? field : label)
    return [{ question, answer }]
  })
}

function isLink(text: string | undefined): text is string {
  return text !== undefined && /^https?:\/\//i.test(text)
}

/**
 * What a Cal.com `BOOKING_CREATED` or `BOOKING_RESCHEDULED` becomes: the booker's appointment.
 * A reschedule is a new booking whose `rescheduleUid` names the old one, whose appointment is
 * moved rather than dismissed and made again.
 */
export function fromCalcomBooking(
  booking: CalcomBooking,
  createdAt: number,
  settings: CalendarSettings,
): CalendarEvent {
  const [booker, ...guests] = booking.attendees
  if (booker === undefined) throw new RangeError('a Cal.com booking lists its attendee')
  const title = booking.eventTitle ?? booking.title ?? 'Meeting'
  const videoCall = booking.metadata?.videoCallUrl
  // `integrations:daily` and the like are Cal.com's own names, not places.
  const location =
    booking.location?.startsWith('integrations:') === true ? undefined : booking.location

  const body = appointmentBody({
    title: booking.title ?? title,
    origin: 'booked through Cal.com',
    joinUrl: videoCall ?? (isLink(location) ? location : undefined),
    location,
    invitee: { name: booker.name, email: booker.email, timeZone: booker.timeZone },
    guests: guests.map((guest) => ({ name: guest.name, email: guest.email })),
    answers: answersOf(booking.responses),
    notes: booking.additionalNotes,
  })
  const appointment = appointmentDraft(
    settings,
    { start: booking.startTime, end: booking.endTime },
    body,
    [booking.organizer?.email],
  )
  const rescheduled = booking.rescheduleUid !== undefined && booking.rescheduleUid !== booking.uid
  return {
    operations: [
      {
        kind: 'appointment.schedule',
        booking: calcomBooking(booking.uid),
        ...(rescheduled && booking.rescheduleUid !== undefined
          ? { replaces: calcomBooking(booking.rescheduleUid) }
          : {}),
        attendee: attendeeDraft(booker.email, { full: booker.name }),
        clients: 'create',
        appointment,
        revision: createdAt,
      },
    ],
    summary: `Cal.com: ${title} with ${booker.name ?? booker.email}, ${shortTime(appointment.start)}${rescheduled ? ' (rescheduled)' : ''}`,
  }
}

/** What a Cal.com `BOOKING_CANCELLED` becomes: the appointment dismissed, with the reason. */
export function fromCalcomCancellation(
  cancellation: CalcomCancellation,
  createdAt: number,
): CalendarEvent {
  return {
    operations: [
      {
        kind: 'appointment.cancel',
        booking: calcomBooking(cancellation.uid),
        reason: cancellationLine(cancellation.cancelledBy, cancellation.cancellationReason),
        revision: createdAt,
      },
    ],
    summary: `Cal.com: ${cancellation.title ?? `booking ${cancellation.uid}`} cancelled`,
  }
}
