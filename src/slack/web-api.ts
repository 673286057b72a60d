import * as v from 'valibot'
import { UserInfoSchema } from './payloads'

/**
 * The few Slack Web API calls the bridge makes with a bot token, and posts to `response_url`.
 * Each call has a short timeout: slash commands must be answered within three seconds.
 */
const SLACK_API = 'https://slack.com/api/'

export interface SlackProfile {
  readonly email: string | undefined
  readonly timeZone: string | undefined
}

/** `users.info`: the user's e-mail (needs `users:read.email`) and time zone. */
export async function fetchProfile(
  token: string,
  userId: string,
  timeoutMs = 1500,
): Promise<SlackProfile> {
  const res = await fetch(`${SLACK_API}users.info?user=${encodeURIComponent(userId)}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(timeoutMs),
  })
  const parsed = v.safeParse(UserInfoSchema, await res.json())
  if (!parsed.success) throw new Error('users.info answered an unexpected body')
  if (!parsed.output.ok) throw new Error(`users.info failed: ${parsed.output.error ?? 'unknown'}`)
  return {
    email: parsed.output.user?.profile?.email,
    timeZone: parsed.output.user?.tz,
  }
}

/** `views.open`: shows a modal; the trigger id is valid once, for three seconds. */
export async function openView(
  token: string,
  triggerId: string,
  view: unknown,
  timeoutMs = 2000,
): Promise<void> {
  const res = await fetch(`${SLACK_API}views.open`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json; charset=utf-8',
    },
    body: JSON.stringify({ trigger_id: triggerId, view }),
    signal: AbortSignal.timeout(timeoutMs),
  })
  const body = await res.json<{ ok?: boolean; error?: string }>()
  if (body.ok !== true) throw new Error(`views.open failed: ${body.error ?? String(res.status)}`)
}

/**
 * Posts a message to a `response_url` (up to five times within 30 minutes of the command).
 * The URL is the one Slack sent: its host is never assumed.
 */
export async function postResponse(responseUrl: string, message: unknown, timeoutMs = 5000) {
  const res = await fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(timeoutMs),
  })
  if (!res.ok) throw new Error(`response_url answered ${res.status}`)
}

/** `chat.postMessage` to a user id: a direct message from the app (needs `chat:write`). */
export async function postDirectMessage(
  token: string,
  userId: string,
  message: { text: string; blocks?: readonly unknown[] },
  timeoutMs = 5000,
): Promise<void> {
  const res = await fetch(`${SLACK_API}chat.postMessage`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json; charset=utf-8',
    },
    body: JSON.stringify({ channel: userId, ...message }),
    signal: AbortSignal.timeout(timeoutMs),
  })
  const body = await res.json<{ ok?: boolean; error?: string }>()
  if (body.ok !== true)
    throw new Error(`chat.postMessage failed: ${body.error ?? String(res.status)}`)
}
