import { Hono } from 'hono'
import * as v from 'valibot'
import { parseDuration, formatHours } from '../../functions/slack/parse-duration'
import { requireSecret, type Config } from '../config'
import { enerpizeFor } from '../connection'
import { EnerpizeError } from '../enerpize'
import type { AppEnv } from '../http/app-env'
import { log } from '../log'
import { bodyText, readBody } from '../pipeline/body'
import { claimStoreFor } from '../pipeline/claim-store'
import { verifySlack } from '../verify'
import { answerCommand, resolveEntry, submitEntry, undoEntry, type CommandDeps } from './commands'
import { resolveStaff, slackProfile } from './directory'
import { ephemeral, UNDO_ACTION, type SlackMessage } from './messages'
import { MODAL_FIELDS, TIME_MODAL } from './modal'
import { InteractionSchema, SlashCommandSchema, type ViewSubmission } from './payloads'
import { postResponse } from './web-api'

/** Slack waits three seconds; Enerpize lookups made while answering get less than that. */
const ANSWER_TIMEOUT_MS = 2000

function commandDeps(env: Env, config: Config): CommandDeps {
  const answering = { ...config, enerpize: { ...config.enerpize, timeoutMs: ANSWER_TIMEOUT_MS } }
  return {
    config,
    kv: env.IDEMPOTENCY,
    enerpize: enerpizeFor(env, answering),
    claims: claimStoreFor(env, config),
    queue: env.DELIVERIES,
  }
}

/** Reads and verifies a Slack request; `null` for an unsigned `ssl_check`. */
async function verifiedForm(request: Request, config: Config): Promise<URLSearchParams | null> {
  const secret = requireSecret(config, 'SLACK_SIGNING_SECRET', 'Slack')
  const body = await readBody(request)

  // Slack's SSL checks carry no signature and need only an empty 200.
  const signature = request.headers.get('x-slack-signature')
  if (signature === null && new URLSearchParams(bodyText(body)).get('ssl_check') === '1') {
    return null
  }

  await verifySlack({
    secret,
    timestamp: request.headers.get('x-slack-request-timestamp'),
    signature,
    body,
  })
  return new URLSearchParams(bodyText(body))
}

/** A failure while answering, in plain words; the detail goes to the log, never a secret. */
function failureMessage(error: unknown, path: string): SlackMessage {
  log('error', 'slack request failed', {
    path,
    error: error instanceof Error ? error.message : String(error),
    status: error instanceof EnerpizeError ? error.status : undefined,
  })
  if (error instanceof EnerpizeError) {
    return ephemeral(
      `:warning: I couldn't reach Enerpize just now (${error.kind === 'timeout' ? 'it did not answer in time' : `it answered ${error.status ?? 'nothing'}`}), so nothing was logged. Please try again in a minute.`,
    )
  }
  return ephemeral(
    ':warning: Something went wrong on my side, so nothing was logged. Please try again.',
  )
}

export const slack = new Hono<AppEnv>()

slack.post('/slack/commands', async (c) => {
  const config = c.get('config')

  // Verify before parsing anything.
  const form = await verifiedForm(c.req.raw, config)
  if (form === null) return c.body(null, 200)

  const parsed = v.safeParse(SlashCommandSchema, Object.fromEntries(form))
  if (!parsed.success) {
    return c.json(ephemeral(`I couldn't read that command: ${parsed.issues[0].message}.`))
  }

  try {
    const answer = await answerCommand(commandDeps(c.env, config), parsed.output)
    return answer === null ? c.body(null, 200) : c.json(answer)
  } catch (error) {
    return c.json(failureMessage(error, c.req.path))
  }
})

