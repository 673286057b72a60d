/** A time entry as `/time list` shows it. */
export interface ListedEntry {
  readonly id: string
  readonly time: string
  readonly project: string
  readonly activity: string
  readonly notes: string
}

/**
 * The bridge's Slack messages. Every answer is ephemeral: only the person who typed the command
 * sees it. Text is mrkdwn; names a person typed are escaped so they cannot ping anyone.
 */
export interface SlackMessage {
  readonly response_type: 'ephemeral' | 'in_channel'
  readonly text: string
  readonly blocks?: readonly unknown[]
  readonly replace_original?: boolean
}

/** Escapes the three characters Slack gives meaning to in message text. */
export function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

export function ephemeral(text: string): SlackMessage {
  return { response_type: 'ephemeral', text }
}

/** "Mon 1 Dec 2026" from `YYYY-MM-DD`, in no time zone (the date is already local). */
export function readableDate(date: string): string {
  const parsed = new Date(`${date}T12:00:00Z`)
  if (Number.isNaN(parsed.getTime())) return date
  return parsed.toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

export const UNDO_ACTION = 'undo_time_entry'

/** The confirmation posted once Enerpize has the entry, with an Undo button. */
export function entryLogged(entry: {
  id: string
  time: string
  date: string
  project: string
  activity: string
  notes: string
}): SlackMessage {
  const notes = entry.notes === '' ? '' : ` — ${escapeText(entry.notes)}`
  const text =
    `:white_check_mark: Logged *${entry.time}* on *${escapeText(entry.project)}* · ` +
    `${escapeText(entry.activity)} for ${readableDate(entry.date)}${notes} (Enerpize entry #${entry.id})`
  return {
    response_type: 'ephemeral',
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: UNDO_ACTION,
            text: { type: 'plain_text', text: 'Undo' },
            style: 'danger',
            value: entry.id,
          },
        ],
      },
    ],
  }
}

export function entryList(date: string, entries: readonly ListedEntry[]): SlackMessage {
  if (entries.length === 0) return ephemeral(`You have no entries on ${readableDate(date)}.`)
  const total = entries.reduce((sum, e) => sum + minutesOf(e.time), 0)
  const lines = entries.map(
    (e) =>
      `• *${e.time}* ${escapeText(e.project)} · ${escapeText(e.activity)}` +
      `${e.notes === '' ? '' : ` — ${escapeText(e.notes)}`} (#${e.id})`,
  )
  return ephemeral(
    `Your entries on ${readableDate(date)} (${hoursOf(total)} in all):\n${lines.join('\n')}`,
  )
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

function hoursOf(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`
}

export function namedList(
  title: string,
  sigil: string,
  names: readonly { name: string }[],
): string {
  if (names.length === 0) return `*${title}*: none in Enerpize yet.`
  return `*${title}*\n${names.map((n) => `• ${sigil}${escapeText(compactName(n.name))}  (${escapeText(n.name)})`).join('\n')}`
}

/** How a name is typed after a sigil: spaces become dashes. */
export function compactName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '-')
}
