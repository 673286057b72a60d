/**
 * What an event becomes: the operations the automations in `functions/` return and the queue
 * consumer performs against Enerpize. Operations are plain JSON (they travel on the queue and
 * are kept in the event history), named in the bridge's own words rather than Enerpize's.
 */

/** A Slack user, by the ids Slack sends (names change; ids do not). */
export interface SlackUser {
  readonly teamId: string
  readonly userId: string
}

/** A time tracking entry to create. */
export interface TimeEntryDraft {
  readonly staffId: number
  readonly projectId: number
  readonly activityId: number
  /** Enerpize `H:MM`. */
  readonly time: string
  /** `YYYY-MM-DD`. */
  readonly date: string
  readonly notes: string
}

/** Client fields by their Enerpize names; only what the source gave is set. */
export interface ClientDraft {
  /** 2 individual, 3 business. */
  readonly type: 2 | 3
  readonly first_name?: string
  readonly last_name?: string
  readonly business_name?: string
  readonly email?: string
  readonly phone1?: string
  readonly phone2?: string
  readonly address1?: string
  readonly address2?: string
  readonly city?: string
  readonly state?: string
  readonly postal_code?: string
  readonly country_code?: string
  readonly notes?: string
}

export type Operation =
  | {
      readonly kind: 'time-entry.create'
      readonly entry: TimeEntryDraft
      /** Names shown back to the person; Enerpize only takes the ids. */
      readonly labels: { readonly project: string; readonly activity: string }
      /** Who asked, so `undo` and `list` find the entry later. */
      readonly owner?: SlackUser
    }
  | {
      readonly kind: 'time-entry.delete'
      readonly entryId: string
      readonly owner?: SlackUser
    }
  | {
      readonly kind: 'client.upsert'
      readonly client: ClientDraft
      /** A line appended to the client's notes when an existing client is reused. */
      readonly submissionNote?: string
    }
  | AppointmentOperation

/** What a booking's appointment says, in the account's wall-clock time. */
export interface AppointmentDraft {
  /** `YYYY-MM-DD HH:MM:SS` in the account's `TIMEZONE`. */
  readonly start: string
  readonly end: string
  /** Meeting name, join link or place, the invitee's answers. */
  readonly body: string
  /** The hosts' e-mails: staff members with one of them are assigned. */
  readonly hostEmails: readonly string[]
  /** Follow-up action (`APPOINTMENT_ACTION_ID`). */
  readonly actionId?: number
}

/**
 * Calendar operations, keyed by the source's booking identity (`calendly:<invitee uri>`,
 * `calcom:<uid>`, `ics:<feed>:<uid>:<recurrence id>`). Each records what the source said about
 * the booking and brings its appointment in line, so they may run in any order: `revision`
 * orders what they say (a later revision wins; at equal revisions a cancellation wins).
 */
export type AppointmentOperation =
  | {
      readonly kind: 'appointment.schedule'
      readonly booking: string
      /** The booking this one replaces (a reschedule): its appointment is moved, not copied. */
      readonly replaces?: string
      /** Who the appointment is with. */
      readonly attendee: ClientDraft
      /** `create` makes the client when none has the e-mail; `existing` books known clients only. */
      readonly clients: 'create' | 'existing'
      readonly appointment: AppointmentDraft
      readonly revision: number
    }
  | {
      readonly kind: 'appointment.cancel'
      readonly booking: string
      /** Why, in words; the appointment's body says it. */
      readonly reason: string
      readonly revision: number
    }
  | {
      /** The booking goes on as another one (a reschedule); nothing is dismissed. */
      readonly kind: 'appointment.continue'
      readonly booking: string
      readonly continuesAs: string
    }

export type OperationKind = Operation['kind']

/** What one operation did in Enerpize. */
export interface OperationResult {
  /** Enerpize resource, e.g. `time_tracking`, `clients`, `client_appointments`. */
  readonly resource: string
  readonly id: string
  readonly action: 'created' | 'updated' | 'deleted' | 'matched' | 'unchanged'
  /** Values worth showing back (e.g. the entry's time and date), never a secret. */
  readonly detail?: Readonly<Record<string, string>>
}

/** Where the source listens for the outcome, when it does. */
export type Notify =
  /** A slash command's or button's `response_url`. */
  | { readonly kind: 'slack-response'; readonly responseUrl: string }
  /** A direct message from the app (the modal has no `response_url`). */
  | { readonly kind: 'slack-dm'; readonly userId: string }

/** The message put on the deliveries queue: everything needed to deliver one event. */
export interface DeliveryJob {
  readonly eventId: string
  readonly source: string
  readonly dedupeKey: string
  readonly summary: string
  readonly operations: readonly Operation[]
  readonly notify?: Notify
  /** Set when an operator replays the event from the console. */
  readonly replay?: boolean
}