slack.post('/slack/interactions', async (c) => {
  const config = c.get('config')

  const form = await verifiedForm(c.req.raw, config)
  if (form === null) return c.body(null, 200)

  let payload: unknown
  try {
    payload = JSON.parse(form.get('payload') ?? '')
  } catch {
    return c.json({ error: 'invalid_payload', message: 'payload is not JSON' }, 400)
  }
  const parsed = v.safeParse(InteractionSchema, payload)
  // Interactions the bridge did not create (other buttons, other modals) are acknowledged.
  if (!parsed.success) return c.body(null, 200)
  const interaction = parsed.output
  const deps = commandDeps(c.env, config)

  try {
    if (interaction.type === 'block_actions') {
      const action = interaction.actions.find((a) => a.action_id === UNDO_ACTION)
      if (!action?.value) return c.body(null, 200)
      const owner = { teamId: interaction.team.id, userId: interaction.user.id }
      const notify = interaction.response_url
        ? ({ kind: 'slack-response', responseUrl: interaction.response_url } as const)
        : undefined
      const reply = await undoEntry(deps, owner, action.value, notify)
      if (interaction.response_url) {
        c.executionCtx.waitUntil(
          postResponse(interaction.response_url, { ...reply, replace_original: true }).catch(
            (error: unknown) => failureMessage(error, c.req.path),
          ),
        )
      }
      return c.body(null, 200)
    }
    if (interaction.view.callback_id !== TIME_MODAL) return c.body(null, 200)
    return c.json(await submitModal(deps, interaction))
  } catch (error) {
    failureMessage(error, c.req.path)
    return c.json({
      response_action: 'errors',
      errors: { [MODAL_FIELDS.duration]: 'Enerpize could not be reached; nothing was logged.' },
    })
  }
})

function modalValue(view: ViewSubmission['view'], block: string) {
  return view.state.values[block]?.[block]
}

/** The modal's fields become the same entry a typed command would. */
async function submitModal(deps: CommandDeps, submission: ViewSubmission) {
  const { view } = submission
  const owner = { teamId: submission.team.id, userId: submission.user.id }
  const errors: Record<string, string> = {}

  const duration = parseDuration(modalValue(view, MODAL_FIELDS.duration)?.value ?? '')
  if ('error' in duration) errors[MODAL_FIELDS.duration] = duration.error
  const date = modalValue(view, MODAL_FIELDS.date)?.selected_date ?? undefined
  if (date === undefined) errors[MODAL_FIELDS.date] = 'Pick a date.'
  const projectId = modalValue(view, MODAL_FIELDS.project)?.selected_option?.value
  const activityId = modalValue(view, MODAL_FIELDS.activity)?.selected_option?.value
  if (projectId === undefined) errors[MODAL_FIELDS.project] = 'Pick a project.'
  if (activityId === undefined) errors[MODAL_FIELDS.activity] = 'Pick an activity.'
  if (Object.keys(errors).length > 0 || 'error' in duration || date === undefined) {
    return { response_action: 'errors', errors }
  }

  const staff = await resolveStaff(
    deps,
    owner.teamId,
    owner.userId,
    await slackProfile(deps, owner.teamId, owner.userId),
  )
  if (!staff) {
    return {
      response_action: 'errors',
      errors: { [MODAL_FIELDS.duration]: 'Link yourself first: /time link you@company.com' },
    }
  }
  const config = {
    ...deps.config,
    defaultProjectId: Number(projectId),
    defaultActivityId: Number(activityId),
  }
  const resolved = await resolveEntry({ ...deps, config }, owner, staff, {
    time: formatHours(duration.minutes),
    date,
    notes: modalValue(view, MODAL_FIELDS.notes)?.value ?? '',
  })
  if (typeof resolved === 'string') {
    return { response_action: 'errors', errors: { [MODAL_FIELDS.project]: resolved } }
  }
  const typed = `${resolved.time} ${date} ${String(projectId)} ${String(activityId)} ${resolved.notes}`
  await submitEntry(deps, resolved, typed, { kind: 'slack-dm', userId: owner.userId })
  return { response_action: 'clear' }
}
