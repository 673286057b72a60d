import fc from 'fast-check'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseDuration } from '../../functions/slack/parse-duration'
import { parseTimeCommand } from '../../functions/slack/parse-time-command'
import { normaliseHtmlForm } from '../../functions/forms/html-form'
import { normaliseJotform } from '../../functions/forms/jotform'
import { normaliseTally } from '../../functions/forms/tally'
import { normaliseTypeform } from '../../functions/forms/typeform'
import { normaliseWebflow } from '../../functions/forms/webflow'
import { normaliseWebhook } from '../../functions/forms/webhook'
import { CalcomBookingSchema, CalcomEnvelopeSchema } from '../../src/calendar/calcom-payload'
import { CalendlyEnvelopeSchema, CalendlyInviteeSchema } from '../../src/calendar/calendly-payload'
import { SignatureError } from '../../src/errors'
import {
  signCalcom,
  signCalendly,
  signSlack,
  signStandardWebhook,
  signTally,
  signTypeform,
  signWebflow,
  verifyCalcom,
  verifyCalendly,
  verifySlack,
  verifyStandardWebhook,
  verifyTally,
  verifyTypeform,
  verifyWebflow,
} from '../../src/verify'
import { testBindings as secrets } from '../support/bindings'
import {
  callsSince,
  clearFaults,
  newEvent,
  quiet,
  report,
  send,
  type Source,
  type SourceEvent,
} from './support'

/**
 * Bad input of every kind, generated: each route must answer it in its own protocol (never a
 * 5xx) and nothing refused may reach Enerpize. Counts go to the run's summary.
 */
const RUNS = 40
const PARSER_RUNS = 500

type Body = string | Uint8Array

/** A route as a sender of garbage: where it is, and how a genuine sender would sign a body. */
interface Route {
  readonly name: string
  readonly path: string
  readonly method?: string
  readonly contentType: string
  /** Headers a genuine sender adds for `body` (a signature, a timestamp). */
  readonly sign: (body: Body) => Promise<Record<string, string>>
  /** Header names an attacker would try to forge. */
  readonly forgeable: readonly string[]
  /**
   * Whether an answer says the route took the body in. A form tool's fields are whatever the
   * form's author named them, so a form post with the right token and any fields at all is a
   * submission; a JSON route's garbage never is, nor is a command from an unlinked Slack user.
   */
  readonly takes: (status: number) => boolean
}

const none = () => Promise.resolve({})
const never = () => false

const ROUTES: readonly Route[] = [
  {
    name: 'POST /slack/commands',
    path: '/slack/commands',
    contentType: 'application/x-www-form-urlencoded',
    sign: (body) => signSlack({ secret: secrets.SLACK_SIGNING_SECRET, body }),
    forgeable: ['x-slack-signature', 'x-slack-request-timestamp'],
    takes: never,
  },
  {
    name: 'POST /slack/interactions',
    path: '/slack/interactions',
    contentType: 'application/x-www-form-urlencoded',
    sign: (body) => signSlack({ secret: secrets.SLACK_SIGNING_SECRET, body }),
    forgeable: ['x-slack-signature', 'x-slack-request-timestamp'],
    takes: never,
  },
  {
    name: 'POST /forms/typeform',
    path: '/forms/typeform',
    contentType: 'application/json',
    sign: (body) => signTypeform({ secret: secrets.TYPEFORM_SECRET, body }),
    forgeable: ['typeform-signature'],
    takes: never,
  },
  {
    name: 'POST /forms/tally',
    path: '/forms/tally',
    contentType: 'application/json',
    sign: (body) => signTally({ secret: secrets.TALLY_SIGNING_SECRET, body }),
    forgeable: ['tally-signature'],
    takes: never,
  },
  {
    name: 'POST /forms/webflow',
    path: '/forms/webflow',
    contentType: 'application/json',
    sign: (body) => signWebflow({ secret: secrets.WEBFLOW_SECRET, body }),
    forgeable: ['x-webflow-signature', 'x-webflow-timestamp'],
    takes: never,
  },
  {
    name: 'POST /forms/webhook',
    path: '/forms/webhook',
    contentType: 'application/json',
    sign: (body) => signStandardWebhook({ secret: secrets.WEBHOOK_SECRET, body }),
    forgeable: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
    takes: never,
  },
  {
    name: 'POST /forms/jotform',
    path: `/forms/jotform?token=${secrets.FORM_TOKEN}`,
    contentType: 'application/x-www-form-urlencoded',
    sign: none,
    forgeable: [],
    takes: (status) => status === 202,
  },
  {
    name: 'POST /forms/html',
    path: `/forms/html?token=${secrets.FORM_TOKEN}`,
    contentType: 'application/x-www-form-urlencoded',
    sign: none,
    forgeable: ['origin'],
    takes: (status) => status === 200 || status === 303,
  },
  {
    name: 'POST /calendar/calendly',
    path: '/calendar/calendly',
    contentType: 'application/json',
    sign: (body) => signCalendly({ signingKey: secrets.CALENDLY_SIGNING_KEY, body }),
    forgeable: ['calendly-webhook-signature'],
    takes: never,
  },
  {
    name: 'POST /calendar/calcom',
    path: '/calendar/calcom',
    contentType: 'application/json',
    sign: (body) => signCalcom({ secret: secrets.CALCOM_SECRET, body }),
    forgeable: ['x-cal-signature-256'],
    takes: never,
  },
]

