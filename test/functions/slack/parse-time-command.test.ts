import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseTimeCommand, type ParseResult } from '../../../functions/slack/parse-time-command'

/** A Wednesday. */
const today = '2026-07-15'
const context = { today }

const LINK_FORMS = 'Try “/time link you@example.com” or “/time link 42” with your staff id.'
const DATE_FORMS = 'Try today, yesterday, a weekday such as mon, or a date such as 2026-03-14.'
const ONE_PROJECT =
  'both name a project, and a time entry has one. ' +
  'Keep one #project; to mention the other in the notes, drop its “#”.'
const ONE_ACTIVITY =
  'both name an activity, and a time entry has one. ' +
  'Keep one +activity; to mention the other in the notes, drop its “+”.'

function parse(text: string): ParseResult {
  return parseTimeCommand(text, context)
}

function entry(fields: {
  minutes: number
  time: string
  date?: string
  project?: string
  activity?: string
  notes?: string
}): ParseResult {
  return { kind: 'entry', date: today, notes: '', ...fields }
}

function errorMessage(result: ParseResult): string {
  if (result.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(result)}`)
  return result.message
}

describe('parseTimeCommand: sub-commands', () => {
  it.each(['', '   ', 'help', 'HELP', 'Help me', '?'])('reads “%s” as help', (text) => {
    const result = parse(text)

    expect(result).toEqual({ kind: 'help' })
  })

  it.each([
    ['projects', { kind: 'projects' }],
    ['Projects', { kind: 'projects' }],
    ['undo', { kind: 'undo' }],
    ['UNDO', { kind: 'undo' }],
    ['list', { kind: 'list', date: today }],
    ['list today', { kind: 'list', date: today }],
    ['list yesterday', { kind: 'list', date: '2026-07-14' }],
    ['list fri', { kind: 'list', date: '2026-07-10' }],
    ['List Monday', { kind: 'list', date: '2026-07-13' }],
    ['list 2026-07-01', { kind: 'list', date: '2026-07-01' }],
  ])('reads “%s”', (text, expected) => {
    const result = parse(text)

    expect(result).toEqual(expected)
  })

  it.each([
    ['link ann@example.com', 'ann@example.com'],
    ['link Ann.Lee+time@example.co.uk', 'Ann.Lee+time@example.co.uk'],
    ['LINK 42', '42'],
    ['link 0', '0'],
    ['link 007', '7'],
    ['link <mailto:ann@example.com|ann@example.com>', 'ann@example.com'],
  ])('reads “%s” as a link to %s', (text, target) => {
    const result = parse(text)

    expect(result).toEqual({ kind: 'link', target })
  })

  it.each([
    ['link', `Tell me who you are in Enerpize. ${LINK_FORMS}`],
    ['link ann', `I couldn't read “ann” as an e-mail address or a staff id. ${LINK_FORMS}`],
    ['link ann@', `I couldn't read “ann@” as an e-mail address or a staff id. ${LINK_FORMS}`],
    ['link 4.2', `I couldn't read “4.2” as an e-mail address or a staff id. ${LINK_FORMS}`],
    ['link -3', `I couldn't read “-3” as an e-mail address or a staff id. ${LINK_FORMS}`],
    [
      'link 42 ann@example.com',
      `I couldn't read “42 ann@example.com” as one e-mail address or staff id. ${LINK_FORMS}`,
    ],
    ['list someday', `I couldn't read “someday” as a date. ${DATE_FORMS}`],
    ['list mon tue', `I couldn't read “mon tue” as one date. ${DATE_FORMS}`],
    ['list 2026-02-30', '“2026-02-30” is not a date on the calendar: February 2026 has 28 days.'],
    ['undo last', '“/time undo” takes nothing after it, so I did nothing with “last”.'],
    ['projects web', '“/time projects” takes nothing after it, so I did nothing with “web”.'],
  ])('refuses “%s”', (text, message) => {
    const result = parse(text)

    expect(result).toEqual({ kind: 'error', message })
  })
})

