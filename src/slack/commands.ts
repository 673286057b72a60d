import * as v from 'valibot'
import { matchName, type NameMatch } from '../../functions/slack/match-name'
import { parseTimeCommand, type TimeEntryCommand } from '../../functions/slack/parse-time-command'
import { todayIn } from '../../functions/slack/today-in'
import { helpText } from '../../functions/slack/help-text'
import { timeEntryFromCommand, undoFromCommand } from '../../functions/time-entry'
import type { Config } from '../config'
import type { EnerpizeClient } from '../enerpize'
import { sha256Hex } from '../pipeline/body'
import type { ClaimStore } from '../pipeline/claims'
import { filterRecent } from '../pipeline/executors/find-record'
import { ownedEntries } from '../pipeline/executors/time-entry'
import { accept, type Acceptance } from '../pipeline/ingest'
import type { Notify, SlackUser } from '../pipeline/operations'
import {
  activities,
  linkStaff,
  projects,
  resolveStaff,
  slackProfile,
  type DirectoryDeps,
  type Named,
  type StaffLink,
} from './directory'
import {
  compactName,
  entryList,
  ephemeral,
  escapeText,
  namedList,
  type ListedEntry,
  readableDate,
  type SlackMessage,
} from './messages'
import { timeEntryModal } from './modal'
import type { SlashCommand } from './payloads'
import { openView } from './web-api'

/** Everything a command needs from the platform. */
export interface CommandDeps extends DirectoryDeps {
  readonly config: Config
  readonly kv: KVNamespace
  readonly enerpize: EnerpizeClient
  readonly claims: ClaimStore
  readonly queue: Queue
}

/** A typed time entry whose names have been matched to Enerpize ids. */
export interface ResolvedEntry {
  readonly owner: SlackUser
  readonly staff: StaffLink
  readonly project: { readonly id: number; readonly name: string }
  readonly activity: { readonly id: number; readonly name: string }
  readonly time: string
  readonly date: string
  readonly notes: string
}

/** Slack forgets a double-pressed command after this long; so does the bridge. */
const REPEAT_WINDOW_SECONDS = 60

/**
 * Answers a verified `/time` command. Whatever happens, the answer is an ephemeral message:
 * Slack shows anything but a 200 as a bare "dispatch_failed".
 */
export async function answerCommand(
  deps: CommandDeps,
  command: SlashCommand,
): Promise<SlackMessage | null> {
  const owner: SlackUser = { teamId: command.team_id, userId: command.user_id }
  const profile = await slackProfile(deps, owner.teamId, owner.userId)
  const today = todayIn(profile?.timeZone ?? deps.config.timezone, new Date())
  const parsed = parseTimeCommand(command.text, { today })

  switch (parsed.kind) {
    case 'help': {
      // `/time` alone opens the entry form when the bot token allows it.
      const token = deps.config.secrets.SLACK_BOT_TOKEN
      if (command.text.trim() === '' && token !== undefined && command.trigger_id) {
        await openView(token, command.trigger_id, timeEntryModal(await namesFor(deps), today))
        return null
      }
      return ephemeral(helpText())
    }
    case 'error':
      return ephemeral(escapeText(parsed.message))
    case 'link': {
      const staff = await linkStaff(deps, owner.teamId, owner.userId, parsed.target)
      return ephemeral(
        staff
          ? `Linked you to *${escapeText(staff.name)}* (staff #${staff.staffId}) in Enerpize. Your \`/time\` entries are logged for them.`
          : `No staff member in Enerpize has ${/^\d+$/.test(parsed.target) ? 'the id' : 'the e-mail'} ${escapeText(parsed.target)}. Check it in Enerpize under Staff, then try again.`,
      )
    }
    case 'projects': {
      const names = await namesFor(deps)
      return ephemeral(
        `${namedList('Projects', '#', names.projects)}\n\n${namedList('Activities', '+', names.activities)}`,
      )
    }
    case 'list': {
      const staff = await resolveStaff(deps, owner.teamId, owner.userId, profile)
      if (!staff) return ephemeral(notLinkedText(deps.config))
      return entryList(parsed.date, await entriesOn(deps, owner, staff, parsed.date))
    }
    case 'undo':
      return undoLast(deps, owner, { kind: 'slack-response', responseUrl: command.response_url })
    case 'entry': {
      const staff = await resolveStaff(deps, owner.teamId, owner.userId, profile)
      if (!staff) return ephemeral(notLinkedText(deps.config))
      const resolved = await resolveEntry(deps, owner, staff, parsed)
      if (typeof resolved === 'string') return ephemeral(resolved)
      return submitEntry(deps, resolved, command.text, {
        kind: 'slack-response',
        responseUrl: command.response_url,
      })
    }
  }
}

