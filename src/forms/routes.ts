import { Hono, type Context } from 'hono'
import { HTML_FORM_FIELDS, normaliseHtmlForm } from '../../functions/forms/html-form'
import { normaliseJotform } from '../../functions/forms/jotform'
import { normaliseTally } from '../../functions/forms/tally'
import { normaliseTypeform } from '../../functions/forms/typeform'
import { normaliseWebflow } from '../../functions/forms/webflow'
import { normaliseWebhook } from '../../functions/forms/webhook'
import { requireSecret } from '../config'
import { BridgeError, InvalidPayloadError } from '../errors'
import type { AppEnv } from '../http/app-env'
import { log } from '../log'
import { readBody, requireMediaType, sha256Hex } from '../pipeline/body'
import {
  verifyStandardWebhook,
  verifyTally,
  verifyToken,
  verifyTypeform,
  verifyWebflow,
} from '../verify'
import { canonicalFields, fieldValue, firstValues, parseFormBody } from './form-body'
import { errorPage, thankYouPage, type FormProblem } from './html-page'
import { requireAllowedOrigin } from './origin'
import { acceptanceJson, NO_CLIENT, parseJson, receive } from './receive'

const JSON_TYPES = ['application/json']
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/** A repeat of a form without an `idempotency_key` is recognised by its answers for a day. */
const FIELD_HASH_TTL_SECONDS = 24 * 60 * 60

const BRIDGE_FIELDS: ReadonlySet<string> = new Set([
  HTML_FORM_FIELDS.token,
  HTML_FORM_FIELDS.idempotencyKey,
  HTML_FORM_FIELDS.honeypot,
])

/** `POST /forms/*`: every form source, each verified its own way, all becoming clients. */
export const forms = new Hono<AppEnv>()

// Each handler reads as: the source's secret (503 when unset), its content type (415), the raw
// body (413), the signature over those bytes (401), then the payload (422), the claim (409)
// and the answer.

forms.post('/forms/typeform', async (c) => {
  const secret = requireSecret(c.get('config'), 'TYPEFORM_SECRET', 'Typeform')
  requireMediaType(c.req.raw, JSON_TYPES)
  const body = await readBody(c.req.raw)

  await verifyTypeform({ secret, signature: c.req.header('typeform-signature'), body })

  return acceptanceJson(c, await receive(c, normaliseTypeform(parseJson(body)), body))
})

forms.post('/forms/tally', async (c) => {
  const secret = requireSecret(c.get('config'), 'TALLY_SIGNING_SECRET', 'Tally')
  requireMediaType(c.req.raw, JSON_TYPES)
  const body = await readBody(c.req.raw)

  await verifyTally({ secret, signature: c.req.header('tally-signature'), body })

  return acceptanceJson(c, await receive(c, normaliseTally(parseJson(body)), body))
})

forms.post('/forms/webflow', async (c) => {
  const secret = requireSecret(c.get('config'), 'WEBFLOW_SECRET', 'Webflow')
  requireMediaType(c.req.raw, JSON_TYPES)
  const body = await readBody(c.req.raw)

  await verifyWebflow({
    secret,
    timestamp: c.req.header('x-webflow-timestamp'),
    signature: c.req.header('x-webflow-signature'),
    body,
  })

  return acceptanceJson(c, await receive(c, normaliseWebflow(parseJson(body)), body))
})

forms.post('/forms/webhook', async (c) => {
  const secret = requireSecret(c.get('config'), 'WEBHOOK_SECRET', 'The webhook endpoint')
  requireMediaType(c.req.raw, JSON_TYPES)
  const body = await readBody(c.req.raw)

  await verifyStandardWebhook({ secret, headers: c.req.raw.headers, body })

  // The signature covers `webhook-id`, which stays the same across the sender's retries.
  const id = c.req.header('webhook-id') ?? ''
  return acceptanceJson(c, await receive(c, normaliseWebhook(parseJson(body), id), body))
})

forms.post('/forms/jotform', async (c) => {
  const expected = requireSecret(c.get('config'), 'FORM_TOKEN', 'Jotform')
  // Jotform cannot sign: the secret is the token in the webhook URL, checked before the body.
  await verifyToken({ expected, given: c.req.query('token') })
  const type = requireMediaType(c.req.raw, FORM_TYPES)
  const body = await readBody(c.req.raw)

  const fields = await parseFormBody(c.req.header('content-type') ?? type, body)
  const normalised = normaliseJotform(firstValues(fields))
  return acceptanceJson(c, await receive(c, normalised, canonicalFields(fields, new Set())))
})

