import { beforeEach, describe, expect, it } from 'vitest'
import { sandboxFaults } from '../../src/sandbox'
import { signCalendly } from '../../src/verify'
import { calendlyWebhook, type CalendlySample } from '../fixtures/calendar/calendly'
import { clearFaults, records, setFaults } from '../support/sandbox'
import {
  appointmentsFor,
  appointmentsOf,
  clientsWithEmail,
  postCalendly,
  SECRETS,
  settled,
  unique,
  field,
} from './support'

/** A booking no other test shares: its own invitee id and e-mail. */
function booking(overrides: Partial<CalendlySample> = {}): CalendlySample {
  const id = unique('cal')
  return { id, email: `${id}@example.com`, ...overrides }
}

/** Posts a sample and waits until the queue has delivered it. */
async function deliver(sample: CalendlySample) {
  const res = await postCalendly(calendlyWebhook(sample))
  expect(res.status).toBe(202)
  return settled(res)
}

beforeEach(async () => {
  await clearFaults()
})

describe('POST /calendar/calendly: bookings', () => {
  it('creates the invitee as a client and books the appointment with the host as staff', async () => {
    const sample = booking({ name: 'Jane Doe' })

    const event = await deliver(sample)

    expect(event.status).toBe('delivered')
    const [client] = await clientsWithEmail(sample.email ?? '')
    expect(client).toMatchObject({ first_name: 'Jane', last_name: 'Doe', type: '2' })
    const [appointment] = await appointmentsFor(sample.email ?? '')
    expect(appointment).toMatchObject({
      item_id: client?.id,
      partner_id: client?.id,
      partner_type: '1',
      date: '2027-07-16 12:00:00',
      end_date: '2027-07-16 12:30:00',
      status: '0',
      staff_id: '1',
    })
    expect(event.record).toEqual({ resource: 'client_appointments', id: appointment?.id })
  })

  it('writes the meeting name, the join link and the answers into the body', async () => {
    const sample = booking({ name: 'Jane Doe' })

    await deliver(sample)

    const [appointment] = await appointmentsFor(sample.email ?? '')
    const body = field(appointment, 'body')
    expect(body).toContain('Discovery call (booked through Calendly)')
    expect(body).toMatch(/Join: https:\/\/us02web\.zoom\.us\/j\/\d+/)
    expect(body).toContain(`Invitee: Jane Doe <${sample.email ?? ''}>, time zone Europe/Berlin`)
    expect(body).toContain('What would you like to discuss? Pricing for 20 seats')
  })

  it('books an existing client found by e-mail in another case, creating no client', async () => {
    const sample = booking({ email: 'Omar@NileTrading.example' })
    const before = (await records('clients')).length

    const event = await deliver(sample)

    expect(event.status).toBe('delivered')
    expect((await records('clients')).length).toBe(before)
    const booked = (await appointmentsOf('1')).find((a) => a.id === event.record?.id)
    expect(booked).toMatchObject({ item_id: '1', partner_id: '1', status: '0' })
  })

  it('leaves staff unset when no staff member has the host’s e-mail', async () => {
    const sample = booking({ hostEmail: 'stranger@elsewhere.example' })

    await deliver(sample)

    const [appointment] = await appointmentsFor(sample.email ?? '')
    expect(appointment?.['staff_id'] ?? '').toBe('')
  })
})

