/**
 * The Levenshtein distance between two strings: how many single-character insertions, deletions
 * and substitutions turn one into the other. Characters are Unicode code points, so a letter
 * outside the Basic Multilingual Plane counts once.
 *
 * @example editDistance('webiste', 'website') // 2
 */
export function editDistance(a: string, b: string): number {
  return distance(Array.from(a), Array.from(b), false, Number.POSITIVE_INFINITY)
}

/**
 * The fewest single-character edits that turn `query` into some run of consecutive characters
 * of `text`: zero when `text` contains `query`, one for a query with one typo in it. Past `max`
 * it stops counting and returns `max + 1`, so a long list of far-off names costs little.
 *
 * @example substringDistance('desgin', 'productdesign') // 2
 */
export function substringDistance(
  query: string,
  text: string,
  max = Number.POSITIVE_INFINITY,
): number {
  return distance(Array.from(query), Array.from(text), true, max)
}

/**
 * The Wagner–Fischer table, two rows at a time: cell `j` of row `i` holds the distance from the
 * first `i` characters of `a` to the first `j` of `b`. With `anywhere` (Sellers' variant for
 * approximate matching), skipping the start of `b` is free (the first row is all zeros), so the
 * cell holds the distance to the best run of `b` ending at `j`, and skipping its end is free too
 * (the answer is the smallest cell of the last row). No row's smallest cell is below the previous
 * row's, so once one is past `max` the answer is too.
 */
function distance(
  a: readonly string[],
  b: readonly string[],
  anywhere: boolean,
  max: number,
): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => (anywhere ? 0 : j))
  let current = new Array<number>(b.length + 1).fill(0)

  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    let smallest = i
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      const deletion = (previous[j] ?? 0) + 1
      const insertion = (current[j - 1] ?? 0) + 1
      const cell = Math.min(substitution, deletion, insertion)
      current[j] = cell
      smallest = Math.min(smallest, cell)
    }
    if (smallest > max) return max + 1
    ;[previous, current] = [current, previous]
  }

  const found = anywhere
    ? previous.reduce((least, cell) => Math.min(least, cell))
    : (previous[b.length] ?? 0)
  return Math.min(found, max + 1)
}
