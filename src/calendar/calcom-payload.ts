import * as v from 'valibot'
import { Email, Instant, OptionalEmail, OptionalText } from './payload-fields'

/**
 * Cal.com's webhook payloads, as far as the bridge reads them. Everything else in them is kept
 * but not checked, so a field Cal.com adds changes nothing.
 */

/** The triggers the bridge acts on; any other trigger is acknowledged and recorded. */
export const CALCOM_BOOKING_TRIGGERS = [
  'BOOKING_CREATED',
  'BOOKING_RESCHEDULED',
  'BOOKING_CANCELLED',
] as const

export type CalcomBookingTrigger = (typeof CALCOM_BOOKING_TRIGGERS)[number]

/**
 * Every webhook: the trigger, when it fired, and its payload. `createdAt` orders a booking's
 * events; a webhook without it (Cal.com's test ping has varied in shape) is dated on arrival.
 */
export const CalcomEnvelopeSchema = v.looseObject({
  triggerEvent: v.pipe(v.string(), v.minLength(1, 'must name the trigger')),
  createdAt: v.optional(Instant),
  payload: v.looseObject({ uid: v.optional(v.unknown()) }),
})

const PersonSchema = v.looseObject({
  name: OptionalText,
  email: OptionalEmail,
  timeZone: OptionalText,
})

/**
 * The booking. `responses` holds the booking form's answers by field name, each as
 * `{label, value}` where the value is text, a list, a yes/no, or an object (the location).
 */
export const CalcomBookingSchema = v.looseObject({
  uid: v.pipe(v.string(), v.trim(), v.minLength(1, 'must be the booking uid')),
  /** On `BOOKING_RESCHEDULED`: the uid of the booking this one replaces. */
  rescheduleUid: OptionalText,
  title: OptionalText,
  /** The event type's title, e.g. `30 min`. */
  eventTitle: OptionalText,
  startTime: Instant,
  endTime: Instant,
  organizer: v.nullish(PersonSchema),
  attendees: v.pipe(
    v.array(v.looseObject({ name: OptionalText, email: Email, timeZone: OptionalText })),
    v.minLength(1, 'must list the attendee who booked'),
  ),
  responses: v.nullish(v.record(v.string(), v.unknown()), () => ({})),
  location: OptionalText,
  metadata: v.nullish(v.looseObject({ videoCallUrl: OptionalText })),
  additionalNotes: OptionalText,
  cancellationReason: OptionalText,
})

export type CalcomBooking = v.InferOutput<typeof CalcomBookingSchema>

/** A cancellation needs less: which booking, and why when Cal.com says. */
export const CalcomCancellationSchema = v.looseObject({
  uid: v.pipe(v.string(), v.trim(), v.minLength(1, 'must be the booking uid')),
  title: OptionalText,
  cancellationReason: OptionalText,
  /** Who cancelled, when Cal.com says (an e-mail address). */
  cancelledBy: OptionalText,
})

export type CalcomCancellation = v.InferOutput<typeof CalcomCancellationSchema>

/** Whether Cal.com's trigger is one the bridge books from. */
export function isCalcomBookingTrigger(trigger: string): trigger is CalcomBookingTrigger {
  return (CALCOM_BOOKING_TRIGGERS as readonly string[]).includes(trigger)
}
