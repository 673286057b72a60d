import type { EventRecord } from '../../src/pipeline/events'
import type { StoredRecord } from '../../src/sandbox'
import { signCalcom, signCalendly } from '../../src/verify'
import { bridge } from '../support/bridge'
import { records } from '../support/sandbox'
import { eventSettles, eventually } from '../support/wait'

/** The secrets `vitest.config.ts` gives the test worker. */
export const SECRETS = { calendly: 'test-calendly-key', calcom: 'test-calcom-secret' } as const

let counter = 0

/** An id no other test (in any file sharing the storage) uses. */
export function unique(prefix: string): string {
  counter += 1
  return `${prefix}${Date.now().toString(36)}${String(counter)}${Math.random().toString(36).slice(2, 6)}`
}

function text(body: unknown): string {
  return typeof body === 'string' ? body : JSON.stringify(body)
}

/** Posts a Calendly webhook, signed with the test worker's key unless told otherwise. */
export async function postCalendly(
  body: unknown,
  options: {
    readonly signingKey?: string
    readonly timestamp?: number
    readonly header?: string | null
    readonly contentType?: string
  } = {},
): Promise<Response> {
  const raw = text(body)
  const signed = await signCalendly({
    signingKey: options.signingKey ?? SECRETS.calendly,
    body: raw,
    timestamp: options.timestamp,
  })
  const header =
    options.header === undefined ? signed['calendly-webhook-signature'] : options.header
  return bridge('/calendar/calendly', {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      ...(header === null ? {} : { 'calendly-webhook-signature': header }),
    },
    body: raw,
  })
}

/** Posts a Cal.com webhook, signed with the test worker's secret unless told otherwise. */
export async function postCalcom(
  body: unknown,
  options: { readonly secret?: string; readonly signature?: string | null } = {},
): Promise<Response> {
  const raw = text(body)
  const signed = await signCalcom({ secret: options.secret ?? SECRETS.calcom, body: raw })
  const signature =
    options.signature === undefined ? signed['x-cal-signature-256'] : options.signature
  return bridge('/calendar/calcom', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'x-cal-signature-256': signature }),
    },
    body: raw,
  })
}

/** The event a 202 named, once the queue has delivered it (or given up). */
export async function settled(res: Response): Promise<EventRecord> {
  const answer = await res.json<{ event?: string }>()
  if (answer.event === undefined) throw new Error(`no event in ${JSON.stringify(answer)}`)
  return eventSettles(answer.event)
}

/** A stored record's field as text (`''` when absent or not text). */
export function field(record: StoredRecord | undefined, name: string): string {
  const value = record?.[name]
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

/** Every client with this e-mail, compared as the bridge compares them. */
export async function clientsWithEmail(email: string): Promise<StoredRecord[]> {
  const wanted = email.trim().toLowerCase()
  return (await records('clients')).filter(
    (client) => field(client, 'email').toLowerCase() === wanted,
  )
}

/** Every appointment with a client. */
export async function appointmentsOf(clientId: string): Promise<StoredRecord[]> {
  return (await records('client_appointments')).filter(
    (appointment) => field(appointment, 'partner_id') === clientId,
  )
}

/** The appointments of the one client with this e-mail, once there is at least one. */
export async function appointmentsFor(email: string): Promise<StoredRecord[]> {
  return eventually(async () => {
    const [client] = await clientsWithEmail(email)
    if (client === undefined) return undefined
    const found = await appointmentsOf(client.id)
    return found.length > 0 ? found : undefined
  }, `an appointment for ${email}`)
}

/** Serves an iCalendar feed at `http://feeds.test/<name>`; returns its URL. */
export async function serveFeed(
  name: string,
  ics: string,
  validators: {
    readonly etag?: string
    readonly lastModified?: string
    readonly status?: number
  } = {},
): Promise<string> {
  await fetch(`http://outbound.test/feeds/${name}`, {
    method: 'PUT',
    body: JSON.stringify({ ics, ...validators }),
  })
  return `http://feeds.test/${name}`
}

/** The conditional headers of each request the feed got. */
export async function feedRequests(
  name: string,
): Promise<{ ifNoneMatch: string | null; ifModifiedSince: string | null }[]> {
  const res = await fetch(`http://outbound.test/feeds/${name}`)
  return (
    await res.json<{ requests: { ifNoneMatch: string | null; ifModifiedSince: string | null }[] }>()
  ).requests
}
