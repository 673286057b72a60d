import { describe, expect, it } from 'vitest'
import type { Answer } from '../../functions/forms/answer'
import {
  BUSINESS_NAME_MAX,
  clientFromAnswers,
  type ClientMapping,
  type FieldOverrides,
} from '../../functions/forms/client-from-answers'
import { countryCode, COUNTRY_CODES } from '../../functions/forms/country-code'
import { guessField, WORDINGS } from '../../functions/forms/field-guess'
import { formEvent } from '../../functions/forms/form-submission'
import { splitName } from '../../functions/forms/split-name'

function a(label: string, value: string, type?: Answer['type'], key = label): Answer {
  return type === undefined ? { key, label, value } : { key, label, value, type }
}

function mapped(
  answers: readonly Answer[],
  fields: FieldOverrides = {},
  source = 'typeform' as const,
) {
  const result: ClientMapping = clientFromAnswers(answers, { source, fields })
  if (!result.ok) throw new Error(`expected a client, got ${result.reasons.join('; ')}`)
  return result
}

describe('clientFromAnswers: by answer type', () => {
  it('takes the e-mail and phone from typed answers whatever their questions say', () => {
    const { client } = mapped([
      a('Where do we write to you?', 'ada@analytical.example', 'email'),
      a('Ring me on', '+44 20 7946 0018', 'phone'),
    ])

    expect(client).toMatchObject({ email: 'ada@analytical.example', phone1: '+44 20 7946 0018' })
  })

  it('never takes a link or a date for a name, whatever its question says', () => {
    const { client, leftovers } = mapped([
      a('Email', 'ada@analytical.example', 'email'),
      a('Company', 'https://analytical.example', 'url'),
      a('Name', '2026-07-30', 'date'),
    ])

    expect(client.business_name).toBeUndefined()
    expect(client.first_name).toBeUndefined()
    expect(leftovers.map((l) => l.label)).toEqual(['Company', 'Name'])
  })
})

describe('clientFromAnswers: by label, in several wordings', () => {
  const cases: [string, string, Record<string, string>][] = [
    ['E-mail address', 'ada@analytical.example', { email: 'ada@analytical.example' }],
    ['Your email', 'ada@analytical.example', { email: 'ada@analytical.example' }],
    ["What's your e-mail?", 'ada@analytical.example', { email: 'ada@analytical.example' }],
    ['EMAIL_ADDRESS', 'ada@analytical.example', { email: 'ada@analytical.example' }],
    ['First Name', 'Ada', { first_name: 'Ada' }],
    ['firstName', 'Ada', { first_name: 'Ada' }],
    ['Surname', 'Lovelace', { last_name: 'Lovelace' }],
    ['Company name', 'Analytical Engines', { business_name: 'Analytical Engines' }],
    ['Name of your company', 'Analytical Engines', { business_name: 'Analytical Engines' }],
    ['Organisation', 'Analytical Engines', { business_name: 'Analytical Engines' }],
    ['Business', 'Analytical Engines', { business_name: 'Analytical Engines' }],
    ['Phone number', '020 7946 0018', { phone1: '020 7946 0018' }],
    ['Mobile', '07700 900123', { phone2: '07700 900123' }],
    ['Street address', '12 St James Square', { address1: '12 St James Square' }],
    ['Address line 2', 'Floor 3', { address2: 'Floor 3' }],
    ['Town / City', 'London', { city: 'London' }],
    ['State / Province', 'Greater London', { state: 'Greater London' }],
    ['ZIP / Postal code', 'SW1Y 4JH', { postal_code: 'SW1Y 4JH' }],
    ['Country', 'Deutschland', { country_code: 'DE' }],
  ]

  it.each(cases)('maps “%s”', (label, value, expected) => {
    const { client } = mapped([a(label, value), a('Email', 'x@analytical.example')])

    expect(client).toMatchObject(expected)
  })

  it('leaves “Company size” and “Company website” alone', () => {
    const { client, leftovers } = mapped([
      a('Email', 'x@analytical.example'),
      a('Company size', '10-50'),
      a('Company website', 'analytical.example'),
    ])

    expect(client.business_name).toBeUndefined()
    expect(leftovers).toHaveLength(2)
  })

  it('falls back to the key when the label says nothing it knows', () => {
    const { client } = mapped([
      a('Where should we write?', 'ada@analytical.example', undefined, 'email'),
    ])

    expect(client.email).toBe('ada@analytical.example')
  })
})