describe('POST /calendar/calendly: reschedules', () => {
  /** A booking made, then the two events of its reschedule to a new time. */
  async function rescheduled() {
    const old = booking()
    await deliver(old)
    const [original] = await appointmentsFor(old.email ?? '')
    const id = unique('new')
    const created = calendlyWebhook({
      ...old,
      id,
      oldInvitee: old.id,
      start: '2027-07-20T09:00:00.000000Z',
      end: '2027-07-20T09:45:00.000000Z',
    })
    const canceled = calendlyWebhook({ ...old, event: 'invitee.canceled', newInvitee: id })
    return { old, original, created, canceled }
  }

  async function expectMoved(email: string, originalId: string | undefined) {
    const appointments = await appointmentsFor(email)
    expect(appointments).toHaveLength(1)
    expect(appointments[0]).toMatchObject({
      id: originalId,
      date: '2027-07-20 09:00:00',
      end_date: '2027-07-20 09:45:00',
      status: '0',
    })
  }

  it('moves the appointment when the cancellation comes before the new booking', async () => {
    const { old, original, created, canceled } = await rescheduled()

    await settled(await postCalendly(canceled))
    await settled(await postCalendly(created))

    await expectMoved(old.email ?? '', original?.id)
  })

  it('moves the appointment when the new booking comes before the cancellation', async () => {
    const { old, original, created, canceled } = await rescheduled()

    await settled(await postCalendly(created))
    await settled(await postCalendly(canceled))

    await expectMoved(old.email ?? '', original?.id)
  })

  it('moves the appointment when both events arrive at once', async () => {
    const { old, original, created, canceled } = await rescheduled()

    const answers = await Promise.all([postCalendly(created), postCalendly(canceled)])
    await Promise.all(answers.map(settled))

    await expectMoved(old.email ?? '', original?.id)
  })

  it('makes one appointment at the new time when the original booking arrives last', async () => {
    const old = booking()
    const id = unique('new')
    const created = calendlyWebhook({
      ...old,
      id,
      oldInvitee: old.id,
      start: '2027-07-20T09:00:00.000000Z',
    })
    const canceled = calendlyWebhook({ ...old, event: 'invitee.canceled', newInvitee: id })

    await settled(await postCalendly(canceled))
    await settled(await postCalendly(created))
    await settled(await postCalendly(calendlyWebhook(old)))

    const appointments = await appointmentsFor(old.email ?? '')
    expect(appointments).toHaveLength(1)
    expect(appointments[0]).toMatchObject({ date: '2027-07-20 09:00:00', status: '0' })
  })
})

describe('POST /calendar/calendly: cancellations', () => {
  it('dismisses the appointment and says why', async () => {
    const sample = booking()
    await deliver(sample)

    await deliver({ ...sample, event: 'invitee.canceled', cancelReason: 'Double-booked' })

    const appointments = await appointmentsFor(sample.email ?? '')
    expect(appointments).toHaveLength(1)
    expect(appointments[0]?.['status']).toBe('2')
    expect(field(appointments[0], 'body')).toMatch(/Cancelled by the invitee: Double-booked$/)
  })

  it('makes the appointment already dismissed when the cancellation comes first', async () => {
    // The booking's own event was made first; its delivery was the one held up.
    const sample = booking({ createdAt: '2027-06-01T10:00:00.000000Z' })
    const cancellation = { ...sample, createdAt: '2027-06-02T08:00:00.000000Z' }

    const cancel = await deliver({ ...cancellation, event: 'invitee.canceled' })
    await deliver(sample)

    expect(cancel.record?.resource).toBe('bookings')
    const appointments = await appointmentsFor(sample.email ?? '')
    expect(appointments).toHaveLength(1)
    expect(appointments[0]?.['status']).toBe('2')
    expect(field(appointments[0], 'body')).toContain('Cancelled by the invitee')
  })
})

describe('POST /calendar/calendly: repeats', () => {
  it('answers a repeated delivery as a duplicate and books once', async () => {
    const sample = booking()
    const body = calendlyWebhook(sample)
    const first = await postCalendly(body)
    const firstEvent = await settled(first)

    const again = await postCalendly(body)

    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({
      duplicate: true,
      event: firstEvent.id,
      status: 'delivered',
    })
    expect(await appointmentsFor(sample.email ?? '')).toHaveLength(1)
  })

  it('refuses the same invitee event with a different payload', async () => {
    const sample = booking()
    await settled(await postCalendly(calendlyWebhook(sample)))

    const res = await postCalendly(calendlyWebhook({ ...sample, start: '2027-08-01T10:00:00Z' }))

    expect(res.status).toBe(409)
  })
})