/** What the routes that take no signature are sent when the token is what is forged. */
const UNSIGNED_PATHS: Readonly<Record<string, string>> = {
  'POST /forms/jotform': '/forms/jotform',
  'POST /forms/html': '/forms/html',
}

const CONTENT_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'text/plain',
  'application/json; charset=utf-8',
  '',
]

const anyBody: fc.Arbitrary<Body> = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.json({ maxDepth: 4 }),
  fc.uint8Array({ maxLength: 400 }),
)

/** Form-encoded garbage, with the field names the routes read now and then. */
const formBody = fc
  .dictionary(
    fc.oneof(
      fc.constantFrom(
        'team_id',
        'user_id',
        'text',
        'command',
        'response_url',
        'payload',
        'email',
        'full_name',
        'submissionID',
        'rawRequest',
        'idempotency_key',
        'token',
        'ssl_check',
      ),
      fc.string({ maxLength: 12 }),
    ),
    fc.oneof(fc.string({ maxLength: 60 }), fc.json({ maxDepth: 3 })),
    { maxKeys: 8 },
  )
  .map((fields) => new URLSearchParams(fields).toString())

interface Tally {
  inputs: number
  serverErrors: string[]
  /** Enerpize creates, edits and deletes that refused input caused. */
  writes: number
}

const tallies = new Map<string, Tally>()

function tally(target: string): Tally {
  let found = tallies.get(target)
  if (!found) {
    found = { inputs: 0, serverErrors: [], writes: 0 }
    tallies.set(target, found)
  }
  return found
}

async function post(route: Route, path: string, headers: Record<string, string>, body: Body) {
  const res = await send(path, { method: route.method ?? 'POST', headers, body })
  const text = await res.text()
  return { status: res.status, text }
}

/** Counts an answer; a 5xx is kept with what caused it. */
function note(target: string, status: number, text: string, input: unknown): void {
  const t = tally(target)
  t.inputs += 1
  if (status >= 500) {
    t.serverErrors.push(
      `${String(status)} ${text.slice(0, 120)} for ${JSON.stringify(input).slice(0, 200)}`,
    )
  }
}

/** Enerpize writes (creates, edits, deletes) since `since`. */
async function writesSince(since: number) {
  await quiet()
  return (await callsSince(since)).filter((call) => call.method !== 'GET')
}

beforeAll(async () => {
  await clearFaults()
  await quiet()
})

