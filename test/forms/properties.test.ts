import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Answer, AnswerType, Normalised } from '../../functions/forms/answer'
import { clientFromAnswers } from '../../functions/forms/client-from-answers'
import { COUNTRY_CODES, countryCode } from '../../functions/forms/country-code'
import { formEvent } from '../../functions/forms/form-submission'
import { normaliseHtmlForm } from '../../functions/forms/html-form'
import { normaliseJotform } from '../../functions/forms/jotform'
import { splitName } from '../../functions/forms/split-name'
import { normaliseTally } from '../../functions/forms/tally'
import { normaliseTypeform } from '../../functions/forms/typeform'
import { normaliseWebflow } from '../../functions/forms/webflow'
import { normaliseWebhook } from '../../functions/forms/webhook'
import { jotformParts } from '../fixtures/forms/jotform'
import { tallyPayload } from '../fixtures/forms/tally'
import { typeformPayload } from '../fixtures/forms/typeform'
import { webflowPayload } from '../fixtures/forms/webflow'

const RUNS = { numRuns: 300 }

/** A normaliser's result is a submission whose answers all hold text, or at least one reason. */
function wellFormed(result: Normalised): boolean {
  if (!result.ok) return result.issues.length > 0 && result.issues.every((i) => i !== '')
  return (
    result.submission.id.trim() !== '' &&
    result.submission.answers.every(
      (a) => a.value.trim() === a.value && a.value !== '' && a.key !== '' && a.label !== '',
    )
  )
}

// Payloads that start from a vendor's shape with any part replaced by arbitrary JSON: closer to
// what a buggy or hostile sender produces than arbitrary JSON alone.
function mutated(base: object): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.constantFrom(...paths(base)), fc.jsonValue({ maxDepth: 4 }))
    .map(([path, value]) => replaceAt(structuredClone(base), path, value))
}

function paths(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [[...prefix]]
  const children = Object.entries(value).flatMap(([key, child]) =>
    paths(child, [...prefix, Array.isArray(value) ? Number(key) : key]),
  )
  return [[...prefix], ...children]
}

function replaceAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value
  let node = root as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path.at(-1)
  if (last !== undefined) node[last] = value
  return root
}

describe('normalisers never throw, and always return a submission or reasons', () => {
  it('for Typeform', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), mutated(typeformPayload('tok'))), (payload) =>
        wellFormed(normaliseTypeform(payload)),
      ),
      RUNS,
    )
  })

  it('for Tally', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), mutated(tallyPayload('sub'))), (payload) =>
        wellFormed(normaliseTally(payload)),
      ),
      RUNS,
    )
  })

  it('for Webflow', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), mutated(webflowPayload('wf'))), (payload) =>
        wellFormed(normaliseWebflow(payload)),
      ),
      RUNS,
    )
  })

  it('for Jotform', () => {
    const raw = JSON.parse(jotformParts('js')['rawRequest'] ?? '{}') as object
    const parts = fc.oneof(
      fc.dictionary(fc.string(), fc.string()),
      mutated(raw).map((request) => ({ submissionID: '1', rawRequest: JSON.stringify(request) })),
      fc.string().map((rawRequest) => ({ submissionID: '1', rawRequest })),
    )
    fc.assert(
      fc.property(parts, (fields) =>
        wellFormed(normaliseJotform(fields as Record<string, string>)),
      ),
      RUNS,
    )
  })

  it('for plain HTML forms', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string())), fc.string(), (fields, id) =>
        wellFormed(normaliseHtmlForm(fields, id)),
      ),
      RUNS,
    )
  })

  it('for Standard Webhooks bodies', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (body, id) =>
        wellFormed(normaliseWebhook(body, id)),
      ),
      RUNS,
    )
  })
})

const TYPES: readonly (AnswerType | undefined)[] = [
  undefined,
  'email',
  'phone',
  'first-name',
  'last-name',
  'address-line-1',
  'city',
  'postal-code',
  'country',
  'text',
  'number',
  'choice',
  'date',
  'url',
  'hidden',
]

const LABELS = [
  'Email',
  'E-mail address',
  'Your name',
  'First name',
  'Last name',
  'Company',
  'Phone',
  'Mobile',
  'Country',
  'City',
  'Message',
  'Budget',
  'Anything',
]

const text = fc
  .string({ minLength: 1, maxLength: 120 })
  .map((s) => s.trim())
  .filter((s) => s !== '')

const answerArb: fc.Arbitrary<Answer> = fc
  .record({
    key: fc.oneof(text, fc.constantFrom(...LABELS)),
    label: fc.oneof(text, fc.constantFrom(...LABELS)),
    type: fc.constantFrom(...TYPES),
    value: fc.oneof(text, fc.emailAddress(), fc.constantFrom('Egypt', 'uk', 'Ada Lovelace')),
  })
  .map(({ type, ...rest }) => (type === undefined ? rest : { ...rest, type }))

describe('clientFromAnswers', () => {
  it('never throws, and always returns a client someone can be called by, or reasons', () => {
    const overrides = fc.dictionary(
      fc.constantFrom('*', 'typeform', 'tally'),
      fc.dictionary(
        fc.constantFrom(...LABELS),
        fc.constantFrom('email', 'name', 'notes', 'ignore', 'nonsense'),
      ),
    )
    fc.assert(
      fc.property(fc.array(answerArb, { maxLength: 12 }), overrides, (answers, fields) => {
        const result = clientFromAnswers(answers, { source: 'typeform', fields })
        if (!result.ok) return result.reasons.length > 0
        const { client } = result
        const named =
          client.email !== undefined ||
          client.first_name !== undefined ||
          client.last_name !== undefined ||
          client.business_name !== undefined
        return (
          named &&
          client.type === (client.business_name === undefined ? 2 : 3) &&
          (client.business_name?.length ?? 0) <= 100 &&
          (client.country_code === undefined || COUNTRY_CODES.has(client.country_code))
        )
      }),
      RUNS,
    )
  })

  it('loses nothing the person wrote', () => {
    fc.assert(
      fc.property(fc.array(answerArb, { maxLength: 12 }), (answers) => {
        const result = clientFromAnswers(answers, { source: 'html', fields: {} })
        if (!result.ok) return true
        const { notes = '', ...fields } = result.client
        const values = Object.values(fields).map(String)
        const names = `${fields.first_name ?? ''} ${fields.last_name ?? ''}`
        return answers.every(
          (a) =>
            notes.includes(a.value) ||
            values.includes(a.value) ||
            a.value.split(/[\s,]+/).every((word) => names.includes(word)) ||
            countryCode(a.value) === fields.country_code,
        )
      }),
      RUNS,
    )
  })
})

describe('helpers', () => {
  it('splitName keeps every word of the name, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z'-]{1,12}$/), { maxLength: 6 }), (words) => {
        const { first, last } = splitName(words.join(' '))
        return [first, last].filter(Boolean).join(' ') === words.join(' ')
      }),
      RUNS,
    )
  })

  it('countryCode answers an assigned code or nothing', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const code = countryCode(name)
        return code === undefined || COUNTRY_CODES.has(code)
      }),
      RUNS,
    )
  })

  it('formEvent never throws whatever time the source claims', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(answerArb, { maxLength: 6 }), (submittedAt, answers) => {
        const event = formEvent(
          { source: 'tally', id: 'x', submittedAt, answers },
          { fields: {}, timezone: 'Africa/Cairo', receivedAt: new Date() },
        )
        if (event.ok) expect(event.operations).toHaveLength(1)
        else expect(event.reasons.length).toBeGreaterThan(0)
      }),
      RUNS,
    )
  })
})
