import { sha256Hex } from '../pipeline/body'
import type { AppointmentDraft, ClientDraft } from '../pipeline/operations'
import { serialised } from '../pipeline/serialise'

/**
 * What the bridge knows about each booking, in KV under `calendar:booking:<booking>`, kept with
 * no expiry: which appointment it has, what the source last said about it, and which booking
 * it replaced or goes on as after a reschedule.
 *
 * Sources announce one booking in several events that may arrive in any order (a Calendly
 * reschedule sends a cancellation and a creation; a retry can land after a later event), so
 * each event is merged into the record, the appointment is brought in line with the whole
 * record rather than with the one event, and the record is saved, even when Enerpize failed. Writes of one booking are serialised within the isolate; KV has no
 * compare-and-set, so two events of one booking handled in different data centres in the same
 * moment can still race, the same limit the dedupe claims have.
 */
export interface BookingLink {
  /** The Enerpize appointment, once there is one. */
  readonly appointmentId?: string
  /** The client it is with. */
  readonly clientId?: string
  /** The booking this one replaced: its appointment becomes this one's. */
  readonly replaces?: string
  /** The booking this one goes on as: it owns the appointment now. */
  readonly continuesAs?: string
  /** The latest state the source described. */
  readonly scheduled?: ScheduledBooking
  /** The latest cancellation. */
  readonly cancelled?: { readonly revision: number; readonly reason: string }
}

export interface ScheduledBooking {
  readonly revision: number
  readonly attendee: ClientDraft
  readonly clients: 'create' | 'existing'
  readonly appointment: AppointmentDraft
}

const PREFIX = 'calendar:booking:'

// KV keys are at most 512 bytes: long booking keys (feed UIDs can be long) are hashed.
async function keyFor(booking: string): Promise<string> {
  return booking.length <= 300 ? PREFIX + booking : `${PREFIX}sha256:${await sha256Hex(booking)}`
}

/** The booking records in one KV namespace. */
export class BookingLinks {
  readonly #kv: KVNamespace

  constructor(kv: KVNamespace) {
    this.#kv = kv
  }

  /** A booking's record; empty when the bridge has heard nothing of it. */
  async get(booking: string): Promise<BookingLink> {
    return (await this.#kv.get<BookingLink>(await keyFor(booking), 'json')) ?? {}
  }

  async put(booking: string, link: BookingLink): Promise<void> {
    await this.#kv.put(await keyFor(booking), JSON.stringify(link))
  }

  /**
   * The appointment a booking inherits: the first one found walking back through the bookings
   * it replaced (a booking rescheduled twice replaces one that replaced another). A booking
   * whose predecessors the bridge has not heard of yet inherits nothing and gets its own
   * appointment. So after two reschedules in a row, if the first one's events are held up
   * until after the second one's, the original appointment stays where it was beside the new
   * one.
   */
  async inherited(link: BookingLink): Promise<string | undefined> {
    const visited = new Set<string>()
    let previous = link.replaces
    while (previous !== undefined && !visited.has(previous) && visited.size < 20) {
      visited.add(previous)
      const record = await this.get(previous)
      if (record.appointmentId !== undefined) return record.appointmentId
      previous = record.replaces
    }
    return undefined
  }
}

/**
 * Runs `task` holding the isolate's lock on every booking named. Locks are taken in one fixed
 * order, so two events naming the same two bookings (a reschedule's cancellation and its
 * creation) wait for each other instead of deadlocking.
 */
export function withBookings<T>(
  bookings: readonly (string | undefined)[],
  task: () => Promise<T>,
): Promise<T> {
  const keys = [...new Set(bookings.filter((b): b is string => b !== undefined))].sort()
  return keys.reduceRight<() => Promise<T>>(
    (inner, key) => () => serialised(`booking:${key}`, inner),
    task,
  )()
}