describe('clientFromAnswers: names and client type', () => {
  it('splits a full name into first and last name', () => {
    const { client } = mapped([a('Your name', 'Ada King Lovelace')])

    expect(client).toMatchObject({ type: 2, first_name: 'Ada King', last_name: 'Lovelace' })
  })

  it('prefers first and last name asked separately, keeping the full name in the notes', () => {
    const { client } = mapped([
      a('Full name', 'Augusta Ada King'),
      a('First name', 'Ada'),
      a('Last name', 'Lovelace'),
    ])

    expect(client).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace' })
    expect(client.notes).toBe('Full name: Augusta Ada King')
  })

  it('makes a business client when a company is named', () => {
    const { client } = mapped([
      a('Email', 'x@analytical.example'),
      a('Company', 'Analytical Engines'),
    ])

    expect(client.type).toBe(3)
  })

  it('cuts a company name to Enerpize’s limit and keeps it whole in the notes', () => {
    const long = `Analytical ${'Engines '.repeat(20)}Ltd`

    const { client } = mapped([a('Company', long)])

    expect(client.business_name).toHaveLength(BUSINESS_NAME_MAX)
    expect(client.notes).toContain(`Company: ${long}`)
  })

  it.each([
    ['Ada', { first: 'Ada' }],
    ['Ada Lovelace', { first: 'Ada', last: 'Lovelace' }],
    ['Lovelace, Ada', { first: 'Ada', last: 'Lovelace' }],
    ['Ludwig van Beethoven', { first: 'Ludwig', last: 'van Beethoven' }],
    ['Mohamed Al Fayed', { first: 'Mohamed', last: 'Al Fayed' }],
    ['  Mary   Ann  Smith ', { first: 'Mary Ann', last: 'Smith' }],
    ['   ', {}],
  ])('splits “%s”', (full, expected) => {
    expect(splitName(full)).toEqual(expected)
  })
})

describe('clientFromAnswers: FORM_FIELDS', () => {
  const answers = [
    a('Contact', 'ada@analytical.example', undefined, 'q1'),
    a('Who are you with?', 'Analytical Engines', undefined, 'q2'),
    a('Email', 'second@analytical.example', 'email'),
  ]

  it('maps a label for every source with *', () => {
    const { client } = mapped(answers, { '*': { 'who are you with?': 'company' } })

    expect(client.business_name).toBe('Analytical Engines')
  })

  it('lets a source’s own map win over *, and over the answer’s type', () => {
    const fields = {
      '*': { q1: 'notes' },
      typeform: { Q1: 'email', Email: 'notes' },
    }

    const { client } = mapped(answers, fields)

    expect(client.email).toBe('ada@analytical.example')
    expect(client.notes).toContain('second@analytical.example')
  })

  it('ignores another source’s map', () => {
    const { client } = mapped(answers, { tally: { q2: 'business_name' } })

    expect(client.business_name).toBeUndefined()
  })

  it('drops an answer mapped to ignore, and keeps one mapped to an unknown field in the notes', () => {
    const { client } = mapped(answers, { '*': { q1: 'ignore', q2: 'favourite_colour' } })

    expect(client.notes).toBe('Who are you with?: Analytical Engines')
    expect(client.email).toBe('second@analytical.example')
  })

  it('maps a full name through name', () => {
    const { client } = mapped([a('Contact', 'Ada Lovelace')], { '*': { contact: 'full name' } })

    expect(client).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace' })
  })
})