describe('parseTimeCommand: durations', () => {
  it.each([
    ['2h', 120, '2:00'],
    ['2H', 120, '2:00'],
    ['2hr', 120, '2:00'],
    ['2hrs', 120, '2:00'],
    ['2h30m', 150, '2:30'],
    ['2h 30m', 150, '2:30'],
    ['2 hours', 120, '2:00'],
    ['2 hrs 30 mins', 150, '2:30'],
    ['45m', 45, '0:45'],
    ['90m', 90, '1:30'],
    ['30min', 30, '0:30'],
    ['30mins', 30, '0:30'],
    ['1.5h', 90, '1:30'],
    ['1.5', 90, '1:30'],
    ['2:30', 150, '2:30'],
    ['24h', 1440, '24:00'],
  ])('reads the duration “%s” as %i minutes (%s)', (duration, minutes, time) => {
    const result = parse(duration)

    expect(result).toEqual(entry({ minutes, time }))
  })

  it.each([
    ['2x', "I couldn't read “2x” as a duration. Try 2h, 2h30m, 45m, 1.5h or 2:30."],
    ['h', "I couldn't read “h” as a duration. Try 2h, 2h30m, 45m, 1.5h or 2:30."],
    ['1.5.5 notes', "I couldn't read “1.5.5” as a duration. Try 2h, 2h30m, 45m, 1.5h or 2:30."],
    [
      'fixed the header',
      "I couldn't read “fixed” as a duration. Try 2h, 2h30m, 45m, 1.5h or 2:30.",
    ],
    ['0h', '“0h” is not a duration I can log: it must be more than zero.'],
    ['-1h fixed', '“-1h” is not a duration I can log: it must be more than zero.'],
    ['25h', '“25h” is more than 24 hours. Log each day on its own, at most 24h.'],
    ['24h01m', '“24h01m” is more than 24 hours. Log each day on its own, at most 24h.'],
    ['24h 1m', '“24h 1m” is more than 24 hours. Log each day on its own, at most 24h.'],
    [
      '2:75',
      'In “2:75” the minutes after the hours must be under 60. Try 2h, 2h30m, 45m, 1.5h or 2:30.',
    ],
  ])('refuses “%s”', (text, message) => {
    const result = parse(text)

    expect(result).toEqual({ kind: 'error', message })
  })

  it.each([
    ['yesterday 2h', 'The duration comes first: try “/time 2h yesterday”.'],
    ['mon 2h 30m fixed it', 'The duration comes first: try “/time 2h 30m mon …”.'],
    ['#website 45m', 'The duration comes first: try “/time 45m #website”.'],
  ])('shows “%s” with the duration first', (text, message) => {
    const result = parse(text)

    expect(result).toEqual({ kind: 'error', message })
  })

  it('keeps a bare number after the hours in the notes', () => {
    const result = parse('2h 30 pages proofread')

    expect(result).toEqual(entry({ minutes: 120, time: '2:00', notes: '30 pages proofread' }))
  })
})

describe('parseTimeCommand: dates', () => {
  it.each([
    ['2h', today],
    ['2h today', today],
    ['2h Today', today],
    ['2h yesterday', '2026-07-14'],
    ['2h YESTERDAY', '2026-07-14'],
    ['2h wed', today],
    ['2h wednesday', today],
    ['2h mon', '2026-07-13'],
    ['2h Monday', '2026-07-13'],
    ['2h tue', '2026-07-14'],
    ['2h thu', '2026-07-09'],
    ['2h fri', '2026-07-10'],
    ['2h FRIDAY', '2026-07-10'],
    ['2h sat', '2026-07-11'],
    ['2h sun', '2026-07-12'],
    ['2h sunday', '2026-07-12'],
    ['2h 2026-07-01', '2026-07-01'],
    ['2h 2024-02-29', '2024-02-29'],
    ['2h 30m yesterday', '2026-07-14'],
  ])('reads “%s” as a time entry on %s', (text, date) => {
    const result = parse(text)

    expect(result).toMatchObject({ kind: 'entry', date, notes: '' })
  })

  it.each([
    ['mon', '2026-07-13'],
    ['tue', '2026-07-14'],
    ['wed', '2026-07-15'],
    ['thu', '2026-07-16'],
    ['fri', '2026-07-17'],
    ['sat', '2026-07-18'],
    ['sun', '2026-07-19'],
  ])('reads “%s” on that weekday as today', (weekday, weekdayToday) => {
    const result = parseTimeCommand(`1h ${weekday}`, { today: weekdayToday })

    expect(result).toMatchObject({ kind: 'entry', date: weekdayToday })
  })

  it('reads a date written after the project and activity', () => {
    const result = parse('2h #website +design yesterday homepage')

    expect(result).toEqual(
      entry({
        minutes: 120,
        time: '2:00',
        date: '2026-07-14',
        project: 'website',
        activity: 'design',
        notes: 'homepage',
      }),
    )
  })

  it('keeps a date word that follows the notes in the notes', () => {
    const result = parse('2h fixed the bug from yesterday')

    expect(result).toEqual(
      entry({ minutes: 120, time: '2:00', notes: 'fixed the bug from yesterday' }),
    )
  })

  it.each([
    ['2h 2026-02-30', '“2026-02-30” is not a date on the calendar: February 2026 has 28 days.'],
    [
      '2h 2026-13-01 notes',
      '“2026-13-01” is not a date on the calendar: months run from 01 to 12.',
    ],
    ['2h 15/07/2026', "I couldn't read “15/07/2026” as a date. Write dates as YYYY-MM-DD."],
  ])('refuses the date in “%s”', (text, message) => {
    const result = parse(text)

    expect(result).toEqual({ kind: 'error', message })
  })

  it('refuses to guess when today is not a date', () => {
    const result = parseTimeCommand('2h', { today: '15/07/2026' })

    expect(errorMessage(result)).toBe(
      "I couldn't tell today's date (“15/07/2026”), so I logged nothing.",
    )
  })
})