afterAll(async () => {
  for (const [target, t] of tallies) {
    await report({
      kind: 'fuzz',
      target,
      inputs: t.inputs,
      serverErrors: t.serverErrors.length,
      writes: t.writes,
    })
  }
})

describe('bad input to every route', () => {
  it.each(ROUTES)('answers unsigned and forged requests to $name without a 5xx', async (route) => {
    const forged = fc.dictionary(
      fc.constantFrom(...route.forgeable, 'content-length-ish', 'x-anything'),
      fc.string({ maxLength: 120 }),
      { maxKeys: 4 },
    )
    const since = Date.now()

    await fc.assert(
      fc.asyncProperty(
        anyBody,
        fc.constantFrom(...CONTENT_TYPES),
        forged,
        async (body, type, headers) => {
          const path = UNSIGNED_PATHS[route.name] ?? route.path
          const answer = await post(route, path, { ...headers, 'content-type': type }, body)
          note(`${route.name}, unsigned or forged`, answer.status, answer.text, {
            body,
            type,
            headers,
          })
          return answer.status < 500 && answer.status !== 202
        },
      ),
      { numRuns: RUNS },
    )

    const writes = await writesSince(since)
    tally(`${route.name}, unsigned or forged`).writes = writes.length
    expect(tally(`${route.name}, unsigned or forged`).serverErrors).toEqual([])
    expect(writes).toEqual([])
  })

  it.each(ROUTES)(
    'answers signed garbage to $name without a 5xx or a write it refused',
    async (route) => {
      const body: fc.Arbitrary<Body> =
        route.contentType === 'application/json'
          ? fc.oneof(fc.json({ maxDepth: 5 }), fc.string({ maxLength: 300 }))
          : formBody
      const since = Date.now()
      let taken = 0

      await fc.assert(
        fc.asyncProperty(body, async (raw) => {
          const headers = { 'content-type': route.contentType, ...(await route.sign(raw)) }
          const answer = await post(route, route.path, headers, raw)
          note(`${route.name}, signed garbage`, answer.status, answer.text, raw)
          if (route.takes(answer.status)) taken += 1
          return answer.status < 500
        }),
        { numRuns: RUNS },
      )

      // Each submission taken in makes at most its one client; anything refused makes nothing.
      const creates = (await writesSince(since)).filter((call) => call.method === 'POST')
      tally(`${route.name}, signed garbage`).writes = Math.max(0, creates.length - taken)
      expect(tally(`${route.name}, signed garbage`).serverErrors).toEqual([])
      expect(creates.length).toBeLessThanOrEqual(taken)
    },
  )

  it.each(ROUTES)('refuses a body over 1 MB to $name before reading it', async (route) => {
    const body = 'x'.repeat(1024 * 1024 + 1)

    const answer = await post(
      route,
      route.path,
      { 'content-type': route.contentType, ...(await route.sign(body)) },
      body,
    )

    note(`${route.name}, over 1 MB`, answer.status, answer.text, 'a body over 1 MB')
    expect(answer.status).toBe(413)
  })

  it('answers unknown paths, methods and unauthenticated admin calls without a 5xx', async () => {
    const paths = fc.oneof(
      fc.constantFrom(
        '/health',
        '/admin',
        '/admin/api/events',
        '/admin/api/events/ev_x',
        '/admin/api/events/ev_x/replay',
        '/sandbox/api2/clients.json',
        '/slack/commands',
        '/forms/typeform',
        '/calendar/calcom',
      ),
      fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
    )
    const since = Date.now()

    await fc.assert(
      fc.asyncProperty(
        paths,
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
        fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
        async (path, method, auth) => {
          const res = await send(path, {
            method,
            headers: auth === undefined ? {} : { authorization: `Bearer ${auth}` },
            ...(method === 'GET' || method === 'HEAD' ? {} : { body: 'x' }),
          })
          const text = await res.text()
          note('any path, any method, forged admin token', res.status, text, { path, method, auth })
          return res.status < 500
        },
      ),
      { numRuns: RUNS * 3 },
    )

    const writes = await writesSince(since)
    tally('any path, any method, forged admin token').writes = writes.length
    expect(tally('any path, any method, forged admin token').serverErrors).toEqual([])
    expect(writes).toEqual([])
  })
})

