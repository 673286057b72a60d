import type { EnerpizeClient } from '../enerpize'
import { normaliseEmail } from '../pipeline/executors/client'

const CACHE_KEY = 'calendar:staff-by-email'
// Staff change rarely; a new member's bookings are matched within ten minutes.
const CACHE_TTL_SECONDS = 10 * 60

/**
 * The ids of the active staff members with any of `emails` (case-insensitive), in the order
 * the e-mails are given. Enerpize documents no e-mail filter on its staff list, so the whole
 * list is read and kept in KV for a few minutes as e-mail → id.
 */
export async function staffIdsFor(
  ctx: { readonly enerpize: EnerpizeClient; readonly kv: KVNamespace },
  emails: readonly string[],
): Promise<number[]> {
  if (emails.length === 0) return []

  let directory = await ctx.kv.get<Record<string, number>>(CACHE_KEY, 'json')
  if (directory === null) {
    directory = {}
    for await (const staff of ctx.enerpize.staff.iterate({ limit: 1000 })) {
      const email = normaliseEmail(staff.email_address ?? '')
      if (email !== '' && staff.active !== false && !(email in directory)) {
        directory[email] = Number(staff.id)
      }
    }
    await ctx.kv.put(CACHE_KEY, JSON.stringify(directory), { expirationTtl: CACHE_TTL_SECONDS })
  }

  const ids = emails.flatMap((email) => {
    const id = directory[normaliseEmail(email)]
    return id === undefined || !Number.isFinite(id) ? [] : [id]
  })
  return [...new Set(ids)]
}
