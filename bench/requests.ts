import {
  signCalcom,
  signCalendly,
  signSlack,
  signStandardWebhook,
  signTally,
  signTypeform,
  signWebflow,
} from '../src/verify/sign'
import { calcomWebhook } from '../test/fixtures/calendar/calcom'
import { calendlyWebhook } from '../test/fixtures/calendar/calendly'
import { multipart, urlencoded } from '../test/fixtures/forms/encode'
import { htmlFormFields } from '../test/fixtures/forms/html'
import { jotformParts } from '../test/fixtures/forms/jotform'
import { tallyPayload } from '../test/fixtures/forms/tally'
import { typeformPayload } from '../test/fixtures/forms/typeform'
import { webflowPayload } from '../test/fixtures/forms/webflow'
import { googleFormsEnvelope } from '../test/fixtures/forms/webhook'

/**
 * The requests the benchmark sends: each route's genuine, signed request, as its source would
 * send it, built from the same fixtures the tests use. Shared by the load generator (in Node)
 * and the CPU timer (inside workerd), so both measure the same work.
 */

/** Every route measured, `ping` being the bare route the others are compared with. */
export const BENCH_ROUTES = [
  'ping',
  'slack',
  'typeform',
  'tally',
  'webflow',
  'webhook',
  'jotform',
  'html',
  'calendly',
  'calcom',
] as const

export type BenchRoute = (typeof BENCH_ROUTES)[number]

/** One request, ready to send; `marker` appears in the Enerpize record it leads to. */
export interface BenchRequest {
  readonly route: BenchRoute
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string | Uint8Array
  readonly marker: string
}

export interface RequestContext {
  /** The secrets the bridge runs with, by binding name. */
  readonly secrets: Readonly<Record<string, string | undefined>>
  /** A Slack user linked to a staff member. */
  readonly slackUser: string
  /** Where Slack would be told the outcome: a loopback URL. */
  readonly responseUrl: string
  /** Keeps markers of different runs apart. */
  readonly run: string
  /**
   * When set, form and booking e-mails repeat over this many people (returning leads, found
   * through the bridge's e-mail index); otherwise every event brings a new person.
   */
  readonly people?: number
}

function secret(ctx: RequestContext, name: string): string {
  return ctx.secrets[name] ?? ''
}

/** The `n`th request to `route`: a new event each time, signed now. */
export async function buildRequest(
  route: BenchRoute,
  n: number,
  ctx: RequestContext,
): Promise<BenchRequest> {
  const marker = `b${ctx.run}${route.slice(0, 3)}${String(n)}`
  const person = ctx.people === undefined ? marker : `p${String(n % ctx.people)}`
  const email = `${person}@bench.example`
  const contact = {
    email,
    firstName: 'Bench',
    lastName: person,
    company: `Company ${person}`,
    phone: '+44 20 7946 0018',
    message: `Benchmark submission ${marker}`,
  }
  const json = (
    payload: unknown,
    sign: (body: string) => Promise<Readonly<Record<string, string>>>,
    path: string,
  ) => {
    const body = JSON.stringify(payload)
    return sign(body).then((headers): BenchRequest => ({
      route,
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', ...headers },
      body,
      marker,
    }))
  }

  switch (route) {
    case 'ping':
      return { route, method: 'GET', path: '/ping', headers: {}, marker }
    case 'slack': {
      const body = new URLSearchParams({
        team_id: 'TBENCH',
        team_domain: 'bench',
        channel_id: 'CBENCH',
        channel_name: 'general',
        user_id: ctx.slackUser,
        user_name: 'bench',
        command: '/time',
        text: `1h #website +design ${marker}`,
        api_app_id: 'ABENCH',
        response_url: ctx.responseUrl,
        trigger_id: '',
      }).toString()
      const headers = await signSlack({ secret: secret(ctx, 'SLACK_SIGNING_SECRET'), body })
      return {
        route,
        method: 'POST',
        path: '/slack/commands',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body,
        marker,
      }
    }
    case 'typeform':
      return json(
        typeformPayload(marker, contact),
        (body) => signTypeform({ secret: secret(ctx, 'TYPEFORM_SECRET'), body }),
        '/forms/typeform',
      )
    case 'tally':
      return json(
        tallyPayload(marker, contact),
        (body) => signTally({ secret: secret(ctx, 'TALLY_SIGNING_SECRET'), body }),
        '/forms/tally',
      )
    case 'webflow':
      return json(
        webflowPayload(marker, contact),
        (body) => signWebflow({ secret: secret(ctx, 'WEBFLOW_SECRET'), body }),
        '/forms/webflow',
      )
    case 'webhook':
      return json(
        googleFormsEnvelope(contact),
        (body) =>
          signStandardWebhook({ secret: secret(ctx, 'WEBHOOK_SECRET'), body, id: `msg_${marker}` }),
        '/forms/webhook',
      )
    case 'jotform': {
      const encoded = await multipart(jotformParts(marker, contact))
      return {
        route,
        method: 'POST',
        path: `/forms/jotform?token=${encodeURIComponent(secret(ctx, 'FORM_TOKEN'))}`,
        headers: { 'content-type': encoded.contentType },
        body: encoded.body,
        marker,
      }
    }
    case 'html':
      return {
        route,
        method: 'POST',
        path: '/forms/html',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: urlencoded(
          htmlFormFields(contact, { token: secret(ctx, 'FORM_TOKEN'), idempotency_key: marker }),
        ),
        marker,
      }
    case 'calendly':
      return json(
        calendlyWebhook({ id: marker, email, name: `Bench ${person}` }),
        (body) => signCalendly({ signingKey: secret(ctx, 'CALENDLY_SIGNING_KEY'), body }),
        '/calendar/calendly',
      )
    case 'calcom':
      return json(
        calcomWebhook({ id: marker, email, name: `Bench ${person}` }),
        (body) => signCalcom({ secret: secret(ctx, 'CALCOM_SECRET'), body }),
        '/calendar/calcom',
      )
  }
}

/** The answer each route gives an event it took in (the HTML form's is a thank-you page). */
export function acknowledged(route: BenchRoute, status: number): boolean {
  if (route === 'ping' || route === 'slack' || route === 'html') return status === 200
  return status === 202
}
