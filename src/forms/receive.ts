import type { Context } from 'hono'
import type { Normalised } from '../../functions/forms/answer'
import { formEvent } from '../../functions/forms/form-submission'
import { InvalidPayloadError } from '../errors'
import type { AppEnv } from '../http/app-env'
import { bodyText } from '../pipeline/body'
import { claimStoreFor } from '../pipeline/claim-store'
import { accept, type Acceptance } from '../pipeline/ingest'

/** The message of the 422 for answers that name no one (no e-mail, no name). */
export const NO_CLIENT = 'the submission cannot become a client'

/**
 * Parses a JSON body already verified.
 *
 * @throws InvalidPayloadError (422) when it is not JSON.
 */
export function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(bodyText(body))
  } catch {
    throw new InvalidPayloadError('the body is not JSON', ['send the payload as application/json'])
  }
}

/**
 * Turns a normalised submission into its client operation and accepts it: claims its dedupe key,
 * records the event and queues it. Resolves once the event is durably queued (or known as a
 * repeat); the caller answers the sender after that.
 *
 * @param payload What makes two deliveries "the same": the raw body, or for form encodings
 *   (whose multipart boundaries change between deliveries) the fields in canonical form.
 * @throws InvalidPayloadError (422) when the payload is no submission, or makes no client.
 * @throws ConflictError (409) when the dedupe key came before with a different payload.
 */
export async function receive(
  c: Context<AppEnv>,
  normalised: Normalised,
  payload: string | Uint8Array,
  dedupeTtlSeconds?: number,
): Promise<Acceptance> {
  const config = c.get('config')
  if (!normalised.ok) {
    throw new InvalidPayloadError('the body is not a submission this route understands', [
      ...normalised.issues,
    ])
  }
  const { submission } = normalised

  const event = formEvent(submission, {
    fields: config.forms.fields,
    timezone: config.timezone,
    receivedAt: new Date(),
  })
  if (!event.ok) {
    throw new InvalidPayloadError(NO_CLIENT, [...event.reasons])
  }

  return accept(
    { kv: c.env.IDEMPOTENCY, claims: claimStoreFor(c.env, config), queue: c.env.DELIVERIES },
    {
      source: submission.source,
      dedupeKey: submission.id,
      payload,
      operations: event.operations,
      summary: event.summary,
      ...(dedupeTtlSeconds === undefined ? {} : { dedupeTtlSeconds }),
    },
  )
}

/** The answer for a sender that reads JSON: 202 once queued, 200 for a repeat. */
export function acceptanceJson(c: Context<AppEnv>, acceptance: Acceptance): Response {
  if (acceptance.kind === 'accepted') {
    return c.json({ accepted: true, event: acceptance.eventId }, 202)
  }
  return c.json({
    duplicate: true,
    event: acceptance.firstEventId,
    status: acceptance.first?.status ?? null,
  })
}