describe('POST /calendar/calendly: Enerpize failures', () => {
  it('retries an appointment Enerpize refused with 503 and books it once', async () => {
    const sample = booking()
    await setFaults([{ method: 'POST', path: '/client_appointments.json', status: 503, times: 2 }])

    const event = await deliver(sample)

    expect(event.status).toBe('delivered')
    expect(event.attempts.map((a) => a.outcome)).toEqual(['retrying', 'retrying', 'delivered'])
    expect(await appointmentsFor(sample.email ?? '')).toHaveLength(1)
  })

  it('finds the appointment a lost answer created instead of making a second one', async () => {
    const sample = booking()
    await setFaults([
      { method: 'POST', path: '/client_appointments.json', reset: 'after', times: 1 },
    ])

    const event = await deliver(sample)

    expect(sandboxFaults()).toEqual([expect.objectContaining({ reset: 'after', remaining: 0 })])
    expect(event.status).toBe('delivered')
    expect(await appointmentsFor(sample.email ?? '')).toHaveLength(1)
  })
})

describe('POST /calendar/calendly: refusals', () => {
  it('rejects a body signed with another key', async () => {
    const res = await postCalendly(calendlyWebhook(booking()), { signingKey: 'not-the-key' })

    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ message: 'signature does not match' })
  })

  it('rejects a request without a signature', async () => {
    const res = await postCalendly(calendlyWebhook(booking()), { header: null })

    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ message: 'signature header missing' })
  })

  it('rejects a signature made more than five minutes ago', async () => {
    const res = await postCalendly(calendlyWebhook(booking()), {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    })

    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ message: 'timestamp too old' })
  })

  it('rejects a genuine signature over another body', async () => {
    const genuine = calendlyWebhook(booking())
    const forged = JSON.stringify({ ...genuine, event: 'invitee.canceled' })
    const res = await postCalendly(forged, { header: await headerFor(JSON.stringify(genuine)) })

    expect(res.status).toBe(401)
  })

  it('refuses a body that is not JSON', async () => {
    const res = await postCalendly('{"event": "invitee.created",')

    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ message: 'the body is not JSON' })
  })

  it('lists what is missing from an invitee payload', async () => {
    const body = calendlyWebhook(booking())
    const payload = body['payload'] as Record<string, unknown>
    const res = await postCalendly({
      ...body,
      payload: { ...payload, email: 'not-an-address', scheduled_event: {} },
    })

    expect(res.status).toBe(422)
    const answer = await res.json<{ issues: string[] }>()
    expect(answer.issues).toEqual(
      expect.arrayContaining([
        'email: must be an e-mail address',
        expect.stringMatching(/^scheduled_event\.start_time: /),
      ]),
    )
  })

  it('refuses a time without a zone rather than guess one', async () => {
    const res = await postCalendly(calendlyWebhook(booking({ start: '2027-07-16T12:00:00' })))

    expect(res.status).toBe(422)
  })

  it('refuses a content type other than JSON', async () => {
    const res = await postCalendly(calendlyWebhook(booking()), { contentType: 'text/plain' })

    expect(res.status).toBe(415)
  })

  it('acknowledges an event it does not book from, and records it', async () => {
    const res = await postCalendly(calendlyWebhook(booking({ event: 'invitee_no_show.created' })))

    expect(res.status).toBe(202)
    const event = await settled(res)
    expect(event).toMatchObject({ status: 'delivered', operations: [] })
    expect(event.summary).toContain('not a booking, ignored')
  })
})

async function headerFor(body: string): Promise<string> {
  const signed = await signCalendly({ signingKey: SECRETS.calendly, body })
  return signed['calendly-webhook-signature']
}
