import { BookingLinks, withBookings, type BookingLink } from '../../calendar/booking-links'
import { staffIdsFor } from '../../calendar/staff-emails'
import type { ClientAppointment, ClientAppointmentInput } from '../../enerpize'
import { EnerpizeError } from '../../enerpize'
import type { DeliveryContext } from '../context'
import type { AppointmentOperation, OperationResult } from '../operations'
import { ensureClient, findClientByEmail } from './client'
import { findRecent } from './find-record'

type ScheduleOperation = Extract<AppointmentOperation, { kind: 'appointment.schedule' }>
type CancelOperation = Extract<AppointmentOperation, { kind: 'appointment.cancel' }>
type ContinueOperation = Extract<AppointmentOperation, { kind: 'appointment.continue' }>

/** 1 = the appointment's partner is a client. */
const CLIENT_PARTNER = 1
const SCHEDULED = 0
const DISMISSED = 2

/**
 * Records what a booking source said about a booking (made, moved) and brings its appointment
 * in line: made when new, moved with a `PUT` when it exists, moved from the replaced booking's
 * appointment after a reschedule. See `calendar/booking-links.ts` for why every calendar
 * operation merges into the booking's record and then reconciles with all of it.
 */
export function scheduleAppointment(
  op: ScheduleOperation,
  ctx: DeliveryContext,
): Promise<OperationResult> {
  const links = new BookingLinks(ctx.kv)
  return withBookings([op.booking, op.replaces], async () => {
    let link = await links.get(op.booking)

    // A reschedule: the old booking goes on as this one.
    if (op.replaces !== undefined) {
      const previous = await links.get(op.replaces)
      if (previous.continuesAs !== op.booking) {
        await links.put(op.replaces, { ...previous, continuesAs: op.booking })
      }
      link = { ...link, replaces: op.replaces }
    }

    // Keep the latest thing the source said; an older event changes nothing.
    if (link.scheduled === undefined || op.revision >= link.scheduled.revision) {
      link = {
        ...link,
        scheduled: {
          revision: op.revision,
          attendee: op.attendee,
          clients: op.clients,
          appointment: op.appointment,
        },
      }
    }
    return settle(op.booking, link, links, ctx)
  })
}

/**
 * Records a cancellation and dismisses the appointment (status 2) with the reason in its body.
 * A cancellation that arrives before the booking is recorded all the same: the booking's
 * appointment is then made already dismissed.
 */
export function cancelAppointment(
  op: CancelOperation,
  ctx: DeliveryContext,
): Promise<OperationResult> {
  const links = new BookingLinks(ctx.kv)
  return withBookings([op.booking], async () => {
    let link = await links.get(op.booking)
    if (link.cancelled === undefined || op.revision >= link.cancelled.revision) {
      link = { ...link, cancelled: { revision: op.revision, reason: op.reason } }
    }
    if (link.appointmentId === undefined && link.continuesAs === undefined) {
      await links.put(op.booking, link)
      return unchanged(op.booking, link, 'no appointment yet')
    }
    return settle(op.booking, link, links, ctx)
  })
}

/**
 * Records that a booking goes on as another (Calendly's cancellation of a rescheduled
 * invitee). Nothing changes in Enerpize: the new booking's creation moves the appointment,
 * whichever of the two events comes first.
 */
export function continueAppointment(
  op: ContinueOperation,
  ctx: DeliveryContext,
): Promise<OperationResult> {
  const links = new BookingLinks(ctx.kv)
  return withBookings([op.booking, op.continuesAs], async () => {
    const link = await links.get(op.booking)
    const updated = { ...link, continuesAs: op.continuesAs }
    if (link.continuesAs !== op.continuesAs) await links.put(op.booking, updated)

    const next = await links.get(op.continuesAs)
    if (next.replaces !== op.booking) {
      await links.put(op.continuesAs, { ...next, replaces: op.booking })
    }
    return unchanged(op.booking, updated, `rescheduled as ${op.continuesAs}`)
  })
}

function unchanged(booking: string, link: BookingLink, note: string): OperationResult {
  return link.appointmentId === undefined
    ? { resource: 'bookings', id: booking, action: 'unchanged', detail: { note } }
    : {
        resource: 'client_appointments',
        id: link.appointmentId,
        action: 'unchanged',
        detail: { note },
      }
}

/**
 * Saves the booking's record and brings its appointment in line with it, writing the record
 * once (KV takes about one write a second to a key). Call it holding the booking's lock.
 */
