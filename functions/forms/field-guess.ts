/**
 * Guessing which client field a question fills from its label or key, when the source does not
 * type it. A label is reduced to its meaningful words, without case, accents, punctuation or
 * order, and compared whole with the wordings below: "What's your e-mail address?", "E-mail",
 * "email_address" and "Address (e-mail)" all become `address email`. A whole-label comparison
 * (rather than "contains") keeps "Company size" and "Company website" from filling the company
 * name, and "Email address" from filling the street address.
 */

/** What a question can fill; `name` is a full name to split, `country` a name or code. */
export type GuessedField =
  | 'email'
  | 'phone1'
  | 'phone2'
  | 'first_name'
  | 'last_name'
  | 'name'
  | 'business_name'
  | 'address1'
  | 'address2'
  | 'city'
  | 'state'
  | 'postal_code'
  | 'country'
  | 'notes'

/** Wordings of each field, as people write them on forms; compared after `labelWords`. */
export const WORDINGS: Readonly<Record<GuessedField, readonly string[]>> = {
  email: [
    'email',
    'email address',
    'mail',
    'mail address',
    'email id',
    'work email',
    'business email',
    'contact email',
  ],
  phone1: [
    'phone',
    'phone number',
    'phone no',
    'telephone',
    'telephone number',
    'tel',
    'contact number',
    'work phone',
    'business phone',
    'landline',
  ],
  phone2: [
    'mobile',
    'mobile number',
    'mobile phone',
    'mobile no',
    'cell',
    'cell phone',
    'cellphone',
    'cell number',
    'whatsapp',
    'whatsapp number',
  ],
  first_name: ['first name', 'firstname', 'first', 'fname', 'given name', 'forename'],
  last_name: ['last name', 'lastname', 'last', 'lname', 'surname', 'family name'],
  name: [
    'name',
    'full name',
    'fullname',
    'contact name',
    'contact person',
    'complete name',
    'first and last name',
    'name and surname',
    'who are you',
  ],
  business_name: [
    'company',
    'company name',
    'business',
    'business name',
    'organisation',
    'organization',
    'organisation name',
    'organization name',
    'org',
    'employer',
    'firm',
    'company or organisation',
    'company or organization',
    'agency',
  ],
  address1: [
    'address',
    'street',
    'street address',
    'address line 1',
    'address 1',
    'address1',
    'postal address',
    'mailing address',
    'billing address',
    'home address',
  ],
  address2: ['address line 2', 'address 2', 'address2', 'apartment', 'apartment suite', 'suite'],
  city: ['city', 'town', 'city or town', 'locality', 'suburb'],
  state: [
    'state',
    'province',
    'region',
    'county',
    'state or province',
    'state or region',
    'prefecture',
    'governorate',
  ],
  postal_code: [
    'postal code',
    'postcode',
    'post code',
    'zip',
    'zip code',
    'zipcode',
    'postal',
    'pin code',
    'zip or postal code',
  ],
  country: ['country', 'nation', 'country or region', 'country code', 'country of residence'],
  notes: [
    'message',
    'messages',
    'note',
    'notes',
    'comment',
    'comments',
    'question',
    'questions',
    'enquiry',
    'inquiry',
    'details',
    'project details',
    'description',
    'how can we help',
    'how can we help you',
    'anything else',
    'additional information',
    'additional info',
    'tell us about your project',
    'remarks',
  ],
}

// Words that change nothing about what a question asks for.
const FILLER = new Set([
  'a',
  'an',
  'the',
  'your',
  'you',
  'my',
  'our',
  'us',
  'please',
  'enter',
  'what',
  'whats',
  's',
  'is',
  'are',
  'of',
  'here',
  'type',
  'optional',
  'required',
  'and',
  'or',
  'in',
  'to',
  'we',
])

/**
 * A label reduced to its meaningful words, sorted: `What's your e-mail address?` →
 * `address email`. Returns '' when nothing meaningful is left.
 */
export function labelWords(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\be[\s_-]*mail\b/g, 'email')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word !== '' && !FILLER.has(word))
  return [...new Set(words)].sort().join(' ')
}

const BY_WORDS: ReadonlyMap<string, GuessedField> = new Map(
  Object.entries(WORDINGS).flatMap(([field, wordings]) =>
    wordings.map((wording) => [labelWords(wording), field as GuessedField] as const),
  ),
)

/** The field a label (or key) asks for, or `undefined` when it is not one the bridge knows. */
export function guessField(label: string): GuessedField | undefined {
  const words = labelWords(label)
  return words === '' ? undefined : BY_WORDS.get(words)
}
