import type { EventStatus } from '../../pipeline/events'

/** A time as the account's people read it: its own time zone, day month year. */
export function formatTime(iso: string, timezone: string): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(at)
}

/** What each status means, for the badge's tooltip and the detail page. */
export const STATUS_MEANING: Readonly<Record<EventStatus, string>> = {
  queued: 'waiting for delivery or a retry',
  delivered: 'Enerpize has it',
  duplicate: 'a repeat, answered from an earlier event',
  failed: 'Enerpize refused it; retrying cannot help',
  dead: 'retries exhausted',
}

/** `/admin` with the listing's filters (and a cursor), leaving out what is unset. */
export function listHref(params: Readonly<Record<string, string | undefined>>): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, value)
  }
  const text = query.toString()
  return text === '' ? '/admin' : `/admin?${text}`
}
