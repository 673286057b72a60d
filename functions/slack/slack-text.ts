/** Slack escapes exactly these three characters in the text it sends; nothing else. */
const ENTITIES = new Map([
  ['&amp;', '&'],
  ['&lt;', '<'],
  ['&gt;', '>'],
])

/**
 * Turns the `text` of a slash command into what the user typed.
 *
 * Slack sends `&`, `<` and `>` as `&amp;`, `&lt;` and `&gt;`, and, when the command escapes
 * channels, users and links, it rewrites them as references: `<#C024BE7LR|general>`,
 * `<@U024BE7LH|bob>`, `<mailto:ann@example.com|ann@example.com>`, `<https://example.com>`. Each
 * reference becomes the text it shows, and only then are entities decoded, in a single pass, so
 * that an `&lt;` the user typed never turns into a reference and `&amp;lt;` stays `&lt;`.
 *
 * @example plainText('<#C024BE7LR|website> R&amp;D') // '#website R&D'
 */
export function plainText(text: string): string {
  return text
    .replace(/<([^<>]*)>/gu, (_, reference: string) => showReference(reference))
    .replace(/&(?:amp|lt|gt);/gu, (entity) => ENTITIES.get(entity) ?? entity)
}

/** The text a Slack reference (the part between `<` and `>`) shows in the client. */
function showReference(reference: string): string {
  const bar = reference.indexOf('|')
  const target = bar === -1 ? reference : reference.slice(0, bar)
  const label = bar === -1 ? '' : reference.slice(bar + 1)

  if (target.startsWith('#')) return `#${label || target.slice(1)}`
  if (target.startsWith('@')) return `@${label || target.slice(1)}`
  // Special mentions: `<!here>`, `<!subteam^S0123|@design>`, `<!date^1392734382^{date}|Feb 18>`.
  if (target.startsWith('!')) return label || `@${target.slice(1).split('^')[0] ?? ''}`
  return label || target.replace(/^mailto:/u, '')
}
