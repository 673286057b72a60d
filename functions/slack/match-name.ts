import { substringDistance } from './edit-distance'

/** Anything with an id and a name a person types: a project, an activity. */
export interface NamedItem {
  readonly id: string
  readonly name: string
}

/** What a typed name refers to among the account's names. */
export type NameMatch<T extends NamedItem> =
  | { readonly kind: 'match'; readonly id: string; readonly name: string }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly T[] }
  | { readonly kind: 'unknown'; readonly closest: readonly T[] }

/** How many near names an unknown one suggests. */
const MAX_CLOSEST = 5

/**
 * Finds the item a person means by `query`, as typed after `#` or `+`.
 *
 * Names compare without regard to case, spaces, dashes and underscores, so `website-redesign`,
 * `Website_Redesign` and `websiteredesign` all name "Website Redesign". A name that equals the
 * query wins; otherwise a query that starts exactly one name is enough (`website` with only
 * "Website Redesign"), and one that starts several is ambiguous, listing them all. Anything else
 * is unknown, with up to five of the closest names: those containing the query first, then those
 * holding it with a typing slip or two (Levenshtein distance to their closest run of letters).
 *
 * @example
 * matchName('web', [{ id: '31', name: 'Website Redesign' }])
 * // { kind: 'match', id: '31', name: 'Website Redesign' }
 */
export function matchName<T extends NamedItem>(query: string, names: readonly T[]): NameMatch<T> {
  const wanted = normaliseName(query)
  if (wanted === '') return { kind: 'unknown', closest: [] }
  const keyed = names.map((item) => ({ item, key: normaliseName(item.name) }))

  const exact = settle(keyed.filter(({ key }) => key === wanted).map(({ item }) => item))
  if (exact !== undefined) return exact

  const started = settle(keyed.filter(({ key }) => key.startsWith(wanted)).map(({ item }) => item))
  if (started !== undefined) return started

  return { kind: 'unknown', closest: closest(wanted, keyed) }
}

/** One item found is a match and several are ambiguous; none settles nothing. */
function settle<T extends NamedItem>(found: readonly T[]): NameMatch<T> | undefined {
  const items = distinctIds(found)
  const [only, ...others] = items
  if (only === undefined) return undefined
  if (others.length > 0) return { kind: 'ambiguous', candidates: items }
  return { kind: 'match', id: only.id, name: only.name }
}

/**
 * A name as compared: NFKC-normalised (so full-width and composed letters equal their plain
 * forms), lower case, without whitespace, dashes or underscores.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\p{Pd}]+/gu, '')
}

/** The same item listed twice (one id) is one candidate, not an ambiguity. */
function distinctIds<T extends NamedItem>(items: readonly T[]): T[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    if (seen.has(item.id)) return false
    seen.add(item.id)
    return true
  })
}

/**
 * Names near `wanted`: those containing it, earliest occurrence first; then those with a run of
 * letters a few typing slips from it (`desgin` in "Product Design"), nearest first. One slip in
 * three letters is as far as a suggestion goes, so a short query suggests only names holding it.
 */
function closest<T extends NamedItem>(
  wanted: string,
  keyed: readonly { readonly item: T; readonly key: string }[],
): T[] {
  const limit = Math.floor(Array.from(wanted).length / 3)

  const scored = keyed.map(({ item, key }, order) => {
    const position = key.indexOf(wanted)
    const distance = position === -1 ? substringDistance(wanted, key, limit) : 0
    return { item, order, position, distance }
  })

  const contains = scored
    .filter(({ position }) => position !== -1)
    .sort((a, b) => a.position - b.position || a.order - b.order)
  const near = scored
    .filter(({ position, distance }) => position === -1 && distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.order - b.order)

  return distinctIds([...contains, ...near].map(({ item }) => item)).slice(0, MAX_CLOSEST)
}
