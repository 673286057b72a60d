import { describe, expect, it } from 'vitest'
import { api, create, type FailureBody } from './api'

const ENTRY = { staff_id: 1, project_id: 31, activity_id: 2, time: '1:30', date: '2026-07-16' }
const APPOINTMENT = { date: '2026-07-16 14:00:00', item_id: 1, partner_type: 1, partner_id: 1 }

describe('sandbox time tracking rules', () => {
  it.each(['90', '1:5', '1:60', '1h30', ':30', '1:30:00', ''])(
    'rejects the time %j',
    async (time) => {
      const { status, body } = await create('/time_tracking.json', 'TimeTracking', {
        ...ENTRY,
        time,
      })

      expect(status).toBe(400)
      expect(body).toMatchObject({ result: 'failed', code: 400, message: 'Bad Request' })
      expect(body.validation_errors?.['time']).toBeDefined()
    },
  )

  it.each(['0:05', '8:17', '12:00', '100:59'])('accepts the time %j', async (time) => {
    const { status, body } = await create('/time_tracking.json', 'TimeTracking', { ...ENTRY, time })

    expect(status).toBe(202)
    expect(body).toMatchObject({ code: 202, result: 'successful' })
    expect(body.id).toMatch(/^\d+$/)
  })

  it.each(['2026-02-30', '16/07/2026', '2026-7-16', '2026-07-16 10:00:00'])(
    'rejects the date %j',
    async (date) => {
      const { status, body } = await create('/time_tracking.json', 'TimeTracking', {
        ...ENTRY,
        date,
      })

      expect(status).toBe(400)
      expect(body.validation_errors).toEqual({ date: 'must be a date, YYYY-MM-DD' })
    },
  )

  it('fills an empty date with today in the account time zone', async () => {
    const { body } = await create('/time_tracking.json', 'TimeTracking', { ...ENTRY, date: '' })

    const res = await api(`/time_tracking/${String(body.id)}.json`)

    const read = await res.json<{ data: { TimeTracking: { date: string } } }>()
    expect(read.data.TimeTracking.date).toBe(new Date().toISOString().slice(0, 10))
  })

  it('rejects staff, project and activity ids that do not exist', async () => {
    const { status, body } = await create('/time_tracking.json', 'TimeTracking', {
      ...ENTRY,
      staff_id: 44,
      project_id: 99,
      activity_id: '7',
    })

    expect(status).toBe(400)
    expect(body.validation_errors).toEqual({
      staff_id: 'no staff member with id 44',
      project_id: 'no project with id 99',
      activity_id: 'no activity with id 7',
    })
  })

  it('names every missing required field', async () => {
    const { status, body } = await create('/time_tracking.json', 'TimeTracking', {
      notes: 'no ids',
    })

    expect(status).toBe(400)
    expect(body.validation_errors).toEqual({
      staff_id: 'is required',
      project_id: 'is required',
      activity_id: 'is required',
      time: 'is required',
    })
  })

  it('accepts ids sent as numeric strings, as Enerpize does', async () => {
    const { status } = await create('/time_tracking.json', 'TimeTracking', {
      ...ENTRY,
      staff_id: '0',
      project_id: '34',
      activity_id: '4',
    })

    expect(status).toBe(202)
  })

  it('rejects a record not wrapped in TimeTracking', async () => {
    const res = await api('/time_tracking.json', { body: ENTRY })

    expect(res.status).toBe(400)
    expect((await res.json<FailureBody>()).validation_errors).toEqual({
      TimeTracking: 'the record must be wrapped in TimeTracking',
    })
  })

  it('rejects a body that is not JSON', async () => {
    const res = await api('/time_tracking.json', { body: '{"TimeTracking":' })

    expect(res.status).toBe(400)
    expect((await res.json<FailureBody>()).validation_errors).toEqual({
      body: 'must be a JSON object',
    })
  })

  it('checks an edit against the whole record and leaves the record unchanged when it fails', async () => {
    const { body } = await create('/time_tracking.json', 'TimeTracking', ENTRY)
    const path = `/time_tracking/${String(body.id)}.json`

    const res = await api(path, { method: 'PUT', body: { TimeTracking: { time: '2:75' } } })

    expect(res.status).toBe(400)
    const read = await (await api(path)).json<{ data: { TimeTracking: { time: string } } }>()
    expect(read.data.TimeTracking.time).toBe('1:30')
  })
})

