import * as v from 'valibot'
import {
  answer,
  invalid,
  isRecord,
  present,
  type Answer,
  type AnswerType,
  type Normalised,
} from './answer'
import { issueLines } from './issues'

const Text = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'))

// Typeform's webhook payload: https://www.typeform.com/developers/webhooks/example-payload/.
// Only what the bridge reads is checked; everything else Typeform adds is let through.
const TypeformSchema = v.looseObject({
  event_type: v.literal('form_response', 'must be form_response'),
  form_response: v.looseObject({
    form_id: v.optional(v.string()),
    token: Text,
    submitted_at: v.optional(v.string()),
    hidden: v.optional(v.record(v.string(), v.unknown())),
    definition: v.optional(
      v.looseObject({
        title: v.optional(v.string()),
        fields: v.optional(
          v.array(
            v.looseObject({
              id: v.string(),
              title: v.optional(v.string()),
              ref: v.optional(v.string()),
              type: v.optional(v.string()),
            }),
          ),
        ),
      }),
    ),
    answers: v.optional(
      v.array(
        v.looseObject({
          type: v.string(),
          field: v.looseObject({
            id: v.string(),
            ref: v.optional(v.string()),
            type: v.optional(v.string()),
          }),
        }),
      ),
      [],
    ),
  }),
})

// Each answer carries its value under a key named after its type (`email`, `choice`, …).
const TYPES: Readonly<Record<string, AnswerType>> = {
  email: 'email',
  phone_number: 'phone',
  number: 'number',
  boolean: 'boolean',
  date: 'date',
  url: 'url',
  file_url: 'file',
  payment: 'payment',
  choice: 'choice',
  choices: 'choice',
  text: 'text',
}

/** The answer's value: a choice's label (or the "other" text), every label of a multi-choice. */
function valueOf(raw: Record<string, unknown>, type: string): unknown {
  const value = raw[type]
  if (type === 'choice' && isRecord(value)) return value['label'] ?? value['other']
  if (type === 'choices' && isRecord(value)) {
    const labels: unknown[] = Array.isArray(value['labels']) ? value['labels'] : []
    return value['other'] === undefined ? labels : [...labels, value['other']]
  }
  return value
}

/**
 * A Typeform `form_response` webhook as answers. Questions are keyed by `field.ref` (which the
 * form's owner can set and which survives edits), labelled with the question's title, and
 * hidden fields become answers too: an invitation link often carries the e-mail that way.
 */
export function normaliseTypeform(payload: unknown): Normalised {
  const parsed = v.safeParse(TypeformSchema, payload)
  if (!parsed.success) return invalid(...issueLines(parsed.issues))
  const response = parsed.output.form_response

  const titles = new Map((response.definition?.fields ?? []).map((f) => [f.id, f.title]))
  const answers: (Answer | undefined)[] = response.answers.map((raw) => {
    const key = raw.field.ref ?? raw.field.id
    const label = titles.get(raw.field.id) ?? key
    return answer(key, label, valueOf(raw, raw.type), TYPES[raw.type])
  })
  for (const [name, value] of Object.entries(response.hidden ?? {})) {
    answers.push(answer(name, name, value, 'hidden'))
  }

  return {
    ok: true,
    submission: {
      source: 'typeform',
      id: response.token,
      ...(response.definition?.title === undefined ? {} : { formName: response.definition.title }),
      ...(response.submitted_at === undefined ? {} : { submittedAt: response.submitted_at }),
      answers: present(answers),
    },
  }
}
