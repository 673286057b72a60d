import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { editDistance, substringDistance } from '../../../functions/slack/edit-distance'

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['website', 'website', 0],
    ['webiste', 'website', 2],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['design', 'desgin', 2],
    ['😀a', '😀b', 1],
    ['😀', 'a', 1],
  ])('counts the edits from “%s” to “%s” as %i', (a, b, distance) => {
    const counted = editDistance(a, b)

    expect(counted).toBe(distance)
  })

  it('counts the same either way round', () => {
    const there = editDistance('maintenance', 'maintain')
    const back = editDistance('maintain', 'maintenance')

    expect(there).toBe(back)
  })
})

describe('substringDistance', () => {
  it.each([
    ['design', 'productdesign', 0],
    ['desgin', 'productdesign', 2],
    ['webiste', 'websiteredesign', 2],
    ['redesgn', 'websiteredesign', 1],
    ['websitex', 'website', 1],
    ['', 'anything', 0],
    ['abc', '', 3],
    ['zzzz', 'website', 4],
  ])('counts the edits from “%s” to the closest run of “%s” as %i', (query, text, distance) => {
    const counted = substringDistance(query, text)

    expect(counted).toBe(distance)
  })

  it('stops counting past the most it is asked for', () => {
    const counted = substringDistance('zzzzzzzz', 'website', 2)

    expect(counted).toBe(3)
  })

  it('counts exactly up to the most it is asked for', () => {
    const counted = substringDistance('desgin', 'productdesign', 2)

    expect(counted).toBe(2)
  })

  it('is never more than the distance to the whole text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (query, text) => {
        const anywhere = substringDistance(query, text)

        expect(anywhere).toBeLessThanOrEqual(editDistance(query, text))
      }),
    )
  })
})
