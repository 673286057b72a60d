import { describe, expect, it } from 'vitest'
import { uniqueEmail, uniqueId } from '../fixtures/forms/contact'
import { flatFields } from '../fixtures/forms/webhook'
import { eventually } from '../support/wait'
import {
  bridgeWith,
  clientsWithEmail,
  SAMPLE_CONTACT,
  send,
  SENDERS,
  webhook,
  type Sender,
} from './support'

const SECRET_BINDINGS: Readonly<Record<string, string>> = {
  typeform: 'TYPEFORM_SECRET',
  tally: 'TALLY_SIGNING_SECRET',
  webflow: 'WEBFLOW_SECRET',
  webhook: 'WEBHOOK_SECRET',
  jotform: 'FORM_TOKEN',
  html: 'FORM_TOKEN',
}

/** The client a submission made, once the queue has delivered it. */
function clientAppears(email: string) {
  return eventually(async () => {
    const found = await clientsWithEmail(email)
    return found.length > 0 ? found : undefined
  }, `a client with ${email}`)
}

/** What the route answered, read as the sender would: JSON, or an HTML page. */
async function answer(res: Response): Promise<Record<string, unknown> | string> {
  const type = res.headers.get('content-type') ?? ''
  return type.includes('json') ? res.json() : res.text()
}

function describeRoute(sender: Sender) {
  const fresh = () => ({ id: uniqueId(`${sender.source}-`), email: uniqueEmail(sender.source) })
  const browser = sender.source === 'html'

  describe(`POST ${sender.route}`, () => {
    it('accepts a genuine submission and creates its client', async () => {
      const { id, email } = fresh()

      const res = await send(sender, { id, contact: { ...SAMPLE_CONTACT, email } })

      if (browser) {
        expect(res.status).toBe(200)
        expect(await res.text()).toContain('Thank you')
      } else {
        expect(res.status).toBe(202)
        const body = await res.json<{ accepted: boolean; event: string }>()
        expect(body.accepted).toBe(true)
        expect(body.event).toMatch(/^ev_/)
      }
      const [client] = await clientAppears(email)
      expect(client).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace', type: '3' })
      expect(client?.['business_name']).toBe('Analytical Engines Ltd')
    })

    it('answers a repeat of the same submission as a duplicate and creates nothing more', async () => {
      const { id, email } = fresh()
      const contact = { ...SAMPLE_CONTACT, email }
      await send(sender, { id, contact })

      const res = await send(sender, { id, contact })

      expect(res.status).toBe(200)
      if (!browser) expect(await res.json()).toMatchObject({ duplicate: true })
      await clientAppears(email)
      expect(await clientsWithEmail(email)).toHaveLength(1)
    })

    it('answers 409 when the same id comes with other answers', async () => {
      const { id, email } = fresh()
      await send(sender, { id, contact: { ...SAMPLE_CONTACT, email } })

      const res = await send(sender, {
        id,
        contact: { ...SAMPLE_CONTACT, email, message: 'Changed' },
      })

      expect(res.status).toBe(409)
    })

    it('rejects a request signed with another secret', async () => {
      const { id, email } = fresh()

      const res = await send(sender, {
        id,
        contact: { ...SAMPLE_CONTACT, email },
        signing: 'forged',
      })

      expect(res.status).toBe(401)
      expect(await clientsWithEmail(email)).toHaveLength(0)
    })

    it('rejects a request without a signature', async () => {
      const { id, email } = fresh()

      const res = await send(sender, { id, contact: { ...SAMPLE_CONTACT, email }, signing: 'none' })

      expect(res.status).toBe(401)
      if (!browser) expect(await res.json()).toMatchObject({ error: 'signature_invalid' })
    })

    if (sender.timestamped) {
      it('rejects a signature more than five minutes old', async () => {
        const { id, email } = fresh()

        const res = await send(sender, {
          id,
          contact: { ...SAMPLE_CONTACT, email },
          at: Date.now() - 6 * 60 * 1000,
        })

        expect(res.status).toBe(401)
        expect(await res.json()).toMatchObject({ message: 'timestamp too old' })
      })
    }

    it('refuses a body over 1 MB', async () => {
      const { path, init } = await sender.build({ id: uniqueId('big-') })
      const type = new Headers(init.headers).get('content-type') ?? ''

      const res = await send(sender, {
        id: uniqueId('big-'),
        body: 'x'.repeat(1024 * 1024 + 1),
        headers: {
          'content-type': type.startsWith('multipart') ? 'application/x-www-form-urlencoded' : type,
        },
      })

      expect(path).toContain(sender.route)
      expect(res.status).toBe(413)
    })

    it('refuses a content type the route does not take', async () => {
      const res = await send(sender, {
        id: uniqueId('type-'),
        headers: {
          'content-type': sender.json ? 'application/x-www-form-urlencoded' : 'application/json',
        },
      })

      expect(res.status).toBe(415)
    })

    it('answers 422 with the reasons for a submission with neither an e-mail nor a name', async () => {
      const res = await send(sender, {
        id: uniqueId('anon-'),
        contact: { message: 'Just saying hello' },
      })

      expect(res.status).toBe(422)
      const body = await answer(res)
      if (typeof body === 'string')
        expect(body).toContain('Please give your e-mail address or your name.')
      else {
        expect(body['error']).toBe('invalid_payload')
        expect(body['issues']).toContain(
          'the submission has no e-mail address and no name, so it cannot become a client',
        )
      }
    })

    it('answers 503 and takes nothing while its secret is unset', async () => {
      const unconfigured = bridgeWith({ [SECRET_BINDINGS[sender.source] ?? '']: '' })
      const { path, init } = await sender.build({ id: uniqueId('off-') })

      const res = await unconfigured(path, init)

      expect(res.status).toBe(503)
      const body = await answer(res)
      expect(JSON.stringify(body)).not.toContain('test-')
    })
  })
}

