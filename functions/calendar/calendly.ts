import type { CalendlyBooking, CalendlyInvitee } from '../../src/calendar/calendly-payload'
import { appointmentBody, cancellationLine, type Answer } from './appointment-body'
import {
  appointmentDraft,
  attendeeDraft,
  shortTime,
  type CalendarEvent,
  type CalendarSettings,
} from './calendar-event'

/** A Calendly booking's identity: its invitee URI (each reschedule makes a new invitee). */
export function calendlyBooking(inviteeUri: string): string {
  return `calendly:${inviteeUri}`
}

function inviteeName(invitee: CalendlyInvitee): string {
  return (
    invitee.name ??
    ([invitee.first_name, invitee.last_name].filter(Boolean).join(' ') || invitee.email)
  )
}

/**
 * What a Calendly webhook becomes.
 *
 * - `invitee.created`: the invitee's appointment, made or, after a reschedule (`old_invitee`),
 *   moved from the old booking's appointment.
 * - `invitee.canceled` with `rescheduled`: Calendly sends it beside the new invitee's
 *   `invitee.created`, in either order, so it only records that the booking goes on as the new
 *   invitee; the `invitee.created` moves the appointment.
 * - `invitee.canceled` otherwise: the appointment is dismissed, with the reason.
 */
export function fromCalendly(booking: CalendlyBooking, settings: CalendarSettings): CalendarEvent {
  const { invitee } = booking
  const meeting = invitee.scheduled_event
  const title = meeting.name ?? 'Meeting'
  const who = inviteeName(invitee)
  const key = calendlyBooking(invitee.uri)

  if (booking.event === 'invitee.canceled') {
    if (invitee.rescheduled && invitee.new_invitee !== undefined) {
      return {
        operations: [
          {
            kind: 'appointment.continue',
            booking: key,
            continuesAs: calendlyBooking(invitee.new_invitee),
          },
        ],
        summary: `Calendly: ${title} with ${who} rescheduled`,
      }
    }
    const cancellation = invitee.cancellation
    return {
      operations: [
        {
          kind: 'appointment.cancel',
          booking: key,
          reason: cancellationLine(
            cancellation?.canceler_type === undefined
              ? undefined
              : `the ${cancellation.canceler_type}`,
            cancellation?.reason,
          ),
          revision: booking.createdAt,
        },
      ],
      summary: `Calendly: ${title} with ${who} cancelled`,
    }
  }

  const location = meeting.location
  const answers: Answer[] = invitee.questions_and_answers.flatMap((qa) =>
    qa.question === undefined || qa.answer === undefined
      ? []
      : [{ question: qa.question, answer: qa.answer }],
  )
  const body = appointmentBody({
    title,
    origin: 'booked through Calendly',
    joinUrl: location?.join_url,
    location: location?.location,
    invitee: { name: who, email: invitee.email, timeZone: invitee.timezone },
    answers,
  })
  const appointment = appointmentDraft(
    settings,
    { start: meeting.start_time, end: meeting.end_time },
    body,
    meeting.event_memberships.map((member) => member.user_email),
  )
  return {
    operations: [
      {
        kind: 'appointment.schedule',
        booking: key,
        ...(invitee.old_invitee === undefined
          ? {}
          : { replaces: calendlyBooking(invitee.old_invitee) }),
        attendee: attendeeDraft(invitee.email, {
          full: invitee.name,
          first: invitee.first_name,
          last: invitee.last_name,
        }),
        clients: 'create',
        appointment,
        revision: booking.createdAt,
      },
    ],
    summary: `Calendly: ${title} with ${who}, ${shortTime(appointment.start)}${invitee.old_invitee === undefined ? '' : ' (rescheduled)'}`,
  }
}
