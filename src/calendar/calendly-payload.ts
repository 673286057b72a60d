import * as v from 'valibot'
import { Email, Instant, OptionalEmail, OptionalText } from './payload-fields'

/**
 * Calendly's webhook payloads (API v2), as far as the bridge reads them. Everything else in
 * them is kept but not checked, so a field Calendly adds changes nothing.
 */

/** The events the bridge acts on; any other event is acknowledged and recorded. */
export const CALENDLY_BOOKING_EVENTS = ['invitee.created', 'invitee.canceled'] as const

export type CalendlyBookingEvent = (typeof CALENDLY_BOOKING_EVENTS)[number]

/** Every webhook: the event's name, when it happened, and its payload. */
export const CalendlyEnvelopeSchema = v.looseObject({
  event: v.pipe(v.string(), v.minLength(1, 'must name the event')),
  created_at: Instant,
  payload: v.looseObject({ uri: v.optional(v.string()) }),
})

const LocationSchema = v.looseObject({
  /** `physical`, `zoom`, `google_conference`, `outbound_call`, `custom`, … */
  type: OptionalText,
  /** The place or phone number, for the kinds that have one. */
  location: OptionalText,
  /** The meeting link, for video conferences. */
  join_url: OptionalText,
})

const ScheduledEventSchema = v.looseObject({
  uri: OptionalText,
  name: OptionalText,
  start_time: Instant,
  end_time: Instant,
  location: v.nullish(LocationSchema),
  event_memberships: v.nullish(
    v.array(v.looseObject({ user_email: OptionalEmail, user_name: OptionalText })),
    () => [],
  ),
})

/** An invitee: the person who booked, and the meeting they booked. */
export const CalendlyInviteeSchema = v.pipe(
  v.looseObject({
    uri: v.pipe(v.string(), v.url('must be the invitee URI')),
    email: Email,
    name: OptionalText,
    first_name: OptionalText,
    last_name: OptionalText,
    /** The invitee's own IANA zone (the times are UTC). */
    timezone: OptionalText,
    rescheduled: v.nullish(v.boolean(), false),
    /** On `invitee.created` after a reschedule: the invitee this booking replaces. */
    old_invitee: OptionalText,
    /** On `invitee.canceled` for a reschedule: the invitee the booking continues as. */
    new_invitee: OptionalText,
    questions_and_answers: v.nullish(
      v.array(v.looseObject({ question: OptionalText, answer: OptionalText })),
      () => [],
    ),
    cancellation: v.nullish(
      v.looseObject({
        reason: OptionalText,
        canceled_by: OptionalText,
        /** `host` or `invitee`. */
        canceler_type: OptionalText,
      }),
    ),
    scheduled_event: ScheduledEventSchema,
  }),
  v.check(
    (invitee) => !invitee.rescheduled || invitee.new_invitee !== undefined,
    'a rescheduled cancellation must name the new invitee',
  ),
)

export type CalendlyInvitee = v.InferOutput<typeof CalendlyInviteeSchema>

/** A booking webhook, checked: its event, when Calendly made it, and the invitee. */
export interface CalendlyBooking {
  readonly event: CalendlyBookingEvent
  /** Epoch milliseconds. */
  readonly createdAt: number
  readonly invitee: CalendlyInvitee
}

/** Whether Calendly's event is one the bridge books from. */
export function isCalendlyBookingEvent(event: string): event is CalendlyBookingEvent {
  return (CALENDLY_BOOKING_EVENTS as readonly string[]).includes(event)
}
