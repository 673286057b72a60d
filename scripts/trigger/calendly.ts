import { signCalendly } from '../../src/verify/sign'
import { calendlyWebhook } from '../../test/fixtures/calendar/calendly'
import { bookingArgs, bookingUsage } from './booking-args'
import type { TriggerSample } from './sample'

/**
 * A Calendly webhook signed with CALENDLY_SIGNING_KEY. A reschedule is two webhooks in Calendly,
 * `reschedule` and `handover`, which may be sent in either order.
 */
export const calendly: TriggerSample = {
  route: '/calendar/calendly',
  usage: bookingUsage('calendly'),
  async build(args, secrets) {
    const booking = bookingArgs(args, 'calendly')
    const webhook = calendlyWebhook({
      id: booking.id,
      event:
        booking.action === 'book' || booking.action === 'reschedule'
          ? 'invitee.created'
          : 'invitee.canceled',
      email: 'jane.doe@example.com',
      name: 'Jane Doe',
      start: booking.start,
      end: booking.end,
      ...(booking.action === 'reschedule' && booking.other !== undefined
        ? { oldInvitee: booking.other }
        : {}),
      ...(booking.action === 'handover' && booking.other !== undefined
        ? { newInvitee: booking.other }
        : {}),
    })
    const body = JSON.stringify(webhook)
    const signed = await signCalendly({ signingKey: secrets['CALENDLY_SIGNING_KEY'] ?? '', body })
    return { body, headers: { 'content-type': 'application/json', ...signed } }
  },
}
