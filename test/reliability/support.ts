import { env } from 'cloudflare:workers'
import { createExecutionContext } from 'cloudflare:test'
import type {
  StandInCall,
  StandInFault,
  StandInRecord,
  StandInTable,
  StandInThrottle,
} from '../../bench/enerpize-stand-in'
import { app } from '../../src/app'
import { EventStore, type EventRecord } from '../../src/pipeline/events'
import {
  signCalcom,
  signCalendly,
  signSlack,
  signStandardWebhook,
  signTally,
  signTypeform,
  signWebflow,
} from '../../src/verify'
import { calcomWebhook } from '../fixtures/calendar/calcom'
import { calendlyWebhook } from '../fixtures/calendar/calendly'
import { multipart, urlencoded } from '../fixtures/forms/encode'
import { htmlFormFields } from '../fixtures/forms/html'
import { jotformParts } from '../fixtures/forms/jotform'
import { tallyPayload } from '../fixtures/forms/tally'
import { typeformPayload } from '../fixtures/forms/typeform'
import { webflowPayload } from '../fixtures/forms/webflow'
import { googleFormsEnvelope } from '../fixtures/forms/webhook'
import { testBindings } from '../support/bindings'
import { commandBody } from '../support/slack'
import { eventually } from '../support/wait'

/**
 * What the reliability tests share: the Enerpize stand-in (a Node server on 127.0.0.1 that
 * `vitest.config.ts` starts and gives the Worker as `ENERPIZE_BASE_URL`), one deliverable event
 * per source, and how to count the Enerpize records an event made.
 */
const settings = env as unknown as Readonly<Record<string, string | undefined>>

/** `kv` or `durable-object`: the project this file runs in. */
export const MODE = settings['IDEMPOTENCY_MODE'] ?? 'kv'

/** The stand-in's origin, e.g. `http://127.0.0.1:40123`. */
export const STAND_IN = settings['STAND_IN_ORIGIN'] ?? ''

/** Calls per second the consumer keeps to (`ENERPIZE_MAX_RPS`). */
export const MAX_RPS = Number(settings['ENERPIZE_MAX_RPS'])

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${STAND_IN}/_control/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!res.ok) throw new Error(`stand-in ${method} ${path} answered ${String(res.status)}`)
  return res.json<T>()
}

/** Makes the stand-in fail the way Enerpize might, for the calls that match. */
export async function setFaults(faults: readonly StandInFault[]): Promise<void> {
  await control('POST', 'faults', { faults })
}

export async function clearFaults(): Promise<void> {
  await control('DELETE', 'faults')
}

/** Makes the stand-in answer 429 above a rate, as a throttled API would; `undefined` stops it. */
export async function setThrottle(throttle: StandInThrottle | undefined): Promise<void> {
  await control('POST', 'throttle', throttle === undefined ? {} : { throttle })
}

/** Every API call the stand-in received since `since` (epoch milliseconds). */
export async function callsSince(since: number): Promise<StandInCall[]> {
  return (await control<{ data: StandInCall[] }>('GET', `calls?since=${String(since)}`)).data
}

export async function standInRecords(table: StandInTable): Promise<StandInRecord[]> {
  return (await control<{ data: StandInRecord[] }>('GET', `records/${table}`)).data
}

/** Hands a result to the run's summary (`bench/reliability.md`). */
export async function report(entry: Readonly<Record<string, unknown>>): Promise<void> {
  await control('POST', 'reports', { mode: MODE, ...entry })
}

/**
 * Waits until the stand-in has had no call for `quietMs`, counted from now at the earliest:
 * every queued delivery has run. The queue hands out a batch at most a second after its first
 * message, so a second and a half of silence after the last request means nothing is waiting.
 */
