import {
  answer,
  invalid,
  isRecord,
  nonEmpty,
  present,
  type Answer,
  type Normalised,
} from './answer'

// Nested objects are flattened this deep; below that a value is written out as text.
const MAX_NESTING = 3

/**
 * A Standard Webhooks delivery as answers. The body is either a flat JSON object of fields
 * (`{"Email": "…", "Name": "…"}`) or the envelope the specification suggests,
 * `{"type", "timestamp", "data": {fields}}`. A nested object is flattened: its keys are joined
 * with dots and each part is labelled with its own name (`address.city` is labelled `city`).
 * `id` is the `webhook-id` header, stable across the sender's retries.
 */
export function normaliseWebhook(body: unknown, id: string): Normalised {
  if (nonEmpty(id) === undefined) return invalid('webhook-id: missing')
  if (!isRecord(body)) return invalid('the body must be a JSON object of fields')

  const envelope =
    typeof body['type'] === 'string' && isRecord(body['data'])
      ? { type: body['type'], data: body['data'], timestamp: body['timestamp'] }
      : undefined
  const fields = envelope?.data ?? body
  const answers = present(flatten(fields, '', 0))
  if (answers.length === 0) return invalid('the body holds no fields with a value')

  const timestamp = envelope?.timestamp
  return {
    ok: true,
    submission: {
      source: 'webhook',
      id,
      ...(envelope === undefined ? {} : { formName: envelope.type }),
      ...(typeof timestamp === 'string' ? { submittedAt: timestamp } : {}),
      answers,
    },
  }
}

function flatten(
  fields: Record<string, unknown>,
  prefix: string,
  depth: number,
): (Answer | undefined)[] {
  return Object.entries(fields).flatMap(([name, value]) => {
    const key = prefix === '' ? name : `${prefix}.${name}`
    if (isRecord(value) && depth < MAX_NESTING) return flatten(value, key, depth + 1)
    return [answer(key, name, value)]
  })
}
