/** A person's name in Enerpize's two fields. */
export interface SplitName {
  readonly first?: string
  readonly last?: string
}

// Words that belong to the family name after them, in any case: "van der Berg", "de la Cruz",
// "bin Zayed", "Al Amin".
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'dos',
  'das',
  'du',
  'la',
  'le',
  'ter',
  'ten',
  'bin',
  'ibn',
  'al',
  'el',
  'st',
  'st.',
  'mac',
])

/**
 * Splits a full name into first and last name. `Lovelace, Ada` is read as family name first;
 * otherwise the last word is the family name, together with any particles before it
 * (`Ludwig van Beethoven` → `Ludwig` / `van Beethoven`), and everything before it is the first
 * name (`Mary Ann Smith` → `Mary Ann` / `Smith`). One word is a first name alone.
 */
export function splitName(fullName: string): SplitName {
  const comma = fullName.split(',').map((part) => part.trim())
  if (comma.length === 2 && comma[0] !== '' && comma[1] !== '') {
    return { first: collapse(comma[1] ?? ''), last: collapse(comma[0] ?? '') }
  }

  const words = collapse(fullName)
    .split(' ')
    .filter((word) => word !== '')
  if (words.length === 0) return {}
  if (words.length === 1) return { first: words[0] ?? '' }

  let start = words.length - 1
  while (start > 1 && PARTICLES.has((words[start - 1] ?? '').toLowerCase())) start -= 1
  return { first: words.slice(0, start).join(' '), last: words.slice(start).join(' ') }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
