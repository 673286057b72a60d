import { env } from 'cloudflare:workers'
import { createExecutionContext } from 'cloudflare:test'
import type { FormSource } from '../../functions/forms/answer'
import { app } from '../../src/app'
import { signStandardWebhook, signTally, signTypeform, signWebflow } from '../../src/verify'
import type { SampleContact } from '../fixtures/forms/contact'
import { SAMPLE_CONTACT } from '../fixtures/forms/contact'
import { multipart, urlencoded } from '../fixtures/forms/encode'
import { htmlFormFields } from '../fixtures/forms/html'
import { jotformParts } from '../fixtures/forms/jotform'
import { tallyPayload } from '../fixtures/forms/tally'
import { typeformPayload } from '../fixtures/forms/typeform'
import { webflowPayload } from '../fixtures/forms/webflow'
import { googleFormsEnvelope } from '../fixtures/forms/webhook'
import { bridge } from '../support/bridge'
import { records } from '../support/sandbox'

/** The secrets `vitest.config.ts` gives the test worker. */
export const SECRETS = {
  typeform: 'test-typeform-secret',
  tally: 'test-tally-secret',
  webflow: 'test-webflow-secret',
  formToken: 'test-form-token',
  webhook: 'whsec_dGVzdC13ZWJob29rLXNlY3JldC0xMjM0NTY3OA==',
} as const

/** How a request is signed: as the vendor would, with another secret, or not at all. */
export type Signing = 'valid' | 'forged' | 'none'

export interface SendOptions {
  /** The submission's own id (the dedupe key). */
  readonly id: string
  readonly contact?: SampleContact
  /** A raw body to send instead of the fixture (still signed as `signing` says). */
  readonly body?: string
  readonly signing?: Signing
  /** Milliseconds since the epoch the signature claims (Webflow, Standard Webhooks). */
  readonly at?: number
  readonly headers?: Record<string, string>
}

/** A request to one route, ready for `bridge`. */
export interface Built {
  readonly path: string
  readonly init: RequestInit
}

/** Each form source as a sender: how to build a request for a submission. */
export interface Sender {
  readonly source: FormSource
  readonly route: string
  /** Whether the scheme signs a timestamp that can go stale. */
  readonly timestamped: boolean
  /** Whether the body is JSON (else a form encoding). */
  readonly json: boolean
  build(options: SendOptions): Promise<Built>
}

const FORGED = 'not-the-secret'

function jsonInit(body: string, headers: Record<string, string>, extra?: Record<string, string>) {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...extra },
    body,
  }
}

export const typeform: Sender = {
  source: 'typeform',
  route: '/forms/typeform',
  timestamped: false,
  json: true,
  async build({ id, contact, body, signing = 'valid', headers }) {
    const text = body ?? JSON.stringify(typeformPayload(id, contact))
    const secret = signing === 'forged' ? FORGED : SECRETS.typeform
    const signed = signing === 'none' ? {} : await signTypeform({ secret, body: text })
    return { path: this.route, init: jsonInit(text, signed, headers) }
  },
}

export const tally: Sender = {
  source: 'tally',
  route: '/forms/tally',
  timestamped: false,
  json: true,
  async build({ id, contact, body, signing = 'valid', headers }) {
    const text = body ?? JSON.stringify(tallyPayload(id, contact))
    const secret = signing === 'forged' ? FORGED : SECRETS.tally
    const signed = signing === 'none' ? {} : await signTally({ secret, body: text })
    return { path: this.route, init: jsonInit(text, signed, headers) }
  },
}

export const webflow: Sender = {
  source: 'webflow',
  route: '/forms/webflow',
  timestamped: true,
  json: true,
  async build({ id, contact, body, signing = 'valid', at, headers }) {
    const text = body ?? JSON.stringify(webflowPayload(id, contact))
    const secret = signing === 'forged' ? FORGED : SECRETS.webflow
    const signed =
      signing === 'none' ? {} : await signWebflow({ secret, body: text, timestamp: at })
    return { path: this.route, init: jsonInit(text, signed, headers) }
  },
}

export const webhook: Sender = {
  source: 'webhook',
  route: '/forms/webhook',
  timestamped: true,
  json: true,
  async build({ id, contact, body, signing = 'valid', at, headers }) {
    const text = body ?? JSON.stringify(googleFormsEnvelope(contact))
    const secret =
      signing === 'forged' ? 'whsec_bm90LXRoZS1zZWNyZXQtYXQtYWxsLTEyMzQ1Ng==' : SECRETS.webhook
    const timestamp = at === undefined ? undefined : Math.floor(at / 1000)
    const signed =
      signing === 'none'
        ? { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) }
        : await signStandardWebhook({ secret, body: text, id, timestamp })
    return { path: this.route, init: jsonInit(text, signed, headers) }
  },
}

function tokenFor(signing: Signing): string | undefined {
  return signing === 'valid' ? SECRETS.formToken : signing === 'forged' ? FORGED : undefined
}

export const jotform: Sender = {
  source: 'jotform',
  route: '/forms/jotform',
  timestamped: false,
  json: false,
  async build({ id, contact, body, signing = 'valid', headers }) {
    const token = tokenFor(signing)
    const path = token === undefined ? this.route : `${this.route}?token=${token}`
    const parts =
      body === undefined ? jotformParts(id, contact) : { submissionID: id, rawRequest: body }
    const encoded = await multipart(parts)
    return {
      path,
      init: {
        method: 'POST',
        headers: { 'content-type': encoded.contentType, ...headers },
        body: encoded.body,
      },
    }
  },
}

export const html: Sender = {
  source: 'html',
  route: '/forms/html',
  timestamped: false,
  json: false,
  build({ id, contact, body, signing = 'valid', headers }) {
    const token = tokenFor(signing)
    const fields = htmlFormFields(contact, {
      idempotency_key: id,
      ...(token === undefined ? {} : { token }),
    })
    return Promise.resolve({
      path: this.route,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: body ?? urlencoded(fields),
      },
    })
  },
}

/** Every source, for the tests every route must pass. */
export const SENDERS: readonly Sender[] = [typeform, tally, webflow, webhook, jotform, html]

/** Builds and sends a request for one submission. */
export async function send(sender: Sender, options: SendOptions): Promise<Response> {
  const { path, init } = await sender.build(options)
  return bridge(path, init)
}

/** The sandbox's clients with an e-mail address, compared without case. */
export async function clientsWithEmail(email: string) {
  const wanted = email.toLowerCase()
  return (await records('clients')).filter(
    (r) => typeof r['email'] === 'string' && r['email'].toLowerCase() === wanted,
  )
}

/**
 * Sends a request to the bridge running with extra settings (`FORM_ORIGINS`, `FORM_FIELDS`, an
 * unset secret, …). The test worker's bindings are fixed, so the app is called directly with a
 * copy of them: the same KV namespace and queue, other settings.
 */
export function bridgeWith(settings: Readonly<Record<string, string>>) {
  const bindings: Env = { ...env, ...settings }
  return (path: string, init?: RequestInit): Promise<Response> =>
    Promise.resolve(
      app.fetch(
        new Request(new URL(path, 'http://bridge.test'), init),
        bindings,
        createExecutionContext(),
      ),
    )
}

export { SAMPLE_CONTACT }
