import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  ClientAppointmentSchema,
  FailureEnvelopeSchema,
  ListEnvelopeSchema,
  NameMapSchema,
  RESOURCES,
  StaffSchema,
  TimeTrackingSchema,
  parseRetryAfter,
} from '../../src/enerpize'

describe('record schemas', () => {
  it('reads ids as strings and foreign keys as numbers from PHP-style strings', () => {
    const entry = v.parse(TimeTrackingSchema, {
      id: 2415,
      staff_id: '0',
      project_id: '31',
      activity_id: 2,
      time: '8:17',
      cost: '372.75',
    })

    expect(entry).toMatchObject({
      id: '2415',
      staff_id: 0,
      project_id: 31,
      activity_id: 2,
      cost: 372.75,
    })
  })

  it('reads empty strings and nulls as absent', () => {
    const entry = v.parse(TimeTrackingSchema, {
      id: '1',
      project_id: '',
      notes: null,
      work_order_id: '',
    })

    expect(entry.project_id).toBeUndefined()
    expect(entry.notes).toBeUndefined()
    expect(entry.work_order_id).toBeUndefined()
  })

  it('keeps fields it does not name', () => {
    const entry = v.parse(TimeTrackingSchema, { id: '1', branch_id: '4', user_id: '9' })

    expect(entry).toMatchObject({ branch_id: '4', user_id: '9' })
  })

  it('rejects a foreign key that is not a number', () => {
    const result = v.safeParse(TimeTrackingSchema, { id: '1', activity_id: 'Design' })

    expect(result.success).toBe(false)
  })

  it('reads an appointment assigned to one staff member or several', () => {
    const one = v.parse(ClientAppointmentSchema, {
      id: '1',
      staff_id: '3',
      status: '2',
      partner_id: 5,
    })
    const many = v.parse(ClientAppointmentSchema, { id: '2', staff_id: ['1', 2] })

    expect(one).toMatchObject({ staff_id: 3, status: 2, partner_id: '5' })
    expect(many.staff_id).toEqual([1, 2])
  })

  it('reads a staff member active flag as a boolean', () => {
    expect(v.parse(StaffSchema, { id: '1', active: '1' }).active).toBe(true)
    expect(v.parse(StaffSchema, { id: '1', active: '0' }).active).toBe(false)
    expect(v.parse(StaffSchema, { id: '1', active: true }).active).toBe(true)
  })
})

describe('NameMapSchema', () => {
  it('reads a General Listing under its model key', () => {
    expect(v.parse(NameMapSchema, { Listing: { '31': 'Website Redesign', '32': 2 } })).toEqual({
      '31': 'Website Redesign',
      '32': '2',
    })
  })

  it('reads an empty PHP list as an empty map', () => {
    expect(v.parse(NameMapSchema, { Listing: [] })).toEqual({})
  })

  it('reads rows of id and name, wrapped in a model key or not', () => {
    const rows = [{ FollowUpAction: { id: '1', name: 'Meeting' } }, { id: 2, name: 'Call' }]

    expect(v.parse(NameMapSchema, rows)).toEqual({ '1': 'Meeting', '2': 'Call' })
  })

  it('rejects a shape that holds no names', () => {
    expect(v.safeParse(NameMapSchema, { a: { b: 1 }, c: { d: 2 } }).success).toBe(false)
    expect(v.safeParse(NameMapSchema, 'Design').success).toBe(false)
  })
})

describe('envelopes', () => {
  it('reads a list whose rows arrive as an object keyed by position', () => {
    const list = v.parse(ListEnvelopeSchema, { data: { '0': { Client: { id: '1' } } } })

    expect(list.data).toEqual([{ Client: { id: '1' } }])
  })

  it('flattens validation errors given as lists or per rule', () => {
    const failure = v.parse(FailureEnvelopeSchema, {
      result: 'failed',
      code: '400',
      validation_errors: { email: { email: 'not an e-mail', unique: 'taken' }, time: ['bad'] },
    })

    expect(failure.code).toBe(400)
    expect(failure.validation_errors).toEqual({ email: 'not an e-mail; taken', time: 'bad' })
  })

  it('reads a missing validation_errors as none', () => {
    expect(v.parse(FailureEnvelopeSchema, { message: 'Unauthorized' }).validation_errors).toEqual(
      {},
    )
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-07-16T12:00:00Z')

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000)
  })

  it('reads an HTTP date', () => {
    expect(parseRetryAfter('Thu, 16 Jul 2026 12:00:30 GMT', now)).toBe(30_000)
  })

  it('reads a date in the past as no wait', () => {
    expect(parseRetryAfter('Thu, 16 Jul 2026 11:00:00 GMT', now)).toBe(0)
  })

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter('-5', now)).toBeUndefined()
  })
})

describe('RESOURCES', () => {
  it('lists every resource of the reference once, each path once', () => {
    const paths = Object.values(RESOURCES).map((r) => r.path)

    expect(Object.keys(RESOURCES).sort()).toEqual(
      [
        'invoices',
        'estimates',
        'creditNotes',
        'refundReceipts',
        'clients',
        'suppliers',
        'invoicePayments',
        'clientPayments',
        'products',
        'timeTracking',
        'notes',
        'workOrderAppointments',
        'estimateAppointments',
        'invoiceAppointments',
        'clientAppointments',
        'productCategories',
        'workOrders',
        'incomes',
        'expenses',
        'journals',
        'journalAccounts',
        'journalCategories',
        'purchaseRefunds',
        'taxes',
        'purchaseInvoices',
        'stockTransactions',
        'stores',
        'treasuries',
        'siteInfo',
        'staff',
        'listing',
        'followUpStatuses',
        'followUpActions',
        'clientAttendanceLog',
      ].sort(),
    )
    expect(new Set(paths).size).toBe(paths.length)
  })

  it('documents staff and product categories as read-only', () => {
    expect(RESOURCES.staff.operations).toEqual(['list', 'get'])
    expect(RESOURCES.productCategories.operations).toEqual(['list', 'get'])
  })

  it('writes client appointments as FollowUpReminder and reads them as ClientAppointment', () => {
    expect(RESOURCES.clientAppointments).toMatchObject({
      model: 'ClientAppointment',
      writeModel: 'FollowUpReminder',
    })
  })
})
