/** What `npm run trigger -- calendly|calcom …` asks for: an action and the booking ids. */
export interface BookingArgs {
  readonly action: 'book' | 'cancel' | 'reschedule' | 'handover'
  /** The booking acted on (for `reschedule`, the new one). */
  readonly id: string
  /** For `reschedule` and `handover`: the booking it replaces, or goes on as. */
  readonly other?: string
  /** A time tomorrow, so the appointment is in the future. */
  readonly start: string
  readonly end: string
}

const ACTIONS = ['book', 'cancel', 'reschedule', 'handover'] as const

function isAction(word: string | undefined): word is BookingArgs['action'] {
  return (ACTIONS as readonly (string | undefined)[]).includes(word)
}

/**
 * Reads `[book] [id]`, `cancel <id>`, `reschedule <old id> <new id>`, `handover <old id>
 * <new id>`. A booking made without an id gets a fresh one, printed so it can be cancelled or
 * rescheduled next.
 */
export function bookingArgs(args: readonly string[], prefix: string): BookingArgs {
  const [first, second, third] = args
  const action = isAction(first) ? first : 'book'
  const rest = isAction(first) ? [second, third] : [first, second]
  const fresh = `${prefix}-${Date.now().toString(36)}`

  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000)
  tomorrow.setUTCHours(10, 0, 0, 0)
  const hour = (offset: number) =>
    new Date(tomorrow.getTime() + offset * 60 * 60 * 1000).toISOString()

  let parsed: BookingArgs
  if (action === 'reschedule' || action === 'handover') {
    if (rest[0] === undefined) throw new Error(`${action} needs the old booking's id`)
    const next = rest[1] ?? fresh
    parsed =
      action === 'reschedule'
        ? { action, id: next, other: rest[0], start: hour(2), end: hour(2.5) }
        : { action, id: rest[0], other: next, start: hour(0), end: hour(0.5) }
  } else {
    parsed = { action, id: rest[0] ?? fresh, start: hour(0), end: hour(0.5) }
  }
  console.error(
    `booking ${parsed.id}${parsed.other === undefined ? '' : ` (with ${parsed.other})`}`,
  )
  return parsed
}

/** What `help` prints for a booking source. */
export function bookingUsage(source: string): string {
  return [
    `npm run trigger -- ${source} [book] [id]            a new booking (tomorrow 10:00 UTC)`,
    `npm run trigger -- ${source} cancel <id>            its cancellation`,
    `npm run trigger -- ${source} reschedule <old> <new> the booking moved to 12:00 as <new>`,
    source === 'calendly'
      ? `npm run trigger -- ${source} handover <old> <new>   the old invitee's cancellation that goes with it`
      : '',
  ]
    .filter(Boolean)
    .join('\n')
}
