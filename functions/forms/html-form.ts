import { answer, humanise, invalid, nonEmpty, present, type Normalised } from './answer'

/** Fields a plain HTML form posts for the bridge rather than for the client. */
export const HTML_FORM_FIELDS = {
  /** The shared `FORM_TOKEN`, in a hidden field (or `?token=` on the action URL). */
  token: 'token',
  /** A value the page generates once per form view, so a resubmission is recognised. */
  idempotencyKey: 'idempotency_key',
  /** A field people never see and bots fill in. */
  honeypot: 'website_url',
  /** Optional: which of the site's forms this is, shown in the event history. */
  formName: 'form_name',
} as const

const RESERVED: ReadonlySet<string> = new Set(Object.values(HTML_FORM_FIELDS))

/**
 * A plain HTML form's fields as answers, keyed by the inputs' `name`s and labelled with the
 * names made readable. A name sent more than once (checkboxes, a multiple select) becomes one
 * answer listing every value. `id` is the dedupe id the platform chose: the hidden
 * `idempotency_key` or a hash of the fields.
 */
export function normaliseHtmlForm(
  fields: readonly (readonly [string, string])[],
  id: string,
): Normalised {
  if (nonEmpty(id) === undefined) return invalid('the submission has no id')

  const values = new Map<string, string[]>()
  for (const [name, value] of fields) {
    if (RESERVED.has(name) || nonEmpty(name) === undefined) continue
    values.set(name, [...(values.get(name) ?? []), value])
  }
  const answers = [...values].map(([name, list]) =>
    answer(name, humanise(name.replace(/\[\]$/, '')), list.length === 1 ? list[0] : list),
  )

  const formName = fields.find(([name]) => name === HTML_FORM_FIELDS.formName)?.[1]
  const shownName = formName === undefined ? undefined : nonEmpty(formName)
  return {
    ok: true,
    submission: {
      source: 'html',
      id,
      ...(shownName === undefined ? {} : { formName: shownName }),
      answers: present(answers),
    },
  }
}