/** Walks to a random place in a JSON value and removes it or puts something else there. */
function mutated(value: unknown, steps: readonly number[], replacement: unknown, remove: boolean) {
  const copy = structuredClone(value) as Record<string, unknown>
  let node: unknown = copy
  let parent: Record<string, unknown> | unknown[] | undefined
  let key: string | number | undefined
  for (const step of steps) {
    if (typeof node !== 'object' || node === null) break
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node)
    if (keys.length === 0) break
    const next = keys[step % keys.length]
    if (next === undefined) break
    parent = node as Record<string, unknown> | unknown[]
    key = next
    node = (node as Record<string | number, unknown>)[next]
  }
  if (parent === undefined || key === undefined) return replacement
  if (Array.isArray(parent)) {
    if (remove) parent.splice(Number(key), 1)
    else parent[Number(key)] = replacement
  } else if (remove) Reflect.deleteProperty(parent, key)
  else parent[key] = replacement
  return copy
}

const MUTABLE: readonly Source[] = ['typeform', 'tally', 'webflow', 'webhook', 'calendly', 'calcom']

describe('signed payloads with a field removed or replaced', () => {
  it.each(MUTABLE)(
    'answers every mutation of a %s payload without a 5xx, writing only what it took in',
    async (source) => {
      const refused: SourceEvent[] = []
      const since = Date.now()

      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
          fc.jsonValue({ maxDepth: 2 }),
          fc.boolean(),
          async (steps, replacement, remove) => {
            const event = await newEvent(source)
            const original = JSON.parse(event.body as string) as unknown
            const body = JSON.stringify(mutated(original, steps, replacement, remove))
            const headers = { 'content-type': 'application/json', ...(await event.sign(body)) }
            const res = await send(event.path, { method: 'POST', headers, body })
            const text = await res.text()
            note(`${source} payload, mutated`, res.status, text, { steps, replacement, remove })
            if (res.status >= 300) refused.push(event)
            return res.status < 500
          },
        ),
        { numRuns: RUNS },
      )

      const writes = await writesSince(since)
      const writesOfRefused = writes.filter((call) =>
        refused.some((event) => call.body.includes(event.marker)),
      )
      tally(`${source} payload, mutated`).writes = writesOfRefused.length
      expect(tally(`${source} payload, mutated`).serverErrors).toEqual([])
      expect(writesOfRefused).toEqual([])
    },
  )
})

/** Runs `check` on generated input, counting it; `check` returns whether the outcome is fine. */
async function property<T>(
  target: string,
  input: fc.Arbitrary<T>,
  check: (value: T) => boolean | Promise<boolean>,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(input, async (value) => {
      tally(target).inputs += 1
      try {
        if (await check(value)) return true
      } catch (error) {
        tally(target).serverErrors.push(String(error))
        throw error
      }
      tally(target).serverErrors.push(`unexpected outcome for ${JSON.stringify(value)}`)
      return false
    }),
    { numRuns: PARSER_RUNS },
  )
}

/** A verifier's outcome: passed, or refused with a `SignatureError` naming no secret. */
async function refusesCleanly(attempt: Promise<void>): Promise<boolean> {
  try {
    await attempt
    return true
  } catch (error) {
    return (
      error instanceof SignatureError &&
      !Object.values(secrets).some((secret) => secret.length > 8 && error.message.includes(secret))
    )
  }
}