forms.post('/forms/html', async (c) => {
  const config = c.get('config')
  const expected = requireSecret(config, 'FORM_TOKEN', 'This form')
  requireAllowedOrigin(c.req.header('origin'), config.forms.origins)
  const type = requireMediaType(c.req.raw, FORM_TYPES)
  const body = await readBody(c.req.raw)
  const fields = await parseFormBody(c.req.header('content-type') ?? type, body)

  // The token may sit in a hidden field or on the form's action URL.
  await verifyToken({
    expected,
    given: fieldValue(fields, HTML_FORM_FIELDS.token) ?? c.req.query('token'),
  })

  // A filled honeypot is a bot. It is answered exactly as a person would be, and nothing is
  // created: a refusal would tell the bot's author which field gave it away, and a bot that
  // believes it succeeded does not come back with a smarter guess.
  if ((fieldValue(fields, HTML_FORM_FIELDS.honeypot) ?? '').trim() !== '') {
    log('info', 'form submission caught by the honeypot', { source: 'html', result: 'spam' })
    return thanks(c)
  }

  // The page's own key identifies a resubmission; without one, the answers themselves do.
  const canonical = canonicalFields(fields, BRIDGE_FIELDS)
  const key = fieldValue(fields, HTML_FORM_FIELDS.idempotencyKey)?.trim() ?? ''
  const id = key === '' ? `fields:${await sha256Hex(canonical)}` : key
  await receive(
    c,
    normaliseHtmlForm(fields, id),
    canonical,
    key === '' ? FIELD_HASH_TTL_SECONDS : undefined,
  )
  return thanks(c)
})

/** 303 to `FORM_SUCCESS_URL`, or a plain thank-you page; the same for a first and a repeat. */
function thanks(c: Context<AppEnv>): Response {
  const url = c.get('config').forms.successUrl
  return url === undefined ? c.html(thankYouPage()) : c.redirect(url, 303)
}

// A browser gets a page it can show; the form tools get JSON with every reason a payload was
// refused. Other failures are left to the app's own handler.
forms.onError((error, c) => {
  const status = error instanceof BridgeError ? error.status : 500
  const browser = c.req.path === '/forms/html'
  if (!browser && !(error instanceof InvalidPayloadError)) throw error

  log(status >= 500 ? 'error' : 'warn', error.message, {
    code: error instanceof BridgeError ? error.code : 'internal',
    status,
    path: c.req.path,
    ...(error instanceof InvalidPayloadError ? { issues: error.issues } : {}),
  })
  if (browser) return c.html(errorPage(problemFor(error)), status as 400)
  const invalid = error as InvalidPayloadError
  return c.json(
    { error: invalid.code, message: invalid.message, issues: invalid.issues },
    invalid.status as 422,
  )
})

/** The words a person reads for each way a form can fail; never a secret, never a stack. */
function problemFor(error: Error): FormProblem {
  if (!(error instanceof BridgeError)) {
    return {
      title: 'Something went wrong',
      message: 'The form could not be sent. Please try again in a few minutes.',
    }
  }
  switch (error.status) {
    case 401:
      return {
        title: 'This form cannot be sent',
        message:
          'The form is missing its access code or has an outdated one. Reload the page and try again.',
      }
    case 403:
      return {
        title: 'This form cannot be sent from here',
        message: 'This form only accepts submissions from its own website.',
      }
    case 409:
      return {
        title: 'This form was already sent',
        message: 'It was sent before with different answers. Reload the page to send it again.',
      }
    case 413:
      return {
        title: 'This form is too large',
        message:
          'The answers or attached files are larger than 1 MB. Remove a file or shorten the answers.',
      }
    case 415:
      return {
        title: 'This form cannot be sent',
        message: 'The form posts its answers in a way the server does not accept.',
      }
    case 422:
      return {
        title: 'Please check your answers',
        message: 'The form could not be sent as it is.',
        // The visitor is told what to add; the questions the bridge did not recognise are for
        // the site's owner, who sees them in the log.
        details:
          error.message === NO_CLIENT
            ? ['Please give your e-mail address or your name.']
            : error instanceof InvalidPayloadError
              ? [...error.issues]
              : [],
      }
    default:
      return {
        title: 'The form could not be sent',
        message: 'The server could not take it just now. Please try again in a few minutes.',
      }
  }
}
