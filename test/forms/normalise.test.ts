import { describe, expect, it } from 'vitest'
import type { Answer, Normalised } from '../../functions/forms/answer'
import { normaliseHtmlForm } from '../../functions/forms/html-form'
import { normaliseJotform } from '../../functions/forms/jotform'
import { normaliseTally } from '../../functions/forms/tally'
import { normaliseTypeform } from '../../functions/forms/typeform'
import { normaliseWebflow } from '../../functions/forms/webflow'
import { normaliseWebhook } from '../../functions/forms/webhook'
import { htmlFormFields } from '../fixtures/forms/html'
import { jotformParts } from '../fixtures/forms/jotform'
import { tallyPayload } from '../fixtures/forms/tally'
import { typeformPayload } from '../fixtures/forms/typeform'
import { webflowPayload } from '../fixtures/forms/webflow'
import { flatFields, googleFormsEnvelope } from '../fixtures/forms/webhook'

function answersOf(result: Normalised): readonly Answer[] {
  if (!result.ok) throw new Error(`expected a submission, got ${result.issues.join('; ')}`)
  return result.submission.answers
}

function issuesOf(result: Normalised): readonly string[] {
  if (result.ok) throw new Error('expected the payload to be refused')
  return result.issues
}

function byKey(answers: readonly Answer[], key: string): Answer | undefined {
  return answers.find((a) => a.key === key)
}

describe('normaliseTypeform', () => {
  it('keys answers by ref, labels them with the question and types e-mail and phone', () => {
    const result = normaliseTypeform(typeformPayload('tok1'))

    const answers = answersOf(result)
    expect(byKey(answers, 'contact_email')).toEqual({
      key: 'contact_email',
      label: 'Your e-mail address',
      type: 'email',
      value: 'ada@analytical.example',
    })
    expect(byKey(answers, 'contact_phone')?.type).toBe('phone')
    expect(byKey(answers, 'country')).toMatchObject({ type: 'choice', value: 'United Kingdom' })
    expect(byKey(answers, 'utm_source')).toMatchObject({ type: 'hidden', value: 'newsletter' })
  })

  it('uses the response token as the submission id and keeps the form title', () => {
    const result = normaliseTypeform(typeformPayload('tok2'))

    expect(result.ok && result.submission).toMatchObject({
      source: 'typeform',
      id: 'tok2',
      formName: 'Request a quote',
      submittedAt: '2026-07-16T10:04:38Z',
    })
  })

  it('lists every label of a multi-choice answer, and its "other" text', () => {
    const payload = typeformPayload('tok3')
    payload.form_response.answers = [
      {
        type: 'choices',
        choices: { labels: ['Audit', 'Support'], other: 'Hosting' },
        field: { id: 'X1', type: 'multiple_choice', ref: 'services' },
      } as never,
    ]

    const answers = answersOf(normaliseTypeform(payload))

    expect(byKey(answers, 'services')?.value).toBe('Audit, Support, Hosting')
  })

  it('refuses another event type, and a response without a token', () => {
    const other = { ...typeformPayload('tok4'), event_type: 'form_partial' }
    const noToken = typeformPayload('')

    expect(issuesOf(normaliseTypeform(other))).toEqual(['event_type: must be form_response'])
    expect(issuesOf(normaliseTypeform(noToken))).toEqual(['form_response.token: must not be empty'])
  })
})

describe('normaliseTally', () => {
  it('reads choice labels from the options and leaves out the per-option checkbox entries', () => {
    const answers = answersOf(normaliseTally(tallyPayload('sub1')))

    expect(byKey(answers, 'question_3jLkQ5')?.value).toBe('United Kingdom')
    expect(byKey(answers, 'question_n0X5Nd')?.value).toBe('Audit, Support')
    expect(answers.some((a) => a.key.startsWith('question_n0X5Nd_'))).toBe(false)
    expect(byKey(answers, 'question_nPDEv2')?.type).toBe('email')
  })

  it('uses the submission id as the dedupe id, falling back to the response id', () => {
    const payload = tallyPayload('sub2')
    const older: Record<string, unknown> = { ...payload.data }
    delete older['submissionId']

    const first = normaliseTally(payload)
    const second = normaliseTally({ ...payload, data: older })

    expect(first.ok && first.submission.id).toBe('sub2')
    expect(second.ok && second.submission.id).toBe('resp-sub2')
  })

  it('refuses a payload without fields', () => {
    const payload = { eventType: 'FORM_RESPONSE', data: { submissionId: 'x' } }

    expect(issuesOf(normaliseTally(payload))[0]).toMatch(/^data\.fields: /)
  })
})