describe('sandbox client rules', () => {
  it('rejects a client with neither a name nor an e-mail', async () => {
    const { status, body } = await create('/clients.json', 'Client', { city: 'Cairo' })

    expect(status).toBe(400)
    expect(body.validation_errors).toEqual({
      business_name: 'a client needs a business name, a first or last name, or an e-mail',
    })
  })

  it('accepts a client known only by e-mail, as an individual', async () => {
    const { status, body } = await create('/clients.json', 'Client', { email: 'lead@example.com' })

    const read = await (
      await api(`/clients/${String(body.id)}.json`)
    ).json<{
      data: { Client: Record<string, string> }
    }>()
    expect(status).toBe(202)
    expect(read.data.Client).toMatchObject({ email: 'lead@example.com', type: '2' })
  })

  it('rejects an e-mail, a country code and a business name it cannot store', async () => {
    const { status, body } = await create('/clients.json', 'Client', {
      business_name: 'x'.repeat(101),
      email: 'not-an-address',
      country_code: 'Egypt',
      type: 5,
    })

    expect(status).toBe(400)
    expect(body.validation_errors).toEqual({
      business_name: 'must be at most 100 characters',
      email: 'must be an e-mail address',
      country_code: 'must be an ISO 3166-1 alpha-2 code, e.g. EG',
      type: 'must be one of 2, 3',
    })
  })
})

describe('sandbox client appointment rules', () => {
  it.each(['FollowUpReminder', 'ClientAppointment'])(
    'accepts an appointment wrapped as %s',
    async (model) => {
      const { status } = await create('/client_appointments.json', model, APPOINTMENT)

      expect(status).toBe(202)
    },
  )

  it('answers an appointment wrapped as ClientAppointment', async () => {
    const { body } = await create('/client_appointments.json', 'FollowUpReminder', APPOINTMENT)

    const read = await (
      await api(`/client_appointments/${String(body.id)}.json`)
    ).json<{
      data: Record<string, unknown>
    }>()

    expect(Object.keys(read.data)).toEqual(['ClientAppointment'])
  })

  it('names every missing required field', async () => {
    const { status, body } = await create('/client_appointments.json', 'FollowUpReminder', {
      body: 'no date',
    })

    expect(status).toBe(400)
    expect(body.validation_errors).toEqual({
      date: 'is required',
      partner_type: 'is required',
      item_id: 'is required',
      partner_id: 'is required',
    })
  })

  it('rejects dates in another format and an end before the start', async () => {
    const wrongFormat = await create('/client_appointments.json', 'FollowUpReminder', {
      ...APPOINTMENT,
      date: '2026-07-16T14:00:00Z',
    })
    const backwards = await create('/client_appointments.json', 'FollowUpReminder', {
      ...APPOINTMENT,
      end_date: '2026-07-16 13:00:00',
    })

    expect(wrongFormat.body.validation_errors).toEqual({
      date: 'must be a date and time, YYYY-MM-DD HH:MM:SS',
    })
    expect(backwards.body.validation_errors).toEqual({ end_date: 'must not be before date' })
  })

  it('accepts a bare date for an all-day appointment', async () => {
    const { status } = await create('/client_appointments.json', 'FollowUpReminder', {
      ...APPOINTMENT,
      date: '2026-07-16',
    })

    expect(status).toBe(202)
  })

  it('rejects an unknown client, action, staff member and status', async () => {
    const { status, body } = await create('/client_appointments.json', 'FollowUpReminder', {
      ...APPOINTMENT,
      item_id: 404,
      partner_id: 404,
      action_id: 9,
      staff_id: [1, 8],
      status: 3,
    })

    expect(status).toBe(400)
    expect(body.validation_errors).toEqual({
      item_id: 'no client with id 404',
      partner_id: 'no client with id 404',
      action_id: 'no follow-up action with id 9',
      staff_id: 'no staff member with id 8',
      status: 'must be one of 0, 1, 2',
    })
  })

  it('rejects a partner that is not a client', async () => {
    const { body } = await create('/client_appointments.json', 'FollowUpReminder', {
      ...APPOINTMENT,
      partner_type: 2,
    })

    expect(body.validation_errors).toEqual({
      partner_type: 'must be 1 (client) for a client appointment',
    })
  })
})

describe('sandbox lists', () => {
  it('answers a page with the documented pagination', async () => {
    const res = await api('/staff.json?page=2&limit=3')

    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      code: 200,
      result: 'successful',
      data: [
        {
          Staff: {
            id: '3',
            name: 'Chen Wei',
            email_address: 'chen@example.com',
            active: '1',
            hourly_rate: '50',
          },
        },
      ],
      pagination: { prev: 1, next: null, page: 2, page_count: 2, total_results: 4 },
    })
  })

  it('keeps a limit over 1000 to 1000', async () => {
    const res = await api('/staff.json?limit=5000')

    const body = await res.json<{ pagination: { page_count: number } }>()
    expect(res.status).toBe(200)
    expect(body.pagination.page_count).toBe(1)
  })

  it('rejects a page or limit that is not a whole number from 1', async () => {
    const res = await api('/staff.json?page=0&limit=ten')

    expect(res.status).toBe(400)
    expect((await res.json<FailureBody>()).validation_errors).toEqual({
      page: 'must be a whole number from 1',
      limit: 'must be a whole number from 1',
    })
  })
})