async function settle(
  booking: string,
  link: BookingLink,
  links: BookingLinks,
  ctx: DeliveryContext,
): Promise<OperationResult> {
  // Rescheduled since: the newer booking owns the appointment.
  if (link.continuesAs !== undefined) {
    await links.put(booking, link)
    return unchanged(booking, link, `rescheduled as ${link.continuesAs}`)
  }

  let outcome: { readonly result: OperationResult; readonly link: BookingLink }
  try {
    outcome = await reconcile(booking, link, links, ctx)
  } catch (error) {
    // What the source said is kept even when Enerpize failed; the retry reconciles again.
    await links.put(booking, link)
    throw error
  }
  await links.put(booking, outcome.link)
  return outcome.result
}

/** Makes the booking's appointment say what its record says; returns the record to save. */
async function reconcile(
  booking: string,
  link: BookingLink,
  links: BookingLinks,
  ctx: DeliveryContext,
): Promise<{ readonly result: OperationResult; readonly link: BookingLink }> {
  const same = (note: string) => ({ result: unchanged(booking, link, note), link })
  const state = link.scheduled
  if (state === undefined) return same('the booking itself has not arrived')
  const cancelled = link.cancelled !== undefined && link.cancelled.revision >= state.revision

  // The client: found by e-mail, or made when the source allows it.
  const email = state.attendee.email ?? ''
  const clientId =
    state.clients === 'create'
      ? (await ensureClient(state.attendee, undefined, ctx)).id
      : ((await findClientByEmail(ctx, email))?.id ?? link.clientId)
  if (clientId === undefined) return same(`no client has the e-mail ${email}`)

  const { appointment } = state
  const staff = await staffIdsFor(ctx, appointment.hostEmails)
  const record: ClientAppointmentInput = {
    date: appointment.start,
    end_date: appointment.end,
    item_id: clientId,
    partner_type: CLIENT_PARTNER,
    partner_id: clientId,
    status: cancelled ? DISMISSED : SCHEDULED,
    body: cancelled ? `${appointment.body}\n\n${link.cancelled.reason}` : appointment.body,
    ...(staff.length === 0 ? {} : { staff_id: staff.length === 1 ? (staff[0] ?? 0) : staff }),
    ...(appointment.actionId === undefined ? {} : { action_id: appointment.actionId }),
  }
  const detail = {
    booking,
    start: appointment.start,
    end: appointment.end,
    status: cancelled ? 'dismissed' : 'scheduled',
  }

  // Move the appointment the booking has (or inherits from the one it replaced).
  const existing = link.appointmentId ?? (await links.inherited(link))
  if (existing !== undefined) {
    try {
      await ctx.enerpize.clientAppointments.update(existing, record)
      return {
        result: { resource: 'client_appointments', id: existing, action: 'updated', detail },
        link: { ...link, appointmentId: existing, clientId },
      }
    } catch (error) {
      // Deleted in Enerpize: a booking that still stands gets a new one; a cancelled one none.
      if (!(error instanceof EnerpizeError) || error.status !== 404) throw error
      if (cancelled) return same(`appointment ${existing} was deleted in Enerpize`)
    }
  }

  const id = await createAppointment(record, ctx)
  return {
    result: { resource: 'client_appointments', id, action: 'created', detail },
    link: { ...link, appointmentId: id, clientId },
  }
}

function sameAppointment(record: ClientAppointmentInput) {
  return (found: ClientAppointment): boolean =>
    (found.partner_id ?? '') === String(record.partner_id) &&
    found.date === record.date &&
    (found.body ?? '') === (record.body ?? '')
}

/**
 * Creates an appointment. When an earlier attempt timed out after sending, or this one does,
 * the appointment may exist already: it is looked up (same client, start and text) before
 * anything is sent again, so a lost answer never becomes a second appointment.
 */
async function createAppointment(
  record: ClientAppointmentInput,
  ctx: DeliveryContext,
): Promise<string> {
  if (ctx.uncertain) {
    const found = await findRecent(ctx.enerpize.clientAppointments, sameAppointment(record))
    if (found !== undefined) return found.id
  }
  try {
    return await ctx.enerpize.clientAppointments.create(record)
  } catch (error) {
    if (!(error instanceof EnerpizeError) || error.retry !== 'unknown') throw error
    const found = await findRecent(ctx.enerpize.clientAppointments, sameAppointment(record))
    if (found === undefined) throw error
    return found.id
  }
}
