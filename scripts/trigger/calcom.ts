import { signCalcom } from '../../src/verify/sign'
import { calcomWebhook } from '../../test/fixtures/calendar/calcom'
import { bookingArgs, bookingUsage } from './booking-args'
import type { TriggerSample } from './sample'

const TRIGGERS = {
  book: 'BOOKING_CREATED',
  reschedule: 'BOOKING_RESCHEDULED',
  cancel: 'BOOKING_CANCELLED',
  handover: 'BOOKING_CANCELLED',
} as const

/** A Cal.com webhook signed with CALCOM_SECRET. */
export const calcom: TriggerSample = {
  route: '/calendar/calcom',
  usage: bookingUsage('calcom'),
  async build(args, secrets) {
    const booking = bookingArgs(args, 'calcom')
    if (booking.action === 'handover') throw new Error('Cal.com has no handover: use reschedule')
    const webhook = calcomWebhook({
      id: booking.id,
      trigger: TRIGGERS[booking.action],
      email: 'john.doe@example.com',
      name: 'John Doe',
      start: booking.start,
      end: booking.end,
      ...(booking.action === 'reschedule' && booking.other !== undefined
        ? { rescheduleOf: booking.other }
        : {}),
      ...(booking.action === 'cancel' ? { cancellationReason: 'Sent by npm run trigger' } : {}),
    })
    const body = JSON.stringify(webhook)
    const signed = await signCalcom({ secret: secrets['CALCOM_SECRET'] ?? '', body })
    return { body, headers: { 'content-type': 'application/json', ...signed } }
  },
}
