import { describe, expect, it } from 'vitest'
import { matchName, normaliseName } from '../../../functions/slack/match-name'

const projects = [
  { id: '31', name: 'Website Redesign' },
  { id: '32', name: 'Website Maintenance' },
  { id: '40', name: 'Mobile App' },
  { id: '41', name: 'Internal' },
  { id: '42', name: 'Support' },
  { id: '43', name: 'Support Calls' },
  { id: '50', name: 'R&D' },
]

describe('matchName', () => {
  it.each([
    ['Mobile App', '40'],
    ['mobile app', '40'],
    ['MOBILE APP', '40'],
    ['mobileapp', '40'],
    ['mobile-app', '40'],
    ['mobile_app', '40'],
    ['Mobile–App', '40'],
    ['website-redesign', '31'],
    ['Website_Redesign', '31'],
    ['r&d', '50'],
    ['ｍｏｂｉｌｅ ａｐｐ', '40'],
  ])('matches “%s” to id %s, ignoring case, spaces, dashes and underscores', (query, id) => {
    const result = matchName(query, projects)

    expect(result).toMatchObject({ kind: 'match', id })
  })

  it('prefers an exact name to a longer one that starts with it', () => {
    const result = matchName('support', projects)

    expect(result).toEqual({ kind: 'match', id: '42', name: 'Support' })
  })

  it.each([
    ['mob', '40', 'Mobile App'],
    ['inter', '41', 'Internal'],
    ['websiter', '31', 'Website Redesign'],
    ['website-m', '32', 'Website Maintenance'],
    ['supportc', '43', 'Support Calls'],
  ])('matches “%s” as the only name it starts', (query, id, name) => {
    const result = matchName(query, projects)

    expect(result).toEqual({ kind: 'match', id, name })
  })

  it('finds a start that names one project only when no other starts that way', () => {
    const result = matchName('website', [{ id: '31', name: 'Website Redesign' }])

    expect(result).toEqual({ kind: 'match', id: '31', name: 'Website Redesign' })
  })

  it('lists every name a shared start could mean', () => {
    const result = matchName('website', projects)

    expect(result).toEqual({
      kind: 'ambiguous',
      candidates: [
        { id: '31', name: 'Website Redesign' },
        { id: '32', name: 'Website Maintenance' },
      ],
    })
  })

  it('lists names that are the same once normalised', () => {
    const names = [
      { id: '1', name: 'Web Site' },
      { id: '2', name: 'web-site' },
    ]

    const result = matchName('website', names)

    expect(result).toEqual({ kind: 'ambiguous', candidates: names })
  })

  it('treats a name listed twice under one id as one', () => {
    const names = [
      { id: '7', name: 'Design' },
      { id: '7', name: 'Design' },
      { id: '8', name: 'Design Review' },
    ]

    const result = matchName('design', names)

    expect(result).toEqual({ kind: 'match', id: '7', name: 'Design' })
  })

  it('suggests the names a typo is close to', () => {
    const result = matchName('webiste', projects)

    expect(result).toEqual({
      kind: 'unknown',
      closest: [
        { id: '31', name: 'Website Redesign' },
        { id: '32', name: 'Website Maintenance' },
      ],
    })
  })

  it('suggests names containing the query before names a few edits away', () => {
    const names = [
      { id: '1', name: 'Maintenence' },
      { id: '2', name: 'Website Maintenance' },
      { id: '3', name: 'Server Maintenance' },
    ]

    const result = matchName('maintenance', names)

    expect(result).toEqual({
      kind: 'unknown',
      closest: [
        { id: '3', name: 'Server Maintenance' },
        { id: '2', name: 'Website Maintenance' },
        { id: '1', name: 'Maintenence' },
      ],
    })
  })

  it('suggests a name holding the query with a typo inside it', () => {
    const names = [
      { id: '1', name: 'Product Design' },
      { id: '2', name: 'Marketing' },
    ]

    const result = matchName('desgin', names)

    expect(result).toEqual({ kind: 'unknown', closest: [{ id: '1', name: 'Product Design' }] })
  })

  it('suggests only names holding a short query, not names one letter away', () => {
    const names = [
      { id: '1', name: 'Abacus' },
      { id: '2', name: 'Quebec' },
      { id: '3', name: 'Zoo' },
    ]

    const result = matchName('qa', names)

    expect(result).toEqual({ kind: 'unknown', closest: [] })
  })

  it('suggests at most five names', () => {
    const names = Array.from({ length: 8 }, (_, i) => ({
      id: String(i),
      name: `Client ${i} Audit`,
    }))

    const result = matchName('audit', names)

    expect(result).toEqual({ kind: 'unknown', closest: names.slice(0, 5) })
  })

  it('suggests nothing for a name unlike any other', () => {
    const result = matchName('zzzzzz', projects)

    expect(result).toEqual({ kind: 'unknown', closest: [] })
  })

  it('matches nothing for a query that is only separators', () => {
    const result = matchName(' -_ ', projects)

    expect(result).toEqual({ kind: 'unknown', closest: [] })
  })

  it('matches nothing in an empty list', () => {
    const result = matchName('website', [])

    expect(result).toEqual({ kind: 'unknown', closest: [] })
  })

  it('returns the caller’s own objects as candidates', () => {
    const names = [
      { id: '1', name: 'Design', colour: 'red' },
      { id: '2', name: 'Design Review', colour: 'blue' },
    ]

    const result = matchName('des', names)

    expect(result).toEqual({ kind: 'ambiguous', candidates: names })
  })
})

describe('normaliseName', () => {
  it.each([
    ['Website Redesign', 'websiteredesign'],
    ['  website_re-design ', 'websiteredesign'],
    ['Ｗｅｂ', 'web'],
    ['Café', 'café'],
  ])('normalises “%s” to “%s”', (name, key) => {
    const normalised = normaliseName(name)

    expect(normalised).toBe(key)
  })

  it('compares a composed letter equal to its decomposed form', () => {
    const composed = normaliseName('Caf\u00e9')
    const decomposed = normaliseName('Cafe\u0301')

    expect(composed).toBe(decomposed)
  })
})
