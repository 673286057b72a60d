/** Longest fragment of the user's text an error message repeats, in characters. */
const MAX_SHOWN = 40

/**
 * Quotes a fragment of what the user typed for an error message, cut short when long, so a
 * reply shows exactly which part of the command was not understood.
 *
 * @example quote('2x') // '“2x”'
 */
export function quote(fragment: string): string {
  const characters = Array.from(fragment)
  const shown =
    characters.length > MAX_SHOWN ? `${characters.slice(0, MAX_SHOWN - 1).join('')}…` : fragment
  return `“${shown}”`
}