describe('parseTimeCommand: project, activity and notes', () => {
  it.each([
    ['2h #website +design homepage', 'website', 'design', 'homepage'],
    ['2h +design #website homepage', 'website', 'design', 'homepage'],
    ['2h homepage #website +design', 'website', 'design', 'homepage'],
    ['2h homepage +design mock-ups #website', 'website', 'design', 'homepage mock-ups'],
    ['2h #website-redesign hero', 'website-redesign', undefined, 'hero'],
    ['2h #website_redesign hero', 'website_redesign', undefined, 'hero'],
    ['2h #Website +Design', 'Website', 'Design', ''],
    ['2h fixed header on #website, finally', 'website', undefined, 'fixed header on finally'],
    ['2h +calls', undefined, 'calls', ''],
  ])('reads “%s”', (text, project, activity, notes) => {
    const result = parse(text)

    expect(result).toEqual({
      kind: 'entry',
      minutes: 120,
      time: '2:00',
      date: today,
      ...(project === undefined ? {} : { project }),
      ...(activity === undefined ? {} : { activity }),
      notes,
    })
  })

  it('omits the project and activity when none is named', () => {
    const result = parse('1h planning')

    expect(result).not.toHaveProperty('project')
    expect(result).not.toHaveProperty('activity')
  })

  it.each([
    ['2h #website #api notes', `“#website” and “#api” ${ONE_PROJECT}`],
    ['2h #website fixed bug #42', `“#website” and “#42” ${ONE_PROJECT}`],
    ['2h +design notes +calls', `“+design” and “+calls” ${ONE_ACTIVITY}`],
    ['2h #web #web', `“#web” and “#web” ${ONE_PROJECT}`],
  ])('refuses a second sigil in “%s”', (text, message) => {
    const result = parse(text)

    expect(result).toEqual({ kind: 'error', message })
  })

  it.each([
    [
      '1h Fixed the header; tested on iOS & Android (v2.1)!',
      'Fixed the header; tested on iOS & Android (v2.1)!',
    ],
    ['1h "quoted" and \'single\' — dashes… ok?', '"quoted" and \'single\' — dashes… ok?'],
    ['1h Réunion avec l’équipe à Zürich', 'Réunion avec l’équipe à Zürich'],
    ['1h اجتماع مع العميل', 'اجتماع مع العميل'],
    ['1h 会议记录 🚀 done', '会议记录 🚀 done'],
    ['1h a + b # c', 'a + b # c'],
    ['1h C# and C++ review', 'C# and C++ review'],
    ['1h   spaced    out   ', 'spaced    out'],
    ['1h line one\nline two', 'line one\nline two'],
    ['1h\u00a0non-breaking\u00a0spaces', 'non-breaking\u00a0spaces'],
  ])('keeps the notes of “%s” as written', (text, notes) => {
    const result = parse(text)

    expect(result).toEqual(entry({ minutes: 60, time: '1:00', notes }))
  })

  it('decodes the characters Slack escapes', () => {
    const result = parse('1h R&amp;D on &lt;header&gt; &amp;amp; more')

    expect(result).toEqual(
      entry({ minutes: 60, time: '1:00', notes: 'R&D on <header> &amp; more' }),
    )
  })

  it('reads a project from a channel reference Slack sent in its place', () => {
    const result = parse('1h <#C024BE7LR|website> see <https://example.com/a|example.com/a>')

    expect(result).toEqual(
      entry({ minutes: 60, time: '1:00', project: 'website', notes: 'see example.com/a' }),
    )
  })
})

describe('parseTimeCommand: properties', () => {
  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const run = () => parse(text)

        expect(run).not.toThrow()
      }),
      { numRuns: 2000 },
    )
  })

  it('never throws for commands built from the grammar’s own words', () => {
    const word = fc.constantFrom(
      '2h',
      '30m',
      '1.5',
      '2:30',
      '-1h',
      '25h',
      'h',
      'hours',
      'min',
      'yesterday',
      'mon',
      'Friday',
      '2026-02-30',
      '2026-07-01',
      '3/7/2026',
      '#web',
      '#',
      '+design',
      '+',
      'link',
      'list',
      'undo',
      'projects',
      'help',
      'notes',
      '&amp;',
      '<#C1|web>',
      '<@U1>',
      '<',
      '>',
      '|',
      ' ',
      '\n',
      'é',
    )
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 8 }),
        fc.constantFrom(' ', '  ', '\t'),
        (words, gap) => {
          const result = parse(words.join(gap))

          expect(['help', 'link', 'projects', 'undo', 'list', 'entry', 'error']).toContain(
            result.kind,
          )
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('gives every entry a whole duration of 1 to 1440 minutes and its H:MM time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100, max: 2000 }),
        fc.stringMatching(/^[a-z ]{0,20}$/),
        (minutes, notes) => {
          const result = parse(`${minutes}m ${notes}`)

          if (result.kind === 'entry') {
            expect(result.minutes).toBe(minutes)
            expect(result.time).toBe(
              `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`,
            )
          } else {
            expect(minutes < 1 || minutes > 1440).toBe(true)
          }
        },
      ),
    )
  })
})
