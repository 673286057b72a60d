import {
  answer,
  humanise,
  invalid,
  isRecord,
  present,
  readable,
  type Answer,
  type AnswerType,
  type Normalised,
} from './answer'

/** `q3_fullName`: question 3, named `fullName` in the form builder. */
const QUESTION_KEY = /^q(\d+)_(.+)$/

// The parts of Jotform's address widget, and what each is in a client.
const ADDRESS_PARTS: Readonly<Record<string, AnswerType>> = {
  addr_line1: 'address-line-1',
  addr_line2: 'address-line-2',
  city: 'city',
  state: 'state',
  postal: 'postal-code',
  country: 'country',
}

/**
 * A Jotform webhook as answers. Jotform posts multipart form data whose `rawRequest` part is a
 * JSON string of the answers keyed `q<N>_<name>`; `submissionID` identifies the submission.
 * Name and address widgets send objects, which become one answer per part so each part can
 * fill its own client field; a date widget's `{month, day, year}` becomes `YYYY-MM-DD`.
 */
export function normaliseJotform(fields: Readonly<Record<string, string>>): Normalised {
  const id = fields['submissionID']?.trim() ?? ''
  const raw = fields['rawRequest']
  const issues: string[] = []
  if (id === '') issues.push('submissionID: missing')
  if (raw === undefined) issues.push('rawRequest: missing')
  if (issues.length > 0 || raw === undefined) return invalid(...issues)

  let request: unknown
  try {
    request = JSON.parse(raw)
  } catch {
    return invalid('rawRequest: not JSON')
  }
  if (!isRecord(request)) return invalid('rawRequest: not a JSON object')

  // Questions in form order; Jotform's own bookkeeping keys (`slug`, `event_id`, …) are skipped.
  const questions = Object.entries(request)
    .flatMap(([key, value]) => {
      const match = QUESTION_KEY.exec(key)
      return match?.[1] === undefined || match[2] === undefined
        ? []
        : [{ order: Number(match[1]), key, name: match[2], value }]
    })
    .sort((a, b) => a.order - b.order)
  const answers = questions.flatMap(({ key, name, value }) =>
    answersFor(key, humanise(name), value),
  )

  const title = fields['formTitle']?.trim()
  return {
    ok: true,
    submission: {
      source: 'jotform',
      id,
      ...(title === undefined || title === '' ? {} : { formName: title }),
      answers: present(answers),
    },
  }
}

function answersFor(key: string, label: string, value: unknown): (Answer | undefined)[] {
  if (!isRecord(value)) return [answer(key, label, value)]

  // A name widget: first and middle make the first name, prefix and suffix stay as answers.
  if ('first' in value || 'last' in value) {
    const first = [value['first'], value['middle']].map((p) => readable(p)).filter(Boolean)
    return [
      answer(`${key}.first`, `${label} (first)`, first.join(' '), 'first-name'),
      answer(`${key}.last`, `${label} (last)`, value['last'], 'last-name'),
      answer(`${key}.prefix`, `${label} (prefix)`, value['prefix']),
      answer(`${key}.suffix`, `${label} (suffix)`, value['suffix']),
    ]
  }
  if ('addr_line1' in value || 'postal' in value || 'city' in value) {
    return Object.entries(ADDRESS_PARTS).map(([part, type]) =>
      answer(`${key}.${part}`, `${label} (${humanise(part)})`, value[part], type),
    )
  }
  // A phone widget sends `{full}` or `{area, phone}`.
  if ('full' in value || 'phone' in value) {
    const full = value['full'] ?? [value['area'], value['phone']].map((p) => readable(p)).join(' ')
    return [answer(key, label, full, 'phone')]
  }
  if ('year' in value && 'month' in value && 'day' in value) {
    return [answer(key, label, isoDate(value['year'], value['month'], value['day']), 'date')]
  }
  return [answer(key, label, value)]
}

/** `YYYY-MM-DD` from Jotform's date parts, or the parts as given when they are not a date. */
function isoDate(year: unknown, month: unknown, day: unknown): string | undefined {
  const [y, m, d] = [year, month, day].map((p) => readable(p) ?? '')
  if (y === '' && m === '' && d === '') return undefined
  if (/^\d{4}$/.test(y ?? '') && /^\d{1,2}$/.test(m ?? '') && /^\d{1,2}$/.test(d ?? '')) {
    return `${y ?? ''}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`
  }
  return [y, m, d].filter((p) => p !== '').join('-')
}