describe('normaliseWebflow', () => {
  it('uses the designer’s field names as keys and labels, typed from the schema', () => {
    const answers = answersOf(normaliseWebflow(webflowPayload('wf1')))

    expect(byKey(answers, 'Email Address')).toMatchObject({ type: 'email' })
    expect(byKey(answers, 'Phone')).toMatchObject({ type: 'phone' })
    expect(byKey(answers, 'Name')).toMatchObject({ label: 'Name', value: 'Ada Lovelace' })
  })

  it('takes a payload without a schema', () => {
    const payload = webflowPayload('wf2')
    const rest: Record<string, unknown> = { ...payload.payload }
    delete rest['schema']

    const answers = answersOf(normaliseWebflow({ ...payload, payload: rest }))

    expect(byKey(answers, 'Email Address')?.type).toBeUndefined()
  })

  it('refuses another trigger type', () => {
    const payload = { ...webflowPayload('wf3'), triggerType: 'site_publish' }

    expect(issuesOf(normaliseWebflow(payload))).toEqual(['triggerType: must be form_submission'])
  })
})

describe('normaliseJotform', () => {
  it('splits name and address widgets into typed parts and skips Jotform’s own keys', () => {
    const answers = answersOf(normaliseJotform(jotformParts('js1')))

    expect(byKey(answers, 'q3_fullName.first')).toMatchObject({ type: 'first-name', value: 'Ada' })
    expect(byKey(answers, 'q3_fullName.last')).toMatchObject({
      type: 'last-name',
      value: 'Lovelace',
    })
    expect(byKey(answers, 'q7_address.postal')).toMatchObject({
      type: 'postal-code',
      value: 'SW1Y 4JH',
    })
    expect(byKey(answers, 'q7_address.addr_line2')).toBeUndefined()
    expect(byKey(answers, 'q4_email')).toMatchObject({ label: 'Email' })
    expect(byKey(answers, 'q5_phoneNumber')).toMatchObject({
      type: 'phone',
      value: '+44 20 7946 0018',
    })
    expect(byKey(answers, 'q8_preferredDate')).toMatchObject({ type: 'date', value: '2026-07-30' })
    expect(answers.some((a) => ['slug', 'event_id', 'timeToSubmit'].includes(a.key))).toBe(false)
  })

  it('refuses a missing submission id and a rawRequest that is not JSON', () => {
    expect(issuesOf(normaliseJotform({ rawRequest: '{}' }))).toEqual(['submissionID: missing'])
    expect(issuesOf(normaliseJotform({ submissionID: '1', rawRequest: '{q3' }))).toEqual([
      'rawRequest: not JSON',
    ])
    expect(issuesOf(normaliseJotform({ submissionID: '1', rawRequest: '[1]' }))).toEqual([
      'rawRequest: not a JSON object',
    ])
  })
})

describe('normaliseHtmlForm', () => {
  it('labels fields by their names, joins repeated names and drops the bridge’s own fields', () => {
    const fields = htmlFormFields(undefined, {
      token: 't',
      idempotency_key: 'k',
      form_name: 'Quote',
    })

    const result = normaliseHtmlForm(fields, 'k')

    const answers = answersOf(result)
    expect(byKey(answers, 'full_name')).toMatchObject({ label: 'Full name', value: 'Ada Lovelace' })
    expect(byKey(answers, 'interests[]')).toMatchObject({
      label: 'Interests',
      value: 'Support, Training',
    })
    expect(answers.map((a) => a.key)).not.toContain('token')
    expect(answers.map((a) => a.key)).not.toContain('website_url')
    expect(result.ok && result.submission.formName).toBe('Quote')
  })
})

describe('normaliseWebhook', () => {
  it('reads the fields of the Standard Webhooks envelope', () => {
    const result = normaliseWebhook(googleFormsEnvelope(), 'msg_1')

    const answers = answersOf(result)
    expect(byKey(answers, 'Email address')?.value).toBe('ada@analytical.example')
    expect(byKey(answers, 'Which services interest you?')?.value).toBe('Audit, Support')
    expect(result.ok && result.submission).toMatchObject({
      id: 'msg_1',
      formName: 'google_forms.response',
    })
  })

  it('reads a flat object of fields, flattening nested objects', () => {
    const body = { ...flatFields(), address: { city: 'London', country: 'GB' } }

    const answers = answersOf(normaliseWebhook(body, 'msg_2'))

    expect(byKey(answers, 'address.city')).toMatchObject({ label: 'city', value: 'London' })
  })

  it('refuses a body that is not an object, or holds no values', () => {
    expect(issuesOf(normaliseWebhook([1, 2], 'msg_3'))).toEqual([
      'the body must be a JSON object of fields',
    ])
    expect(issuesOf(normaliseWebhook({ a: '', b: null }, 'msg_4'))).toEqual([
      'the body holds no fields with a value',
    ])
  })
})