/**
 * A staff member's entries on a date, as Enerpize has them (including ones made outside the
 * bridge); while Enerpize cannot be reached, the entries the bridge made for the person.
 */
async function entriesOn(
  deps: CommandDeps,
  owner: SlackUser,
  staff: StaffLink,
  date: string,
): Promise<ListedEntry[]> {
  try {
    const [records, names] = await Promise.all([
      filterRecent(
        deps.enerpize.timeTracking,
        (r) => r.staff_id === staff.staffId && r.date === date,
        { limit: 1000, pages: 2 },
      ),
      namesFor(deps),
    ])
    const nameOf = (list: readonly Named[], id: number | undefined) =>
      list.find((n) => Number(n.id) === id)?.name ?? `#${String(id ?? '?')}`
    return records.map((r) => ({
      id: r.id,
      time: r.time ?? '0:00',
      project: nameOf(names.projects, r.project_id),
      activity: nameOf(names.activities, r.activity_id),
      notes: r.notes ?? '',
    }))
  } catch {
    return (await ownedEntries(deps.kv, owner)).filter((e) => e.date === date)
  }
}

function notLinkedText(config: Config): string {
  const lookup =
    config.secrets.SLACK_BOT_TOKEN === undefined
      ? ''
      : ' No Enerpize staff member has the e-mail address of your Slack profile.'
  return `I don't know who you are in Enerpize yet, so nothing was logged.${lookup} Link yourself once with \`/time link you@company.com\` (your e-mail in Enerpize) or \`/time link 42\` (your staff id).`
}

async function namesFor(
  deps: DirectoryDeps,
): Promise<{ projects: readonly Named[]; activities: readonly Named[] }> {
  const [p, a] = await Promise.all([projects(deps), activities(deps)])
  return { projects: p, activities: a }
}

function describeMiss(kind: string, sigil: string, typed: string, match: NameMatch<Named>) {
  if (match.kind === 'ambiguous') {
    const options = match.candidates.map((c) => `${sigil}${compactName(c.name)}`).join(', ')
    return `“${sigil}${escapeText(typed)}” matches several ${kind}s: ${escapeText(options)}. Nothing was logged; type more of the name.`
  }
  if (match.kind === 'unknown') {
    const closest = match.closest.map((c) => `${sigil}${compactName(c.name)}`).join(', ')
    return `There is no ${kind} called “${sigil}${escapeText(typed)}”. Nothing was logged.${closest === '' ? '' : ` Closest: ${escapeText(closest)}.`} \`/time projects\` lists them all.`
  }
  return ''
}

/**
 * Matches the typed project and activity against Enerpize's listings, falling back to the
 * configured defaults. Resolves to the entry, or to the message explaining what is missing.
 */
export async function resolveEntry(
  deps: DirectoryDeps,
  owner: SlackUser,
  staff: StaffLink,
  parsed: Pick<TimeEntryCommand, 'time' | 'date' | 'notes' | 'project' | 'activity'>,
): Promise<ResolvedEntry | string> {
  const names = await namesFor(deps)

  const pick = (
    kind: 'project' | 'activity',
    sigil: string,
    typed: string | undefined,
    list: readonly Named[],
    fallback: number | undefined,
    setting: string,
  ): { id: number; name: string } | string => {
    if (typed !== undefined) {
      const match = matchName(typed, list)
      if (match.kind === 'match') return { id: Number(match.id), name: match.name }
      return describeMiss(kind, sigil, typed, match)
    }
    if (fallback !== undefined) {
      const known = list.find((n) => Number(n.id) === fallback)
      return { id: fallback, name: known?.name ?? `${kind} #${fallback}` }
    }
    return `Which ${kind}? Add \`${sigil}name\` (\`/time projects\` lists them), or ask an administrator to set ${setting}. Nothing was logged.`
  }

  const project = pick(
    'project',
    '#',
    parsed.project,
    names.projects,
    deps.config.defaultProjectId,
    'DEFAULT_PROJECT_ID',
  )
  if (typeof project === 'string') return project
  const activity = pick(
    'activity',
    '+',
    parsed.activity,
    names.activities,
    deps.config.defaultActivityId,
    'DEFAULT_ACTIVITY_ID',
  )
  if (typeof activity === 'string') return activity

  return {
    owner,
    staff,
    project,
    activity,
    time: parsed.time,
    date: parsed.date,
    notes: parsed.notes,
  }
}

