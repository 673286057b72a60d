import type { Config } from '../config'
import type { EnerpizeClient } from '../enerpize'
import { EnerpizeError } from '../enerpize'
import { normaliseEmail } from '../pipeline/executors/client'
import { fetchProfile, type SlackProfile } from './web-api'

/**
 * Who a Slack user is in Enerpize, and what projects and activities there are to log against.
 * Links, profiles and listings are cached in KV so a slash command is answered within Slack's
 * three seconds without asking Enerpize every time.
 */
export interface DirectoryDeps {
  readonly config: Config
  readonly kv: KVNamespace
  readonly enerpize: EnerpizeClient
}

/** A Slack user's Enerpize staff member. */
export interface StaffLink {
  readonly staffId: number
  readonly name: string
  readonly email?: string
}

export interface Named {
  readonly id: string
  readonly name: string
}

const LISTING_FRESH_MS = 10 * 60 * 1000
const LISTING_TTL_SECONDS = 24 * 60 * 60
const PROFILE_TTL_SECONDS = 24 * 60 * 60
const PROJECT_MODELS = ['TimeProject', 'Project', 'Product'] as const

function linkKey(teamId: string, userId: string): string {
  return `slack:link:${teamId}:${userId}`
}

/** The staff member a Slack user linked, if any. */
export function linkedStaff(kv: KVNamespace, teamId: string, userId: string) {
  return kv.get<StaffLink>(linkKey(teamId, userId), 'json')
}

/**
 * Links a Slack user to a staff member found by `email_address` or by id.
 * Resolves to the link, or to `undefined` when no active staff member matches.
 */
export async function linkStaff(
  deps: DirectoryDeps,
  teamId: string,
  userId: string,
  target: string,
): Promise<StaffLink | undefined> {
  const byId = /^\d+$/.test(target)
  const wanted = byId ? target : normaliseEmail(target)
  let link: StaffLink | undefined
  for await (const staff of deps.enerpize.staff.iterate({ limit: 1000 })) {
    const hit = byId ? staff.id === wanted : normaliseEmail(staff.email_address ?? '') === wanted
    if (hit) {
      link = {
        staffId: Number(staff.id),
        name: staff.name ?? `staff ${staff.id}`,
        ...(staff.email_address ? { email: staff.email_address } : {}),
      }
      break
    }
  }
  if (link) await deps.kv.put(linkKey(teamId, userId), JSON.stringify(link))
  return link
}

/** The Slack profile (e-mail, time zone), through `users.info` when a bot token is set. */
export async function slackProfile(
  deps: DirectoryDeps,
  teamId: string,
  userId: string,
): Promise<SlackProfile | undefined> {
  const token = deps.config.secrets.SLACK_BOT_TOKEN
  if (token === undefined) return undefined
  const key = `slack:profile:${teamId}:${userId}`
  const cached = await deps.kv.get<SlackProfile>(key, 'json')
  if (cached) return cached
  try {
    const profile = await fetchProfile(token, userId)
    await deps.kv.put(key, JSON.stringify(profile), { expirationTtl: PROFILE_TTL_SECONDS })
    return profile
  } catch {
    return undefined
  }
}

/**
 * The staff member for a Slack user: the linked one; else, with a bot token, the one whose
 * e-mail matches the Slack profile (then remembered as a link); else none.
 */
export async function resolveStaff(
  deps: DirectoryDeps,
  teamId: string,
  userId: string,
  profile: SlackProfile | undefined,
): Promise<StaffLink | undefined> {
  const linked = await linkedStaff(deps.kv, teamId, userId)
  if (linked) return linked
  if (profile?.email === undefined) return undefined
  return linkStaff(deps, teamId, userId, profile.email)
}

interface CachedListing {
  readonly at: number
  readonly model: string
  readonly items: readonly Named[]
}

async function cachedListing(
  deps: DirectoryDeps,
  key: string,
  load: () => Promise<{ model: string; items: Named[] }>,
): Promise<readonly Named[]> {
  const cached = await deps.kv.get<CachedListing>(key, 'json')
  if (cached && Date.now() - cached.at < LISTING_FRESH_MS) return cached.items
  try {
    const fresh = await load()
    const value: CachedListing = { at: Date.now(), ...fresh }
    await deps.kv.put(key, JSON.stringify(value), { expirationTtl: LISTING_TTL_SECONDS })
    return fresh.items
  } catch (error) {
    // A stale listing beats none while Enerpize is unreachable.
    if (cached) return cached.items
    throw error
  }
}

function toNamed(listing: Record<string, string>): Named[] {
  return Object.entries(listing)
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * Projects from the General Listing. The reference names the model `Product`, which reads like
 * a slip; unless `ENERPIZE_PROJECT_MODEL` says, `TimeProject`, `Project` and `Product` are tried
 * in turn and the first non-empty listing is used.
 */
export function projects(deps: DirectoryDeps): Promise<readonly Named[]> {
  return cachedListing(deps, 'listing:projects', async () => {
    const models = deps.config.projectListingModel
      ? [deps.config.projectListingModel]
      : PROJECT_MODELS
    for (const model of models) {
      try {
        const items = toNamed(await deps.enerpize.listing(model))
        if (items.length > 0 || models.length === 1) return { model, items }
      } catch (error) {
        if (!(error instanceof EnerpizeError) || error.status !== 404) throw error
      }
    }
    return { model: models.at(-1) ?? 'Product', items: [] }
  })
}

/** Activities from the General Listing model `TimeActivity`. */
export function activities(deps: DirectoryDeps): Promise<readonly Named[]> {
  return cachedListing(deps, 'listing:activities', async () => ({
    model: 'TimeActivity',
    items: toNamed(await deps.enerpize.listing('TimeActivity')),
  }))
}
