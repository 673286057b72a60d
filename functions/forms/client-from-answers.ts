import * as v from 'valibot'
import type { ClientDraft } from '../../src/pipeline/operations'
import type { Answer, AnswerType, FormSource } from './answer'
import { countryCode } from './country-code'
import { guessField, type GuessedField } from './field-guess'
import { splitName } from './split-name'

/** `FORM_FIELDS`, parsed: per source (or `*` for all) a map from answer key or label to field. */
export type FieldOverrides = Readonly<Record<string, Readonly<Record<string, string>>>>

export interface MappingOptions {
  readonly source: FormSource
  /** `config.forms.fields`. */
  readonly fields: FieldOverrides
}

/** A client to find or create, or every reason the answers do not make one. */
export type ClientMapping =
  | {
      readonly ok: true
      readonly client: ClientDraft
      /** Answers no field took; they are written into the client's notes. */
      readonly leftovers: readonly Answer[]
    }
  | { readonly ok: false; readonly reasons: readonly string[] }

/** Where an answer goes: a field, the notes, or (only when `FORM_FIELDS` says so) nowhere. */
type Target = GuessedField | 'ignore'

// What `FORM_FIELDS` may name: the client's fields by their Enerpize names, plus a few words
// people use for them.
const TARGETS: Readonly<Record<string, Target>> = {
  email: 'email',
  first_name: 'first_name',
  last_name: 'last_name',
  name: 'name',
  full_name: 'name',
  business_name: 'business_name',
  company: 'business_name',
  phone1: 'phone1',
  phone: 'phone1',
  phone2: 'phone2',
  mobile: 'phone2',
  address1: 'address1',
  address: 'address1',
  address2: 'address2',
  city: 'city',
  state: 'state',
  postal_code: 'postal_code',
  zip: 'postal_code',
  postcode: 'postal_code',
  country_code: 'country',
  country: 'country',
  notes: 'notes',
  message: 'notes',
  ignore: 'ignore',
}

// Answer types that say by themselves which field they fill.
const TYPED: Partial<Record<AnswerType, GuessedField>> = {
  email: 'email',
  phone: 'phone1',
  'first-name': 'first_name',
  'last-name': 'last_name',
  'address-line-1': 'address1',
  'address-line-2': 'address2',
  city: 'city',
  state: 'state',
  'postal-code': 'postal_code',
  country: 'country',
}

// A date, a yes/no, a file, a link or a payment is never a name or an address, whatever its
// question says ("Company website" is a link, not the company).
const NEVER_GUESSED: ReadonlySet<AnswerType> = new Set([
  'date',
  'boolean',
  'file',
  'url',
  'payment',
])

/** Enerpize's limit for `business_name`. */
export const BUSINESS_NAME_MAX = 100

const Email = v.pipe(v.string(), v.email())

type Fillable = Exclude<keyof ClientDraft, 'type' | 'notes'>

function lookup(overrides: Readonly<Record<string, string>> | undefined, answer: Answer) {
  if (overrides === undefined) return undefined
  const wanted = [answer.key, answer.label].map(comparable)
  for (const [name, target] of Object.entries(overrides)) {
    if (wanted.includes(comparable(name))) return target
  }
  return undefined
}

function comparable(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase()
}

/**
 * Where an answer goes: `FORM_FIELDS` first (the source's map, then `*`), then the answer's
 * type, then its label or key.
 */
function targetOf(answer: Answer, options: MappingOptions): Target | undefined {
  const override =
    lookup(options.fields[options.source], answer) ?? lookup(options.fields['*'], answer)
  if (override !== undefined) return TARGETS[comparable(override).replace(/[\s-]+/g, '_')]

  const typed = answer.type === undefined ? undefined : TYPED[answer.type]
  if (typed !== undefined) return typed
  if (answer.type !== undefined && NEVER_GUESSED.has(answer.type)) return undefined
  return guessField(answer.label) ?? guessField(answer.key)
}

/**
 * Turns a submission's answers into the client it describes. Each answer fills the first empty
 * field it maps to (see `targetOf`); a full name is split into first and last name unless those
 * were asked separately; a company name makes the client a business (type 3), otherwise an
 * individual (type 2). Whatever fills no field (an answer no field takes, a second e-mail, a
 * country that cannot be told as a code) is kept in the notes as `Label: value` lines, after
 * the message, so nothing the person wrote is lost.
 *
 * A submission with neither an e-mail address nor a name of a person or company makes no
 * client: the reasons say what was missing.
 */
export function clientFromAnswers(
  answers: readonly Answer[],
  options: MappingOptions,
): ClientMapping {
  const client: { -readonly [K in Fillable]?: string } = {}
  const messages: Answer[] = []
  const leftovers: Answer[] = []
  let fullName: Answer | undefined

  const fill = (field: Fillable, value: string, from: Answer) => {
    if (client[field] === undefined) client[field] = value
    else leftovers.push(from)
  }

  for (const answer of answers) {
    const target = targetOf(answer, options)
    switch (target) {
      case 'ignore':
        break
      case undefined:
        leftovers.push(answer)
        break
      case 'notes':
        messages.push(answer)
        break
      case 'name':
        if (fullName === undefined) fullName = answer
        else leftovers.push(answer)
        break
      case 'email':
        if (v.is(Email, answer.value)) fill('email', answer.value, answer)
        else leftovers.push(answer)
        break
      case 'country': {
        const code = countryCode(answer.value)
        if (code === undefined) leftovers.push(answer)
        else fill('country_code', code, answer)
        break
      }
      case 'business_name':
        // A longer name is cut to Enerpize's limit; the notes keep it whole.
        if (client.business_name !== undefined || answer.value.length > BUSINESS_NAME_MAX) {
          leftovers.push(answer)
        }
        client.business_name ??= answer.value.slice(0, BUSINESS_NAME_MAX).trim()
        break
      default:
        fill(target, answer.value, answer)
    }
  }

  // A full name fills first and last name, unless the form asked for them separately.
  if (fullName !== undefined) {
    if (client.first_name === undefined && client.last_name === undefined) {
      const { first, last } = splitName(fullName.value)
      if (first !== undefined) client.first_name = first
      if (last !== undefined) client.last_name = last
    } else leftovers.push(fullName)
  }

  if (
    client.email === undefined &&
    client.first_name === undefined &&
    client.last_name === undefined &&
    client.business_name === undefined
  ) {
    return { ok: false, reasons: missingIdentity(answers) }
  }

  const notes = notesFrom(messages, leftovers)
  return {
    ok: true,
    client: {
      type: client.business_name === undefined ? 2 : 3,
      ...client,
      ...(notes === '' ? {} : { notes }),
    },
    leftovers,
  }
}

function missingIdentity(answers: readonly Answer[]): string[] {
  const asked = [...new Set(answers.map((a) => a.label))].slice(0, 20)
  return [
    'the submission has no e-mail address and no name, so it cannot become a client',
    asked.length === 0
      ? 'it holds no answers at all'
      : `questions answered: ${asked.join(', ')}; name the e-mail or name question in FORM_FIELDS if the bridge did not recognise it`,
  ]
}

/**
 * The client's notes: the message first (with its question when there are several), then one
 * `Label: value` line per answer no field took.
 */
function notesFrom(messages: readonly Answer[], leftovers: readonly Answer[]): string {
  const message =
    messages.length === 1
      ? (messages[0]?.value ?? '')
      : messages.map((m) => `${m.label}: ${m.value}`).join('\n')
  const lines = leftovers.map((a) => `${a.label}: ${a.value}`).join('\n')
  return [message, lines].filter((part) => part !== '').join('\n\n')
}