/**
 * Claims and queues a time entry, answering with exactly what will be logged. The same person
 * sending the same text within a minute gets the first answer and no second entry.
 */
export async function submitEntry(
  deps: CommandDeps,
  entry: ResolvedEntry,
  typed: string,
  notify: Notify,
): Promise<SlackMessage> {
  const event = timeEntryFromCommand({
    owner: entry.owner,
    staffId: entry.staff.staffId,
    project: entry.project,
    activity: entry.activity,
    time: entry.time,
    date: entry.date,
    notes: entry.notes,
  })
  const notes = entry.notes === '' ? '' : ` — ${escapeText(entry.notes)}`
  const reply = ephemeral(
    `:hourglass_flowing_sand: Logging *${entry.time}* on *${escapeText(entry.project.name)}* · ${escapeText(entry.activity.name)} for ${readableDate(entry.date)}${notes} as ${escapeText(entry.staff.name)}. I'll confirm here once Enerpize has it.`,
  )
  const key = `${entry.owner.teamId}:${entry.owner.userId}:${await sha256Hex(typed.trim().replace(/\s+/g, ' '))}`

  const acceptance = await accept(deps, {
    source: 'slack',
    dedupeKey: key,
    payload: key,
    operations: event.operations,
    summary: event.summary,
    notify,
    dedupeTtlSeconds: REPEAT_WINDOW_SECONDS,
    reply,
  })
  return acceptance.kind === 'accepted' ? reply : repeatReply(acceptance)
}

function repeatReply(acceptance: Extract<Acceptance, { kind: 'duplicate' }>): SlackMessage {
  const first = v.safeParse(v.object({ text: v.string() }), acceptance.reply)
  const record = acceptance.first?.record
  const status =
    record === undefined
      ? 'It is logged once.'
      : `It is logged once, as Enerpize entry #${record.id}.`
  return ephemeral(
    `You sent this a moment ago, so I did not log it again. ${status}${first.success ? `\n>${first.output.text}` : ''}`,
  )
}

async function undoLast(
  deps: CommandDeps,
  owner: SlackUser,
  notify: Notify,
): Promise<SlackMessage> {
  const [last] = await ownedEntries(deps.kv, owner)
  if (!last) return ephemeral('There is nothing to undo: I have not logged any entry for you.')
  return undoEntry(deps, owner, last.id, notify)
}

/** Queues the deletion of one of the person's own entries. */
export async function undoEntry(
  deps: CommandDeps,
  owner: SlackUser,
  entryId: string,
  notify?: Notify,
): Promise<SlackMessage> {
  const entry = (await ownedEntries(deps.kv, owner)).find((e) => e.id === entryId)
  if (!entry) {
    return ephemeral(
      `Entry #${escapeText(entryId)} is not one I logged for you (or it is already removed), so I left it alone.`,
    )
  }
  const summary = `${entry.time} on ${entry.project} · ${entry.activity}`
  const event = undoFromCommand(owner, entry.id, summary)
  const acceptance = await accept(deps, {
    source: 'slack',
    dedupeKey: `undo:${owner.teamId}:${entry.id}`,
    payload: entry.id,
    operations: event.operations,
    summary: event.summary,
    ...(notify ? { notify } : {}),
  })
  if (acceptance.kind === 'duplicate') {
    return ephemeral(`Entry #${entry.id} is already being removed.`)
  }
  return ephemeral(
    `:wastebasket: Removing entry #${entry.id} (${escapeText(summary)}, ${readableDate(entry.date)}).`,
  )
}