for (const sender of SENDERS) describeRoute(sender)

describe('malformed bodies', () => {
  const jsonSenders = SENDERS.filter((s) => s.json)

  it.each(jsonSenders.map((s) => [s.source, s] as const))(
    'answers 422 to a signed %s body that is not JSON',
    async (_name, sender) => {
      const res = await send(sender, { id: uniqueId('bad-'), body: '{"form_response": ' })

      expect(res.status).toBe(422)
      expect(await res.json()).toMatchObject({ message: 'the body is not JSON' })
    },
  )

  it.each(jsonSenders.map((s) => [s.source, s] as const))(
    'answers 422 with the reasons to a signed %s body of another shape',
    async (_name, sender) => {
      const res = await send(sender, { id: uniqueId('bad-'), body: '["not", "a", "submission"]' })

      expect(res.status).toBe(422)
      const body = await res.json<{ issues: string[] }>()
      expect(body.issues.length).toBeGreaterThan(0)
    },
  )

  it('answers 422 to a Jotform post whose rawRequest is not JSON', async () => {
    const jotform = SENDERS.find((s) => s.source === 'jotform')
    if (!jotform) throw new Error('no jotform sender')

    const res = await send(jotform, { id: uniqueId('jf-'), body: '{q3_' })

    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ issues: ['rawRequest: not JSON'] })
  })

  it('answers 422 to a multipart body whose boundary does not match', async () => {
    const jotform = SENDERS.find((s) => s.source === 'jotform')
    if (!jotform) throw new Error('no jotform sender')

    const res = await send(jotform, {
      id: uniqueId('jf-'),
      headers: { 'content-type': 'multipart/form-data; boundary=nothing-like-it' },
    })

    expect(res.status).toBe(422)
  })
})

describe('POST /forms/webhook: a flat object of fields', () => {
  it('takes the fields without the envelope', async () => {
    const email = uniqueEmail('flat')
    const body = JSON.stringify({
      ...flatFields({ email, firstName: 'Ada' }),
      Source: 'own script',
    })

    const res = await send(webhook, { id: uniqueId('msg_'), body })

    expect(res.status).toBe(202)
    const [client] = await clientAppears(email)
    expect(client?.['notes']).toContain('Source: own script')
  })
})