describe('the parsers on their own', () => {
  const words = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc
      .array(
        fc.oneof(
          fc.constantFrom('2h', '1.5', '2:30', '45m', '#web', '+dev', 'yesterday', 'link', 'undo'),
          fc.string({ maxLength: 10 }),
        ),
        { maxLength: 8 },
      )
      .map((parts) => parts.join(' ')),
  )

  it('reads any duration text as minutes or a message, never more than a day', async () => {
    await property('duration grammar (parseDuration)', words, (text) => {
      const result = parseDuration(text)
      return 'error' in result
        ? typeof result.error === 'string' && result.error.length > 0
        : Number.isInteger(result.minutes) && result.minutes > 0 && result.minutes <= 24 * 60
    })
  })

  it('reads any command text as a command or a message', async () => {
    await property('/time grammar (parseTimeCommand)', words, (text) => {
      const result = parseTimeCommand(text, { today: '2026-07-15' })
      return typeof result.kind === 'string'
    })
  })

  it('maps any JSON through every payload mapper to a submission or issues', async () => {
    const mappers: readonly [string, (json: unknown) => { ok: boolean }][] = [
      ['typeform', normaliseTypeform],
      ['tally', normaliseTally],
      ['webflow', normaliseWebflow],
      ['webhook', (json) => normaliseWebhook(json, 'msg_1')],
      [
        'jotform',
        (json) => normaliseJotform({ submissionID: '1', rawRequest: JSON.stringify(json) }),
      ],
    ]
    await property(
      'payload mappers (forms)',
      fc.tuple(fc.constantFrom(...mappers), fc.json({ maxDepth: 5 })),
      ([[, map], text]) => {
        const result = map(JSON.parse(text))
        return typeof result.ok === 'boolean'
      },
    )
    await property(
      'payload mappers (HTML form fields)',
      fc.array(fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 })), {
        maxLength: 10,
      }),
      (fields) => typeof normaliseHtmlForm(fields, 'key-1').ok === 'boolean',
    )
    await property('payload schemas (bookings)', fc.json({ maxDepth: 5 }), (text) => {
      const value = JSON.parse(text) as unknown
      for (const schema of [
        CalendlyEnvelopeSchema,
        CalendlyInviteeSchema,
        CalcomEnvelopeSchema,
        CalcomBookingSchema,
      ]) {
        v.safeParse(schema, value)
      }
      return true
    })
  })

  it('verifies or refuses any signature header, never naming a secret', async () => {
    const header = fc.option(fc.string({ maxLength: 120 }), { nil: null })
    const body = fc.string({ maxLength: 200 })
    const now = String(Math.floor(Date.now() / 1000))
    await property(
      'signature headers (all schemes)',
      fc.tuple(header, header, body),
      async ([signature, timestamp, text]) => {
        const raw = new TextEncoder().encode(text)
        const outcomes = await Promise.all([
          refusesCleanly(
            verifySlack({
              secret: secrets.SLACK_SIGNING_SECRET,
              timestamp: timestamp ?? now,
              signature,
              body: raw,
            }),
          ),
          refusesCleanly(verifyTypeform({ secret: secrets.TYPEFORM_SECRET, signature, body: raw })),
          refusesCleanly(
            verifyTally({ secret: secrets.TALLY_SIGNING_SECRET, signature, body: raw }),
          ),
          refusesCleanly(
            verifyWebflow({ secret: secrets.WEBFLOW_SECRET, timestamp, signature, body: raw }),
          ),
          refusesCleanly(
            verifyCalendly({
              signingKey: secrets.CALENDLY_SIGNING_KEY,
              header: signature,
              body: raw,
            }),
          ),
          refusesCleanly(verifyCalcom({ secret: secrets.CALCOM_SECRET, signature, body: raw })),
          refusesCleanly(
            verifyStandardWebhook({
              secret: secrets.WEBHOOK_SECRET,
              headers: new Headers(
                signature === null
                  ? { 'webhook-id': 'msg_1', 'webhook-timestamp': timestamp ?? now }
                  : {
                      'webhook-id': 'msg_1',
                      'webhook-timestamp': timestamp ?? now,
                      'webhook-signature': signature,
                    },
              ),
              body: raw,
            }),
          ),
        ])
        return outcomes.every(Boolean)
      },
    )
  })
})
