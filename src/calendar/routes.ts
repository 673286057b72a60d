import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import { fromCalcomBooking, fromCalcomCancellation } from '../../functions/calendar/calcom'
import type { CalendarEvent, CalendarSettings } from '../../functions/calendar/calendar-event'
import { fromCalendly } from '../../functions/calendar/calendly'
import { requireSecret, type Config } from '../config'
import { InvalidPayloadError } from '../errors'
import type { AppEnv } from '../http/app-env'
import { log } from '../log'
import { bodyText, readBody, requireMediaType, sha256Hex } from '../pipeline/body'
import { claimStoreFor } from '../pipeline/claim-store'
import { accept, type Acceptance, type Submission } from '../pipeline/ingest'
import { verifyCalcom, verifyCalendly } from '../verify'
import {
  CalcomBookingSchema,
  CalcomCancellationSchema,
  CalcomEnvelopeSchema,
  isCalcomBookingTrigger,
} from './calcom-payload'
import {
  CalendlyEnvelopeSchema,
  CalendlyInviteeSchema,
  isCalendlyBookingEvent,
} from './calendly-payload'
import { issueLines } from './payload-fields'

const JSON_TYPES = ['application/json']

/** `POST /calendar/*`: Calendly and Cal.com bookings, made, moved and cancelled. */
export const calendar = new Hono<AppEnv>()

// Each handler reads as: the source's secret (503 when unset), its content type (415), the raw
// body (413), the signature over those bytes (401), then the payload (422), the claim (409)
// and the answer.

calendar.post('/calendar/calendly', async (c) => {
  const config = c.get('config')
  const signingKey = requireSecret(config, 'CALENDLY_SIGNING_KEY', 'Calendly')
  requireMediaType(c.req.raw, JSON_TYPES)
  const body = await readBody(c.req.raw)

  await verifyCalendly({ signingKey, header: c.req.header('calendly-webhook-signature'), body })

  const envelope = parsed(CalendlyEnvelopeSchema, parseJson(body), 'not a Calendly webhook')
  const { event } = envelope
  if (!isCalendlyBookingEvent(event)) {
    return answer(c, await ignore(c, 'calendly', event, envelope.payload.uri, body))
  }

  // Calendly's dedupe id: the event name plus the invitee's URI.
  const invitee = parsed(CalendlyInviteeSchema, envelope.payload, `not a Calendly ${event}`)
  const booking = fromCalendly(
    { event, createdAt: envelope.created_at, invitee },
    settingsOf(config),
  )
  return answer(c, await submit(c, 'calendly', `${event}:${invitee.uri}`, booking, body))
})

calendar.post('/calendar/calcom', async (c) => {
  const config = c.get('config')
  const secret = requireSecret(config, 'CALCOM_SECRET', 'Cal.com')
  requireMediaType(c.req.raw, JSON_TYPES)
  const body = await readBody(c.req.raw)

  await verifyCalcom({ secret, signature: c.req.header('x-cal-signature-256'), body })

  const envelope = parsed(CalcomEnvelopeSchema, parseJson(body), 'not a Cal.com webhook')
  const trigger = envelope.triggerEvent
  const uid = typeof envelope.payload.uid === 'string' ? envelope.payload.uid : undefined
  if (!isCalcomBookingTrigger(trigger)) {
    return answer(c, await ignore(c, 'calcom', trigger, uid, body))
  }

  // Cal.com's dedupe id: the trigger plus the booking's uid.
  const createdAt = envelope.createdAt ?? Date.now()
  let event: CalendarEvent
  let key: string
  if (trigger === 'BOOKING_CANCELLED') {
    const cancellation = parsed(
      CalcomCancellationSchema,
      envelope.payload,
      `not a Cal.com ${trigger}`,
    )
    event = fromCalcomCancellation(cancellation, createdAt)
    key = `${trigger}:${cancellation.uid}`
  } else {
    const booking = parsed(CalcomBookingSchema, envelope.payload, `not a Cal.com ${trigger}`)
    event = fromCalcomBooking(booking, createdAt, settingsOf(config))
    key = `${trigger}:${booking.uid}`
  }
  return answer(c, await submit(c, 'calcom', key, event, body))
})

// The vendors read the status; the JSON body says what was wrong for whoever reads the logs of
// the webhook. Other failures are left to the app's own handler.
calendar.onError((error, c) => {
  if (!(error instanceof InvalidPayloadError)) throw error
  log('warn', error.message, { code: error.code, status: error.status, path: c.req.path })
  return c.json({ error: error.code, message: error.message, issues: error.issues }, 422)
})

/** What the calendar translations need from the configuration. */
export function settingsOf(config: Config): CalendarSettings {
  return { timezone: config.timezone, actionId: config.appointmentActionId }
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(bodyText(body))
  } catch {
    throw new InvalidPayloadError('the body is not JSON', ['send the payload as application/json'])
  }
}

/** The payload as `schema` reads it, or a 422 listing every reason it does not fit. */
function parsed<T extends v.GenericSchema>(
  schema: T,
  input: unknown,
  what: string,
): v.InferOutput<T> {
  const result = v.safeParse(schema, input)
  if (!result.success)
    throw new InvalidPayloadError(`the body is ${what}`, issueLines(result.issues))
  return result.output
}

function submit(
  c: Context<AppEnv>,
  source: string,
  dedupeKey: string,
  event: CalendarEvent,
  body: Uint8Array,
): Promise<Acceptance> {
  const submission: Submission = {
    source,
    dedupeKey,
    payload: body,
    operations: event.operations,
    summary: event.summary,
  }
  const config = c.get('config')
  return accept(
    { kv: c.env.IDEMPOTENCY, claims: claimStoreFor(c.env, config), queue: c.env.DELIVERIES },
    submission,
  )
}

/**
 * An event the bridge does not book from (a Calendly no-show, a Cal.com meeting ending) is
 * acknowledged with a 2xx, so the sender neither retries nor disables the subscription, and
 * recorded in the event history with nothing to do.
 */
async function ignore(
  c: Context<AppEnv>,
  source: string,
  name: string,
  id: string | undefined,
  body: Uint8Array,
): Promise<Acceptance> {
  const key = `${name}:${id ?? `sha256:${await sha256Hex(body)}`}`
  return submit(
    c,
    source,
    key,
    { operations: [], summary: `${source} ${name}: not a booking, ignored` },
    body,
  )
}

/** 202 once queued, 200 for a repeat (with the first event's status). */
function answer(c: Context<AppEnv>, acceptance: Acceptance): Response {
  if (acceptance.kind === 'accepted') {
    return c.json({ accepted: true, event: acceptance.eventId }, 202)
  }
  return c.json({
    duplicate: true,
    event: acceptance.firstEventId,
    status: acceptance.first?.status ?? null,
  })
}
