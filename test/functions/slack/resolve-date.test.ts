import { describe, expect, it } from 'vitest'
import { isIsoDate, readDate, resolveDate } from '../../../functions/slack/resolve-date'

/** A Wednesday. */
const WEDNESDAY = '2026-07-15'

/** The week of 2026-07-13, Monday to Sunday, by short and full name. */
const WEEK = [
  ['mon', 'monday', '2026-07-13'],
  ['tue', 'tuesday', '2026-07-14'],
  ['wed', 'wednesday', '2026-07-15'],
  ['thu', 'thursday', '2026-07-16'],
  ['fri', 'friday', '2026-07-17'],
  ['sat', 'saturday', '2026-07-18'],
  ['sun', 'sunday', '2026-07-19'],
] as const

describe('resolveDate', () => {
  it.each([
    ['today', WEDNESDAY],
    ['Today', WEDNESDAY],
    ['TODAY', WEDNESDAY],
    ['yesterday', '2026-07-14'],
    ['Yesterday', '2026-07-14'],
  ])('resolves “%s” on a Wednesday to %s', (word, date) => {
    const resolved = resolveDate(word, WEDNESDAY)

    expect(resolved).toBe(date)
  })

  it.each(WEEK)('resolves “%s” and “%s” to today on that weekday', (short, full, today) => {
    const resolved = [short, full, short.toUpperCase(), full.toUpperCase()].map((word) =>
      resolveDate(word, today),
    )

    expect(resolved).toEqual([today, today, today, today])
  })

  it.each([
    ['mon', '2026-07-13'],
    ['Monday', '2026-07-13'],
    ['tue', '2026-07-14'],
    ['tues', '2026-07-14'],
    ['TUESDAY', '2026-07-14'],
    ['thu', '2026-07-09'],
    ['thurs', '2026-07-09'],
    ['Thursday', '2026-07-09'],
    ['fri', '2026-07-10'],
    ['friday', '2026-07-10'],
    ['sat', '2026-07-11'],
    ['Saturday', '2026-07-11'],
    ['sun', '2026-07-12'],
    ['sunday', '2026-07-12'],
  ])('resolves “%s” on a Wednesday to the most recent one, %s', (word, date) => {
    const resolved = resolveDate(word, WEDNESDAY)

    expect(resolved).toBe(date)
  })

  it.each([
    ['yesterday', '2026-03-01', '2026-02-28'],
    ['yesterday', '2028-03-01', '2028-02-29'],
    ['yesterday', '2027-01-01', '2026-12-31'],
    ['sun', '2026-01-01', '2025-12-28'],
    ['sat', '2026-03-02', '2026-02-28'],
  ])('resolves “%s” on %s across a month or year to %s', (word, today, date) => {
    const resolved = resolveDate(word, today)

    expect(resolved).toBe(date)
  })

  it.each(['2026-07-01', '2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31', '2027-01-05'])(
    'resolves the ISO date %s to itself',
    (iso) => {
      const resolved = resolveDate(iso, WEDNESDAY)

      expect(resolved).toBe(iso)
    },
  )

  it.each(['fixed', 'mo', 'tomorrow', 'week', '2h', '#web', '', '20260715', 'yesterday!'])(
    'resolves no date from “%s”',
    (word) => {
      const resolved = resolveDate(word, WEDNESDAY)

      expect(resolved).toBeUndefined()
    },
  )

  it('resolves no relative date when today is not a date', () => {
    const resolved = ['today', 'yesterday', 'mon'].map((word) => resolveDate(word, '2026-02-30'))

    expect(resolved).toEqual([undefined, undefined, undefined])
  })
})

describe('readDate', () => {
  it.each([
    ['2026-02-30', '“2026-02-30” is not a date on the calendar: February 2026 has 28 days.'],
    ['2026-02-29', '“2026-02-29” is not a date on the calendar: February 2026 has 28 days.'],
    ['1900-02-29', '“1900-02-29” is not a date on the calendar: February 1900 has 28 days.'],
    ['2026-04-31', '“2026-04-31” is not a date on the calendar: April 2026 has 30 days.'],
    ['2026-07-00', '“2026-07-00” is not a date on the calendar: July 2026 has 31 days.'],
    ['2026-13-01', '“2026-13-01” is not a date on the calendar: months run from 01 to 12.'],
    ['2026-00-10', '“2026-00-10” is not a date on the calendar: months run from 01 to 12.'],
    ['3/7/2026', "I couldn't read “3/7/2026” as a date. Write dates as YYYY-MM-DD."],
    ['2026-7-3', "I couldn't read “2026-7-3” as a date. Write dates as YYYY-MM-DD."],
    ['2026/07/03', "I couldn't read “2026/07/03” as a date. Write dates as YYYY-MM-DD."],
  ])('refuses “%s” with a message', (word, error) => {
    const reading = readDate(word, WEDNESDAY)

    expect(reading).toEqual({ error })
  })

  it('tells a word that is no date from a wrong date', () => {
    const reading = readDate('notes', WEDNESDAY)

    expect(reading).toBeUndefined()
  })
})

describe('isIsoDate', () => {
  it.each([
    ['2026-07-15', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-7-15', false],
    ['15/07/2026', false],
    ['', false],
  ])('says %s is a date: %s', (text, expected) => {
    const answer = isIsoDate(text)

    expect(answer).toBe(expected)
  })
})
