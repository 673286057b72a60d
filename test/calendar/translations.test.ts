import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { appointmentBody, MAX_BODY_LENGTH } from '../../functions/calendar/appointment-body'
import { fromCalcomBooking } from '../../functions/calendar/calcom'
import { fromCalendly } from '../../functions/calendar/calendly'
import { feedInstanceEnded, fromFeedInstance } from '../../functions/calendar/feed-event'
import { splitName } from '../../functions/calendar/person-name'
import { CalcomBookingSchema } from '../../src/calendar/calcom-payload'
import {
  CalendlyEnvelopeSchema,
  CalendlyInviteeSchema,
  type CalendlyBooking,
} from '../../src/calendar/calendly-payload'
import type { FeedInstance } from '../../src/calendar/ics/parse-feed'
import type { AppointmentOperation, Operation } from '../../src/pipeline/operations'
import { calcomWebhook } from '../fixtures/calendar/calcom'
import {
  calendlyWebhook,
  calendlyInviteeUri,
  type CalendlySample,
} from '../fixtures/calendar/calendly'

const BERLIN = { timezone: 'Europe/Berlin', actionId: undefined }

function calendly(sample: CalendlySample): CalendlyBooking {
  const envelope = v.parse(CalendlyEnvelopeSchema, calendlyWebhook(sample))
  return {
    event: envelope.event as CalendlyBooking['event'],
    createdAt: envelope.created_at,
    invitee: v.parse(CalendlyInviteeSchema, envelope.payload),
  }
}

function only(operations: readonly Operation[]): AppointmentOperation {
  const [operation] = operations
  if (
    operations.length !== 1 ||
    operation === undefined ||
    !operation.kind.startsWith('appointment.')
  ) {
    throw new Error(`expected one appointment operation, got ${JSON.stringify(operations)}`)
  }
  return operation as AppointmentOperation
}

describe('fromCalendly', () => {
  it('turns UTC times into Berlin wall-clock times on both sides of the October change', () => {
    const booking = calendly({
      id: 'dst',
      start: '2027-10-30T23:30:00.000000Z',
      end: '2027-10-31T01:30:00.000000Z',
    })

    const op = only(fromCalendly(booking, BERLIN).operations)

    expect(op).toMatchObject({
      kind: 'appointment.schedule',
      appointment: { start: '2027-10-31 01:30:00', end: '2027-10-31 02:30:00' },
    })
  })

  it('names the invitee as the client and the hosts by e-mail', () => {
    const op = only(
      fromCalendly(calendly({ id: 'who', name: 'Mary Ann Smith' }), BERLIN).operations,
    )

    expect(op).toMatchObject({
      booking: `calendly:${calendlyInviteeUri('who')}`,
      attendee: {
        type: 2,
        email: 'invitee-who@example.com',
        first_name: 'Mary',
        last_name: 'Ann Smith',
      },
      clients: 'create',
      appointment: { hostEmails: ['amira@example.com'] },
    })
  })

  it('sets the follow-up action when APPOINTMENT_ACTION_ID is set', () => {
    const op = only(fromCalendly(calendly({ id: 'act' }), { ...BERLIN, actionId: 3 }).operations)

    expect(op).toMatchObject({ appointment: { actionId: 3 } })
  })

  it('makes a rescheduled booking replace the old invitee’s', () => {
    const op = only(fromCalendly(calendly({ id: 'new', oldInvitee: 'old' }), BERLIN).operations)

    expect(op).toMatchObject({
      kind: 'appointment.schedule',
      booking: `calendly:${calendlyInviteeUri('new')}`,
      replaces: `calendly:${calendlyInviteeUri('old')}`,
    })
  })

  it('makes the cancellation of a rescheduled booking only hand it on', () => {
    const booking = calendly({ id: 'old', event: 'invitee.canceled', newInvitee: 'new' })

    const op = only(fromCalendly(booking, BERLIN).operations)

    expect(op).toEqual({
      kind: 'appointment.continue',
      booking: `calendly:${calendlyInviteeUri('old')}`,
      continuesAs: `calendly:${calendlyInviteeUri('new')}`,
    })
  })

  it('dismisses a cancelled booking with who cancelled it and why', () => {
    const booking = calendly({ id: 'gone', event: 'invitee.canceled', cancelReason: 'Ill' })

    const op = only(fromCalendly(booking, BERLIN).operations)

    expect(op).toMatchObject({
      kind: 'appointment.cancel',
      reason: 'Cancelled by the invitee: Ill',
    })
  })

  it('refuses a rescheduled cancellation that does not name the new invitee', () => {
    const body = calendlyWebhook({ id: 'x', event: 'invitee.canceled' })
    const payload = { ...(body['payload'] as Record<string, unknown>), rescheduled: true }

    const result = v.safeParse(CalendlyInviteeSchema, payload)

    expect(result.success).toBe(false)
  })
})