describe('clientFromAnswers: what fills no field', () => {
  it('writes the message first, then one line per other answer', () => {
    const { client, leftovers } = mapped([
      a('Email', 'ada@analytical.example', 'email'),
      a('How did you hear about us?', 'A friend'),
      a('Message', 'Please call me back.'),
      a('Budget', '5k-10k'),
    ])

    expect(client.notes).toBe(
      'Please call me back.\n\nHow did you hear about us?: A friend\nBudget: 5k-10k',
    )
    expect(leftovers.map((l) => l.label)).toEqual(['How did you hear about us?', 'Budget'])
  })

  it('keeps a second e-mail, an address that is not one and an unknown country in the notes', () => {
    const { client } = mapped([
      a('Email', 'ada@analytical.example', 'email'),
      a('Work email', 'not an address'),
      a('Alternative email', 'ada@home.example', 'email'),
      a('Country', 'Atlantis'),
    ])

    expect(client.email).toBe('ada@analytical.example')
    expect(client.country_code).toBeUndefined()
    expect(client.notes).toBe(
      'Work email: not an address\nAlternative email: ada@home.example\nCountry: Atlantis',
    )
  })

  it('refuses a submission with neither an e-mail nor a name, saying what was asked', () => {
    const result = clientFromAnswers([a('Message', 'Hello'), a('Email', 'nope')], {
      source: 'html',
      fields: {},
    })

    expect(result).toEqual({
      ok: false,
      reasons: [
        'the submission has no e-mail address and no name, so it cannot become a client',
        'questions answered: Message, Email; name the e-mail or name question in FORM_FIELDS if the bridge did not recognise it',
      ],
    })
  })
})

describe('countryCode', () => {
  it.each([
    ['United Kingdom', 'GB'],
    ['uk', 'GB'],
    ['USA', 'US'],
    ['united states', 'US'],
    ['de', 'DE'],
    ['Deutschland', 'DE'],
    ['Égypte', 'EG'],
    ['مصر', 'EG'],
    ['Côte d’Ivoire', 'CI'],
    ['Ivory Coast', 'CI'],
    ['the Netherlands', 'NL'],
    ['Myanmar', 'MM'],
    ['Saudi Arabia', 'SA'],
    ['Türkiye', 'TR'],
  ])('reads %s as %s', (name, code) => {
    expect(countryCode(name)).toBe(code)
  })

  it.each(['Atlantis', 'Congo', 'XX', 'EU', ''])('does not guess “%s”', (name) => {
    expect(countryCode(name)).toBeUndefined()
  })

  it('knows all 249 assigned codes by their English names, as the runtime’s CLDR gives them', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })

    expect(COUNTRY_CODES.size).toBe(249)
    for (const code of COUNTRY_CODES) {
      const name = names.of(code) ?? ''
      if (!name.startsWith('Congo')) expect(countryCode(name), name).toBe(code)
    }
  })
})

describe('guessField', () => {
  it('reads every wording of its table as its own field, and no wording as two', () => {
    for (const [field, wordings] of Object.entries(WORDINGS)) {
      for (const wording of wordings) expect(guessField(wording), wording).toBe(field)
    }
  })
})

describe('formEvent', () => {
  it('makes one client upsert with a note naming the source and the day', () => {
    const event = formEvent(
      {
        source: 'typeform',
        id: 'tok',
        formName: 'Request a quote',
        submittedAt: '2026-07-16T23:30:00Z',
        answers: [a('Email', 'ada@analytical.example', 'email'), a('Name', 'Ada Lovelace')],
      },
      { fields: {}, timezone: 'Asia/Tokyo', receivedAt: new Date('2026-07-20T00:00:00Z') },
    )

    expect(event).toMatchObject({
      ok: true,
      operations: [
        {
          kind: 'client.upsert',
          submissionNote: 'Form submission (Typeform, 2026-07-17): Request a quote',
        },
      ],
      summary: 'Client ada@analytical.example (Ada Lovelace) from Typeform: Request a quote',
    })
  })
})
