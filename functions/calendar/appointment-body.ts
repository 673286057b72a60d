/**
 * The text of a booking's appointment in Enerpize: what the meeting is, where or how to join
 * it, who booked it and what they answered. Change this file to change what appointments say.
 */
export interface AppointmentText {
  /** The meeting's name, e.g. `Discovery call`. */
  readonly title: string
  /** Where it came from, in words: `booked through Calendly`. */
  readonly origin: string
  /** A video call link. */
  readonly joinUrl?: string | undefined
  /** A place, a phone number, or the tool's own words for where it happens. */
  readonly location?: string | undefined
  readonly invitee?: Person | undefined
  /** Other people invited. */
  readonly guests?: readonly Person[] | undefined
  /** The booking form's questions and the invitee's answers, in order. */
  readonly answers?: readonly Answer[] | undefined
  /** Free text: the event's description or the invitee's notes. */
  readonly notes?: string | undefined
}

export interface Person {
  readonly name?: string | undefined
  readonly email: string
  readonly timeZone?: string | undefined
}

export interface Answer {
  readonly question: string
  readonly answer: string
}

/** Longest body the bridge writes; a booking form can hold pages of text. */
export const MAX_BODY_LENGTH = 4000

function person(who: Person): string {
  return who.name === undefined ? who.email : `${who.name} <${who.email}>`
}

/**
 * The appointment's body, one fact per line:
 *
 * ```text
 * Discovery call (booked through Calendly)
 * Join: https://us02web.zoom.us/j/123
 * Invitee: Jane Doe <jane@example.com>, time zone America/New_York
 * What would you like to discuss? Pricing for 20 seats
 * ```
 */
export function appointmentBody(text: AppointmentText): string {
  const lines = [`${text.title} (${text.origin})`]
  if (text.joinUrl !== undefined) lines.push(`Join: ${text.joinUrl}`)
  if (text.location !== undefined && text.location !== text.joinUrl) {
    lines.push(`Where: ${text.location}`)
  }
  if (text.invitee !== undefined) {
    const zone = text.invitee.timeZone === undefined ? '' : `, time zone ${text.invitee.timeZone}`
    lines.push(`Invitee: ${person(text.invitee)}${zone}`)
  }
  if (text.guests !== undefined && text.guests.length > 0) {
    lines.push(`Also invited: ${text.guests.map(person).join(', ')}`)
  }
  for (const { question, answer } of text.answers ?? []) {
    lines.push(/[?:]$/.test(question) ? `${question} ${answer}` : `${question}: ${answer}`)
  }
  if (text.notes !== undefined && text.notes.trim() !== '') lines.push('', text.notes.trim())

  const body = lines.join('\n')
  return body.length <= MAX_BODY_LENGTH ? body : `${body.slice(0, MAX_BODY_LENGTH - 1)}…`
}

/** The line a cancelled appointment's body ends with: `by` is e.g. `the invitee`. */
export function cancellationLine(by: string | undefined, reason: string | undefined): string {
  const who = by === undefined ? 'Cancelled' : `Cancelled by ${by}`
  return reason === undefined ? `${who}.` : `${who}: ${reason}`
}
