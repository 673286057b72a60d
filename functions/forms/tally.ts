import * as v from 'valibot'
import {
  answer,
  invalid,
  isRecord,
  present,
  readable,
  type AnswerType,
  type Normalised,
} from './answer'
import { issueLines } from './issues'

const Id = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'))

// Tally's webhook payload: https://tally.so/help/webhooks. Unknown keys are let through.
const TallySchema = v.looseObject({
  eventId: v.optional(v.string()),
  eventType: v.literal('FORM_RESPONSE', 'must be FORM_RESPONSE'),
  createdAt: v.optional(v.string()),
  data: v.looseObject({
    responseId: v.optional(Id),
    submissionId: v.optional(Id),
    formName: v.optional(v.string()),
    createdAt: v.optional(v.string()),
    fields: v.array(
      v.looseObject({
        key: v.string(),
        label: v.nullish(v.string()),
        type: v.string(),
        value: v.optional(v.unknown()),
        options: v.optional(
          v.array(v.looseObject({ id: v.string(), text: v.optional(v.string()) })),
        ),
      }),
    ),
  }),
})

const TYPES: Readonly<Record<string, AnswerType>> = {
  INPUT_EMAIL: 'email',
  INPUT_PHONE_NUMBER: 'phone',
  INPUT_NUMBER: 'number',
  INPUT_DATE: 'date',
  INPUT_LINK: 'url',
  FILE_UPLOAD: 'file',
  SIGNATURE: 'file',
  PAYMENT: 'payment',
  HIDDEN_FIELDS: 'hidden',
  MULTIPLE_CHOICE: 'choice',
  DROPDOWN: 'choice',
  CHECKBOXES: 'choice',
  MULTI_SELECT: 'choice',
  RANKING: 'choice',
  INPUT_TEXT: 'text',
  TEXTAREA: 'text',
}

/** A choice field holds option ids; the labels are in `options`. Uploads become names and links. */
function valueOf(field: v.InferOutput<typeof TallySchema>['data']['fields'][number]): unknown {
  const { value, options } = field
  if (options !== undefined) {
    const text = new Map(options.map((o) => [o.id, o.text ?? o.id]))
    const ids: unknown[] = Array.isArray(value) ? value : [value]
    return ids.map((id) => (typeof id === 'string' ? (text.get(id) ?? id) : id))
  }
  if (Array.isArray(value) && value.every(isRecord)) {
    return value.map((item) =>
      [readable(item['name']), readable(item['url'])].filter(Boolean).join(' '),
    )
  }
  return value
}

/**
 * A Tally `FORM_RESPONSE` webhook as answers, keyed by Tally's field `key` and labelled with the
 * question. Tally also sends one `CHECKBOX` entry per option of a checkbox question, beside the
 * question itself; those repeat what the question already says and are left out.
 */
export function normaliseTally(payload: unknown): Normalised {
  const parsed = v.safeParse(TallySchema, payload)
  if (!parsed.success) return invalid(...issueLines(parsed.issues))
  const { data } = parsed.output

  // `submissionId` is stable across Tally's retries; the others are fallbacks for older payloads.
  const id = data.submissionId ?? data.responseId ?? nonEmptyId(parsed.output.eventId)
  if (id === undefined) return invalid('data.submissionId: missing')

  const answers = data.fields
    .filter((field) => field.type !== 'CHECKBOX')
    .map((field) => answer(field.key, field.label ?? field.key, valueOf(field), TYPES[field.type]))
  const submittedAt = data.createdAt ?? parsed.output.createdAt

  return {
    ok: true,
    submission: {
      source: 'tally',
      id,
      ...(data.formName === undefined ? {} : { formName: data.formName }),
      ...(submittedAt === undefined ? {} : { submittedAt }),
      answers: present(answers),
    },
  }
}

function nonEmptyId(id: string | undefined): string | undefined {
  const trimmed = id?.trim()
  return trimmed === '' ? undefined : trimmed
}