describe('fromCalcomBooking', () => {
  it('turns UTC times into Kolkata wall-clock times, half-hour offset and all', () => {
    const booking = v.parse(CalcomBookingSchema, calcomWebhook({ id: 'k' })['payload'])

    const op = only(
      fromCalcomBooking(booking, 0, { timezone: 'Asia/Kolkata', actionId: undefined }).operations,
    )

    expect(op).toMatchObject({
      booking: 'calcom:uid-k',
      appointment: {
        start: '2027-05-25 15:00:00',
        end: '2027-05-25 15:30:00',
        hostEmails: ['ben@example.com'],
      },
    })
  })

  it('makes a reschedule replace the booking its rescheduleUid names', () => {
    const booking = v.parse(
      CalcomBookingSchema,
      calcomWebhook({ id: 'b', trigger: 'BOOKING_RESCHEDULED', rescheduleOf: 'a' })['payload'],
    )

    const op = only(fromCalcomBooking(booking, 0, BERLIN).operations)

    expect(op).toMatchObject({ booking: 'calcom:uid-b', replaces: 'calcom:uid-a' })
  })
})

describe('feed instances', () => {
  const instance: FeedInstance = {
    uid: 'u1@example.com',
    recurrenceId: '20271101',
    sequence: 0,
    cancelled: false,
    start: { kind: 'date', date: '2027-11-01' },
    end: { kind: 'date', date: '2027-11-02' },
    summary: 'Site visit',
    attendees: [
      { email: 'client@example.com', name: 'Layla Nasser' },
      { email: 'colleague@example.com' },
    ],
    organizer: { email: 'chen@example.com' },
  }

  it('keeps an all-day event on its own date in any zone, ending before the exclusive end', () => {
    const client = { email: 'client@example.com', name: 'Layla Nasser' }

    const op = only(
      fromFeedInstance(
        'feed1',
        instance,
        client,
        { timezone: 'Pacific/Auckland', actionId: undefined },
        1,
      ).operations,
    )

    expect(op).toMatchObject({
      kind: 'appointment.schedule',
      booking: 'ics:feed1:u1@example.com:20271101',
      clients: 'existing',
      attendee: { email: 'client@example.com', first_name: 'Layla', last_name: 'Nasser' },
      appointment: {
        start: '2027-11-01 00:00:00',
        end: '2027-11-01 23:59:59',
        hostEmails: ['chen@example.com'],
      },
      revision: 1,
    })
    expect(op.kind === 'appointment.schedule' && op.appointment.body).toContain(
      'Also invited: colleague@example.com',
    )
  })

  it('says why an instance’s appointment is dismissed', () => {
    const removed = only(feedInstanceEnded('feed1', instance, 'removed', 5).operations)

    expect(removed).toEqual({
      kind: 'appointment.cancel',
      booking: 'ics:feed1:u1@example.com:20271101',
      reason: 'Removed from the calendar.',
      revision: 5,
    })
  })
})

describe('appointmentBody', () => {
  it('writes one fact per line and leaves out what is unknown', () => {
    const body = appointmentBody({
      title: 'Intro',
      origin: 'booked through Calendly',
      location: 'Cairo office',
      invitee: { email: 'a@example.com' },
      answers: [
        { question: 'Topic', answer: 'Pricing' },
        { question: 'Anything else?', answer: 'No' },
      ],
    })

    expect(body).toBe(
      'Intro (booked through Calendly)\nWhere: Cairo office\nInvitee: a@example.com\nTopic: Pricing\nAnything else? No',
    )
  })

  it('cuts a very long body short', () => {
    const body = appointmentBody({ title: 'Intro', origin: 'x', notes: 'n'.repeat(10_000) })

    expect(body).toHaveLength(MAX_BODY_LENGTH)
    expect(body.endsWith('…')).toBe(true)
  })
})

describe('splitName', () => {
  it('takes the last word as the last name', () => {
    expect(splitName('Mary Ann Smith')).toEqual({ first: 'Mary Ann', last: 'Smith' })
    expect(splitName(' Cher ')).toEqual({ first: 'Cher' })
    expect(splitName('')).toEqual({})
  })
})
