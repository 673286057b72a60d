import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  durationWordCount,
  formatHours,
  parseDuration,
  type DurationResult,
} from '../../../functions/slack/parse-duration'

const FORMS = 'Try 2h, 2h30m, 45m, 1.5h or 2:30.'

function minutesOf(result: DurationResult): number {
  if ('error' in result) throw new Error(`expected minutes, got: ${result.error}`)
  return result.minutes
}

describe('parseDuration', () => {
  it.each([
    ['2h', 120],
    ['2H', 120],
    ['2hr', 120],
    ['2hrs', 120],
    ['2HRS', 120],
    ['2 hours', 120],
    ['1 hour', 60],
    ['2h30m', 150],
    ['2H30M', 150],
    ['2h 30m', 150],
    ['2h30', 150],
    ['2hrs 30mins', 150],
    ['2 hours 30 minutes', 150],
    ['45m', 45],
    ['90m', 90],
    ['30min', 30],
    ['30mins', 30],
    ['30MIN', 30],
    ['1 minute', 1],
    ['1.5h', 90],
    ['1.5', 90],
    ['1,5h', 90],
    ['.5h', 30],
    ['0.25', 15],
    ['2', 120],
    ['2:30', 150],
    ['0:45', 45],
    ['24:00', 1440],
    ['24h', 1440],
    ['1440m', 1440],
    ['1.01h', 61],
    ['1.5m', 2],
    ['  2h  ', 120],
  ])('reads “%s” as %i minutes', (text, minutes) => {
    const result = parseDuration(text)

    expect(result).toEqual({ minutes })
  })

  it.each([
    ['2x', "I couldn't read “2x” as a duration. Try 2h, 2h30m, 45m, 1.5h or 2:30."],
    ['h', "I couldn't read “h” as a duration. Try 2h, 2h30m, 45m, 1.5h or 2:30."],
    ['1.5.5', "I couldn't read “1.5.5” as a duration. Try 2h, 2h30m, 45m, 1.5h or 2:30."],
    ['', "I couldn't read “” as a duration. Try 2h, 2h30m, 45m, 1.5h or 2:30."],
    ['+2h', "I couldn't read “+2h” as a duration. Try 2h, 2h30m, 45m, 1.5h or 2:30."],
    ['2:5', "I couldn't read “2:5” as a duration. Try 2h, 2h30m, 45m, 1.5h or 2:30."],
    ['1 5', "I couldn't read “1 5” as a duration. Try 2h, 2h30m, 45m, 1.5h or 2:30."],
    ['2h 30', "I couldn't read “2h 30” as a duration. Try 2h, 2h30m, 45m, 1.5h or 2:30."],
    ['1.5h30m', "I couldn't read “1.5h30m” as a duration. Try 2h, 2h30m, 45m, 1.5h or 2:30."],
    ['2 days', "I couldn't read “2 days” as a duration. Try 2h, 2h30m, 45m, 1.5h or 2:30."],
    ['0h', '“0h” is not a duration I can log: it must be more than zero.'],
    ['0', '“0” is not a duration I can log: it must be more than zero.'],
    ['0:00', '“0:00” is not a duration I can log: it must be more than zero.'],
    ['-1h', '“-1h” is not a duration I can log: it must be more than zero.'],
    ['\u22121h', '“\u22121h” is not a duration I can log: it must be more than zero.'],
    ['0.2m', '“0.2m” is under half a minute; time is logged in whole minutes.'],
    ['25h', '“25h” is more than 24 hours. Log each day on its own, at most 24h.'],
    ['24h01m', '“24h01m” is more than 24 hours. Log each day on its own, at most 24h.'],
    ['24:01', '“24:01” is more than 24 hours. Log each day on its own, at most 24h.'],
    ['1441m', '“1441m” is more than 24 hours. Log each day on its own, at most 24h.'],
    [
      '2:75',
      'In “2:75” the minutes after the hours must be under 60. Try 2h, 2h30m, 45m, 1.5h or 2:30.',
    ],
    [
      '2h75m',
      'In “2h75m” the minutes after the hours must be under 60. Try 2h, 2h30m, 45m, 1.5h or 2:30.',
    ],
  ])('refuses “%s”', (text, error) => {
    const result = parseDuration(text)

    expect(result).toEqual({ error })
  })

  it('shortens a long fragment in its message', () => {
    const text = 'x'.repeat(200)

    const result = parseDuration(text)

    expect(result).toEqual({
      error: `I couldn't read “${'x'.repeat(39)}…” as a duration. ${FORMS}`,
    })
  })

  it('round-trips every whole minute from 1 to 1440 through formatHours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1440 }), (minutes) => {
        const time = formatHours(minutes)

        expect(formatHours(minutesOf(parseDuration(time)))).toBe(time)
      }),
    )
  })

  it('returns whole minutes from 1 to 1440 or a message for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseDuration(text)

        if ('error' in result) expect(result.error).not.toBe('')
        else expect(Number.isInteger(result.minutes) && result.minutes >= 1).toBe(true)
        if (!('error' in result)) expect(result.minutes).toBeLessThanOrEqual(1440)
      }),
    )
  })
})

describe('formatHours', () => {
  it.each([
    [0, '0:00'],
    [1, '0:01'],
    [45, '0:45'],
    [60, '1:00'],
    [150, '2:30'],
    [599, '9:59'],
    [1440, '24:00'],
  ])('formats %i minutes as %s', (minutes, time) => {
    const formatted = formatHours(minutes)

    expect(formatted).toBe(time)
    expect(formatted).toMatch(/^\d{1,}:\d{2}$/)
  })

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d minutes', (minutes) => {
    const format = () => formatHours(minutes)

    expect(format).toThrow(RangeError)
  })
})

describe('durationWordCount', () => {
  it.each([
    [['2h', '30m', 'notes'], 2],
    [['2', 'hours', 'notes'], 2],
    [['2', 'hrs', '30', 'min', 'notes'], 4],
    [['2h', '30', 'pages'], 1],
    [['2h', 'yesterday'], 1],
    [['2', 'yesterday'], 1],
    [['1', '5m'], 1],
    [['2h'], 1],
    [['2x', 'h'], 1],
  ])('counts %j as %i words of duration', (words, count) => {
    const counted = durationWordCount(words)

    expect(counted).toBe(count)
  })
})
