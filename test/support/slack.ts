import { signSlack } from '../../src/verify/sign'
import { bridge } from './bridge'

export const SLACK_SECRET = 'test-slack-signing-secret'
export const RESPONSE_URL = 'https://hooks.slack.test/commands/T1/1/abc'

export interface CommandOptions {
  readonly team?: string
  readonly user?: string
  readonly triggerId?: string
  readonly responseUrl?: string
  /** Unix seconds the request claims to be signed at. */
  readonly timestamp?: number
  readonly secret?: string
  readonly headers?: Record<string, string>
}

/** The form body Slack posts for `/time {text}`. */
export function commandBody(text: string, options: CommandOptions = {}): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: options.team ?? 'T1',
    team_domain: 'acme',
    channel_id: 'C1',
    channel_name: 'general',
    user_id: options.user ?? 'U1',
    user_name: 'someone',
    command: '/time',
    text,
    api_app_id: 'A1',
    response_url: options.responseUrl ?? RESPONSE_URL,
    trigger_id: options.triggerId ?? '',
  }).toString()
}

/** Sends a signed slash command to the bridge, as Slack would. */
export async function slackCommand(text: string, options: CommandOptions = {}): Promise<Response> {
  const body = commandBody(text, options)
  const signed = await signSlack({
    secret: options.secret ?? SLACK_SECRET,
    body,
    timestamp: options.timestamp,
  })
  return bridge('/slack/commands', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signed,
      ...options.headers,
    },
    body,
  })
}

/** Sends a signed interaction payload (a button press, a modal submission). */
export async function slackInteraction(payload: unknown): Promise<Response> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString()
  const signed = await signSlack({ secret: SLACK_SECRET, body })
  return bridge('/slack/interactions', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signed },
    body,
  })
}

/** The ephemeral text of a command's answer. */
export async function replyText(res: Response): Promise<string> {
  const body = await res.json<{ text?: string; response_type?: string }>()
  return body.text ?? ''
}
