/**
 * First and last name from one "full name" field: the last word is the last name, the rest the
 * first name ("Mary Ann Smith" → "Mary Ann" and "Smith"). One word is a first name alone.
 */
export function splitName(full: string | undefined): { first?: string; last?: string } {
  const words = (full ?? '').trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return {}
  if (words.length === 1) return { first: words[0] ?? '' }
  return { first: words.slice(0, -1).join(' '), last: words.at(-1) ?? '' }
}
