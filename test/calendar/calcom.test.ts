import { beforeEach, describe, expect, it } from 'vitest'
import { calcomWebhook, type CalcomSample } from '../fixtures/calendar/calcom'
import { clearFaults } from '../support/sandbox'
import { appointmentsFor, clientsWithEmail, field, postCalcom, settled, unique } from './support'

function booking(overrides: Partial<CalcomSample> = {}): CalcomSample {
  const id = unique('calcom')
  return { id, email: `${id}@example.com`, ...overrides }
}

async function deliver(sample: CalcomSample) {
  const res = await postCalcom(calcomWebhook(sample))
  expect(res.status).toBe(202)
  return settled(res)
}

beforeEach(async () => {
  await clearFaults()
})

describe('POST /calendar/calcom: bookings', () => {
  it('creates the attendee as a client and books the appointment with the organizer as staff', async () => {
    const sample = booking({ name: 'John Doe' })

    const event = await deliver(sample)

    expect(event.status).toBe('delivered')
    const [client] = await clientsWithEmail(sample.email ?? '')
    expect(client).toMatchObject({ first_name: 'John', last_name: 'Doe', type: '2' })
    const [appointment] = await appointmentsFor(sample.email ?? '')
    expect(appointment).toMatchObject({
      partner_id: client?.id,
      item_id: client?.id,
      partner_type: '1',
      date: '2027-05-25 09:30:00',
      end_date: '2027-05-25 10:00:00',
      status: '0',
      staff_id: '2',
    })
  })

  it('writes the join link and the booking form’s answers into the body', async () => {
    const sample = booking()

    await deliver(sample)

    const [appointment] = await appointmentsFor(sample.email ?? '')
    const body = field(appointment, 'body')
    expect(body).toContain('(booked through Cal.com)')
    expect(body).toContain(`Join: https://app.cal.com/video/uid-${sample.id}`)
    expect(body).toContain('Company: Doe Consulting')
    expect(body).toContain('Notes: Please bring last year’s figures.')
    expect(body).not.toContain('integrations:daily')
  })

  it('moves the appointment of the booking a reschedule replaces', async () => {
    const old = booking()
    await deliver(old)
    const [original] = await appointmentsFor(old.email ?? '')

    await deliver({
      ...old,
      id: unique('calcom'),
      trigger: 'BOOKING_RESCHEDULED',
      rescheduleOf: old.id,
      start: '2027-05-27T14:00:00Z',
      end: '2027-05-27T14:30:00Z',
    })

    const appointments = await appointmentsFor(old.email ?? '')
    expect(appointments).toHaveLength(1)
    expect(appointments[0]).toMatchObject({
      id: original?.id,
      date: '2027-05-27 14:00:00',
      status: '0',
    })
  })

  it('moves the same appointment through two reschedules in a row', async () => {
    const first = booking()
    await deliver(first)
    const [original] = await appointmentsFor(first.email ?? '')
    const second = { ...first, id: unique('calcom'), trigger: 'BOOKING_RESCHEDULED' }

    await deliver({ ...second, rescheduleOf: first.id, start: '2027-05-26T09:00:00Z' })
    await deliver({
      ...second,
      id: unique('calcom'),
      rescheduleOf: second.id,
      start: '2027-05-27T11:00:00Z',
    })

    const appointments = await appointmentsFor(first.email ?? '')
    expect(appointments).toHaveLength(1)
    expect(appointments[0]).toMatchObject({ id: original?.id, date: '2027-05-27 11:00:00' })
  })

  it('keeps the moved appointment when the old booking’s cancellation follows the reschedule', async () => {
    const old = booking()
    await deliver(old)
    await deliver({
      ...old,
      id: unique('calcom'),
      trigger: 'BOOKING_RESCHEDULED',
      rescheduleOf: old.id,
      start: '2027-05-28T08:00:00Z',
    })

    await deliver({ ...old, trigger: 'BOOKING_CANCELLED' })

    const appointments = await appointmentsFor(old.email ?? '')
    expect(appointments).toHaveLength(1)
    expect(appointments[0]).toMatchObject({ date: '2027-05-28 08:00:00', status: '0' })
  })

  it('dismisses the appointment of a cancelled booking and says why', async () => {
    const sample = booking()
    await deliver(sample)

    await deliver({ ...sample, trigger: 'BOOKING_CANCELLED', cancellationReason: 'Client is ill' })

    const [appointment] = await appointmentsFor(sample.email ?? '')
    expect(appointment?.['status']).toBe('2')
    expect(field(appointment, 'body')).toMatch(/Cancelled: Client is ill$/)
  })

  it('answers a repeated delivery as a duplicate and books once', async () => {
    const body = calcomWebhook(booking())
    const first = await settled(await postCalcom(body))

    const again = await postCalcom(body)

    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ duplicate: true, event: first.id })
  })

  it('acknowledges a trigger it does not book from, and records it', async () => {
    const res = await postCalcom(calcomWebhook(booking({ trigger: 'MEETING_ENDED' })))

    expect(res.status).toBe(202)
    const event = await settled(res)
    expect(event).toMatchObject({ status: 'delivered', operations: [] })
  })

  it('acknowledges Cal.com’s test ping, which names no booking', async () => {
    const ping = {
      triggerEvent: 'PING',
      payload: { type: 'Test', title: 'Test trigger event', startTime: new Date().toISOString() },
    }

    const res = await postCalcom(ping)

    expect(res.status).toBe(202)
  })
})

describe('POST /calendar/calcom: refusals', () => {
  it('rejects the placeholder Cal.com sends for a webhook without a secret', async () => {
    const res = await postCalcom(calcomWebhook(booking()), { signature: 'no-secret-provided' })

    expect(res.status).toBe(401)
    const answer = await res.json<{ message: string }>()
    expect(answer.message).toContain('has no secret')
  })

  it('rejects a body signed with another secret', async () => {
    const res = await postCalcom(calcomWebhook(booking()), { secret: 'not-the-secret' })

    expect(res.status).toBe(401)
  })

  it('rejects a request without a signature', async () => {
    const res = await postCalcom(calcomWebhook(booking()), { signature: null })

    expect(res.status).toBe(401)
  })

  it('lists what is wrong with a booking without attendees', async () => {
    const body = calcomWebhook(booking())
    const payload = body['payload'] as Record<string, unknown>

    const res = await postCalcom({ ...body, payload: { ...payload, attendees: [] } })

    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({
      issues: ['attendees: must list the attendee who booked'],
    })
  })

  it('refuses a body that is not a Cal.com webhook', async () => {
    const res = await postCalcom({ hello: 'world' })

    expect(res.status).toBe(422)
  })
})