export async function quiet(quietMs = 1500, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  await new Promise((resolve) => setTimeout(resolve, quietMs))
  for (;;) {
    const recent = await callsSince(Date.now() - quietMs)
    if (recent.length === 0) return
    if (Date.now() > deadline) throw new Error('the stand-in never went quiet')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** Every source the bridge takes events from. */
export const SOURCES = [
  'slack',
  'typeform',
  'tally',
  'webflow',
  'webhook',
  'jotform',
  'html',
  'calendly',
  'calcom',
] as const

export type Source = (typeof SOURCES)[number]

/** How long each source waits for an answer before it gives up on the delivery. */
export const ACK_LIMIT_MS: Readonly<Record<Source, number>> = {
  slack: 3000,
  typeform: 10_000,
  tally: 10_000,
  webflow: 10_000,
  webhook: 10_000,
  jotform: 10_000,
  html: 10_000,
  calendly: 10_000,
  calcom: 10_000,
}

let counter = 0

/** Text no other event of any run uses, safe in e-mail addresses and Slack notes. */
export function uniqueMarker(prefix: string): string {
  counter += 1
  const random = Math.random().toString(36).slice(2, 7)
  return `${prefix}${MODE === 'kv' ? 'k' : 'd'}${Date.now().toString(36)}${String(counter)}${random}`
}

/** One event of one source: the same body every time it is delivered, freshly signed. */
export interface SourceEvent {
  readonly source: Source
  /** Appears in the Enerpize record the event makes (notes, e-mail). */
  readonly marker: string
  readonly email: string
  readonly path: string
  readonly body: string | Uint8Array
  readonly contentType: string
  /** Headers for one delivery: the signature, made now. */
  readonly sign: (body: string | Uint8Array) => Promise<Record<string, string>>
}

/** What one delivery got back, and how long the answer took. */
export interface Delivery {
  readonly status: number
  readonly ms: number
  readonly text: string
}

const secrets = testBindings

/** A Slack user linked to a staff member, so that `/time` entries are logged for them. */
export async function linkedSlackUser(): Promise<string> {
  const user = `U${uniqueMarker('rel').toUpperCase()}`
  const event = slackEvent(user, 'link amira@example.com', 'link')
  const answer = await deliver(event)
  if (!answer.text.includes('Linked you to')) throw new Error(`could not link: ${answer.text}`)
  return user
}

function slackEvent(user: string, text: string, marker: string): SourceEvent {
  return {
    source: 'slack',
    marker,
    email: '',
    path: '/slack/commands',
    body: commandBody(text, { user, responseUrl: `${STAND_IN}/slack-response/${marker}` }),
    contentType: 'application/x-www-form-urlencoded',
    sign: (body) => signSlack({ secret: secrets.SLACK_SIGNING_SECRET, body }),
  }
}

/** A new event for `source`. Slack needs a linked user (`linkedSlackUser`). */
export async function newEvent(source: Source, slackUser = ''): Promise<SourceEvent> {
  const marker = uniqueMarker(source.slice(0, 3))
  const email = `${marker}@reliability.example`
  const contact = {
    email,
    firstName: 'Rel',
    lastName: marker,
    company: `Company ${marker}`,
    phone: '+44 20 7946 0018',
    message: `Sent by the reliability suite (${marker})`,
  }
  const json = (payload: unknown) => JSON.stringify(payload)
  const fixed = (headers: Record<string, string>) => () => Promise.resolve(headers)

  switch (source) {
    case 'slack':
      return slackEvent(slackUser, `1h #website +design ${marker}`, marker)
    case 'typeform':
      return {
        source,
        marker,
        email,
        path: '/forms/typeform',
        body: json(typeformPayload(marker, contact)),
        contentType: 'application/json',
        sign: (body) => signTypeform({ secret: secrets.TYPEFORM_SECRET, body }),
      }
    case 'tally':
      return {
        source,
        marker,
        email,
        path: '/forms/tally',
        body: json(tallyPayload(marker, contact)),
        contentType: 'application/json',
        sign: (body) => signTally({ secret: secrets.TALLY_SIGNING_SECRET, body }),
      }
    case 'webflow':
      return {
        source,
        marker,
        email,
        path: '/forms/webflow',
        body: json(webflowPayload(marker, contact)),
        contentType: 'application/json',
        sign: (body) => signWebflow({ secret: secrets.WEBFLOW_SECRET, body }),
      }
    case 'webhook':
      return {
        source,
        marker,
        email,
        path: '/forms/webhook',
        body: json(googleFormsEnvelope(contact)),
        contentType: 'application/json',
        sign: (body) =>
          signStandardWebhook({ secret: secrets.WEBHOOK_SECRET, body, id: `msg_${marker}` }),
      }
    case 'jotform': {
      const encoded = await multipart(jotformParts(marker, contact))
      return {
        source,
        marker,
        email,
        path: `/forms/jotform?token=${secrets.FORM_TOKEN}`,
        body: encoded.body,
        contentType: encoded.contentType,
        sign: fixed({}),
      }
    }
    case 'html':
      return {
        source,
        marker,
        email,
        path: '/forms/html',
        body: urlencoded(
          htmlFormFields(contact, { token: secrets.FORM_TOKEN, idempotency_key: marker }),
        ),
        contentType: 'application/x-www-form-urlencoded',
        sign: fixed({}),
      }
    case 'calendly':
      return {
        source,
        marker,
        email,
        path: '/calendar/calendly',
        body: json(calendlyWebhook({ id: marker, email, name: `Rel ${marker}` })),
        contentType: 'application/json',
        sign: (body) => signCalendly({ signingKey: secrets.CALENDLY_SIGNING_KEY, body }),
      }
    case 'calcom':
      return {
        source,
        marker,
        email,
        path: '/calendar/calcom',
        body: json(calcomWebhook({ id: marker, email, name: `Rel ${marker}` })),
        contentType: 'application/json',
        sign: (body) => signCalcom({ secret: secrets.CALCOM_SECRET, body }),
      }
  }
}

/**
 * Sends a request to the Worker's app with the test worker's bindings, as `bridge` would. The
 * suite sends thousands of requests, and a call through the test worker's own `exports` costs a
 * little more with every call the instance has already served (a hundred calls in, tens of
 * milliseconds each; a thousand in, hundreds), which would measure the harness rather than the
 * bridge. The app is the Worker's `fetch` handler itself, so nothing else changes.
 */
export async function send(path: string, init: RequestInit): Promise<Response> {
  // Appended, not resolved: a path such as `//x` must stay a path, not become a host.
  return app.fetch(
    new Request(`http://bridge.test${path.startsWith('/') ? '' : '/'}${path}`, init),
    env,
    createExecutionContext(),
  )
}

/** Delivers the event once, as its source would, timing the answer. */
export async function deliver(event: SourceEvent): Promise<Delivery> {
  const headers = { 'content-type': event.contentType, ...(await event.sign(event.body)) }
  const started = performance.now()
  const res = await send(event.path, { method: 'POST', headers, body: event.body })
  const text = await res.text()
  return { status: res.status, ms: performance.now() - started, text }
}

/** Whether an answer took the event in (first delivery), as opposed to a repeat or a refusal. */
export function accepted(event: SourceEvent, delivery: Delivery): boolean {
  // A repeat's answer quotes the first one, so the first is recognised by what a repeat lacks.
  if (event.source === 'slack') {
    return delivery.text.includes('Logging *') && !repeated(event, delivery)
  }
  if (event.source === 'html') return delivery.status === 200 || delivery.status === 303
  return delivery.status === 202
}

/** Whether an answer is a repeat's: the first outcome again, nothing done twice. */
export function repeated(event: SourceEvent, delivery: Delivery): boolean {
  if (event.source === 'slack') return delivery.text.includes('did not log it again')
  if (event.source === 'html') return delivery.status === 200 || delivery.status === 303
  return delivery.status === 200 && delivery.text.includes('"duplicate":true')
}

/**
 * The Enerpize records each event made: its time entry (Slack), its client (forms), or its
 * appointment (bookings; more than one client with the e-mail counts as doubled too). The
 * stand-in's tables are read once for all the events.
 */
export async function recordsOfAll(events: readonly SourceEvent[]): Promise<number[]> {
  const [entries, clients, appointments] = await Promise.all([
    standInRecords('time_tracking'),
    standInRecords('clients'),
    standInRecords('client_appointments'),
  ])
  return events.map((event) => {
    if (event.source === 'slack') {
      return entries.filter((r) => textOf(r['notes']).includes(event.marker)).length
    }
    const mine = clients.filter((r) => textOf(r['email']).toLowerCase() === event.email)
    if (event.source !== 'calendly' && event.source !== 'calcom') return mine.length
    const [client, ...others] = mine
    if (client === undefined || others.length > 0) return mine.length
    return appointments.filter((r) => textOf(r['partner_id']) === client.id).length
  })
}

/** The Enerpize records one event made (see `recordsOfAll`). */
export async function recordsOf(event: SourceEvent): Promise<number> {
  const [count = 0] = await recordsOfAll([event])
  return count
}

/** Waits until every event has made at least one record, polling the stand-in gently. */
export async function allRecorded(events: readonly SourceEvent[], timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const counts = await recordsOfAll(events)
    if (counts.every((n) => n > 0)) return
    if (Date.now() > deadline) {
      const missing = events.filter((_, i) => counts[i] === 0).map((e) => e.marker)
      throw new Error(`no record for ${missing.join(', ')}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/** The event the bridge recorded for a delivery of `event` that was not a repeat. */
export async function recordedEvent(event: SourceEvent, timeoutMs = 60_000): Promise<EventRecord> {
  const events = new EventStore(env.IDEMPOTENCY)
  const entry = await eventually(
    async () => {
      const page = await events.list({ source: event.source, limit: 200 })
      for (const candidate of page.events) {
        if (candidate.status === 'duplicate') continue
        const record = await events.get(candidate.id)
        if (record && JSON.stringify(record.operations).includes(event.marker)) return record
      }
      return undefined
    },
    `the ${event.source} event ${event.marker}`,
    timeoutMs,
  )
  return entry
}

/** A stored value as text when it is text or a number; anything else reads as empty. */
function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

/** Percentile `p` (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] ?? Number.NaN
}
