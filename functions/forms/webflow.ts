import * as v from 'valibot'
import { answer, invalid, present, type AnswerType, type Normalised } from './answer'
import { issueLines } from './issues'

// Webflow's `form_submission` webhook:
// https://developers.webflow.com/data/reference/webhooks/events/form-submission.
const WebflowSchema = v.looseObject({
  triggerType: v.literal('form_submission', 'must be form_submission'),
  payload: v.looseObject({
    id: v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty')),
    name: v.optional(v.string()),
    submittedAt: v.optional(v.string()),
    data: v.record(v.string(), v.unknown()),
    // Newer payloads describe each field; older ones send the data alone.
    schema: v.optional(
      v.array(
        v.looseObject({
          fieldName: v.optional(v.string()),
          fieldType: v.optional(v.string()),
        }),
      ),
    ),
  }),
})

/** Webflow's field types (`FormEmail`, `FormPhone`, …) as answer types, by what they name. */
function typeOf(fieldType: string | undefined): AnswerType | undefined {
  const name = fieldType?.toLowerCase() ?? ''
  if (name.includes('email')) return 'email'
  if (name.includes('phone') || name.includes('tel')) return 'phone'
  if (name.includes('number')) return 'number'
  if (name.includes('file')) return 'file'
  if (name.includes('checkbox')) return 'boolean'
  if (name.includes('select') || name.includes('radio')) return 'choice'
  return undefined
}

/**
 * A Webflow `form_submission` webhook as answers. Webflow keys the data by the names the site's
 * designer gave the fields, so the key is also the label.
 */
export function normaliseWebflow(body: unknown): Normalised {
  const parsed = v.safeParse(WebflowSchema, body)
  if (!parsed.success) return invalid(...issueLines(parsed.issues))
  const { payload } = parsed.output

  const types = new Map(
    (payload.schema ?? []).flatMap((field) =>
      field.fieldName === undefined ? [] : [[field.fieldName, typeOf(field.fieldType)] as const],
    ),
  )
  const answers = Object.entries(payload.data).map(([name, value]) =>
    answer(name, name, value, types.get(name)),
  )

  return {
    ok: true,
    submission: {
      source: 'webflow',
      id: payload.id,
      ...(payload.name === undefined ? {} : { formName: payload.name }),
      ...(payload.submittedAt === undefined ? {} : { submittedAt: payload.submittedAt }),
      answers: present(answers),
    },
  }
}
