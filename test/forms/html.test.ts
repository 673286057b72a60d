import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { errorPage, escapeHtml } from '../../src/forms/html-page'
import { EventStore } from '../../src/pipeline/events'
import { uniqueEmail, uniqueId } from '../fixtures/forms/contact'
import { multipart, urlencoded } from '../fixtures/forms/encode'
import { htmlFormFields } from '../fixtures/forms/html'
import { bridge } from '../support/bridge'
import { eventually } from '../support/wait'
import { bridgeWith, clientsWithEmail, SAMPLE_CONTACT, SECRETS } from './support'

const FORM = 'application/x-www-form-urlencoded'

function post(body: string | Uint8Array, type = FORM, headers: Record<string, string> = {}) {
  return { method: 'POST', headers: { 'content-type': type, ...headers }, body }
}

function fieldsFor(email: string, extra: Record<string, string> = {}) {
  return htmlFormFields({ ...SAMPLE_CONTACT, email }, { token: SECRETS.formToken, ...extra })
}

function clientAppears(email: string) {
  return eventually(async () => {
    const found = await clientsWithEmail(email)
    return found.length > 0 ? found : undefined
  }, `a client with ${email}`)
}

describe('POST /forms/html: answering a browser', () => {
  it('redirects with 303 to FORM_SUCCESS_URL once the submission is queued', async () => {
    const email = uniqueEmail('html')
    const withSuccess = bridgeWith({ FORM_SUCCESS_URL: 'https://analytical.example/thanks' })

    const res = await withSuccess('/forms/html', post(urlencoded(fieldsFor(email))))

    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('https://analytical.example/thanks')
    await clientAppears(email)
  })

  it('takes the token from the action URL when the form has no token field', async () => {
    const email = uniqueEmail('html')
    const fields = htmlFormFields({ ...SAMPLE_CONTACT, email })

    const res = await bridge(`/forms/html?token=${SECRETS.formToken}`, post(urlencoded(fields)))

    expect(res.status).toBe(200)
    await clientAppears(email)
  })

  it('takes a multipart form, noting an uploaded file without keeping it', async () => {
    const email = uniqueEmail('html')
    const data = new FormData()
    for (const [name, value] of fieldsFor(email)) data.append(name, value)
    data.append('brief', new File(['a'.repeat(2048)], 'brief.pdf', { type: 'application/pdf' }))
    const encoded = new Response(data)

    const res = await bridge(
      '/forms/html',
      post(new Uint8Array(await encoded.arrayBuffer()), encoded.headers.get('content-type') ?? ''),
    )

    expect(res.status).toBe(200)
    const [client] = await clientAppears(email)
    expect(client?.['notes']).toContain('Brief: brief.pdf (a file of 2048 bytes, not kept)')
  })

  it('shows a readable error page with a 4xx status for a submission it cannot take', async () => {
    const res = await bridge(
      '/forms/html',
      post(urlencoded(htmlFormFields({ message: 'hi' }, { token: SECRETS.formToken }))),
    )

    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toContain('text/html')
    const page = await res.text()
    expect(page).toContain('<h1>Please check your answers</h1>')
    expect(page).toContain('Please give your e-mail address or your name.')
  })

  it('never shows the expected token on the page for a wrong one', async () => {
    const res = await bridge(
      '/forms/html',
      post(urlencoded(htmlFormFields(undefined, { token: 'guess' }))),
    )

    expect(res.status).toBe(401)
    expect(await res.text()).not.toContain(SECRETS.formToken)
  })
})

describe('POST /forms/html: spam and other sites', () => {
  it('answers a filled honeypot as if accepted, and creates nothing', async () => {
    const email = uniqueEmail('bot')
    const fields = fieldsFor(email).map(([name, value]): [string, string] =>
      name === 'website_url' ? [name, 'https://spam.example'] : [name, value],
    )

    const res = await bridge('/forms/html', post(urlencoded(fields)))

    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Thank you')
    const events = await new EventStore(env.IDEMPOTENCY).list({ source: 'html', limit: 200 })
    expect(events.events.some((e) => e.summary.includes(email))).toBe(false)
    expect(await clientsWithEmail(email)).toHaveLength(0)
  })

  it('refuses a form from a site outside FORM_ORIGINS with 403', async () => {
    const limited = bridgeWith({
      FORM_ORIGINS: 'https://analytical.example\nhttps://www.analytical.example',
    })
    const email = uniqueEmail('origin')

    const res = await limited(
      '/forms/html',
      post(urlencoded(fieldsFor(email)), FORM, { origin: 'https://evil.example' }),
    )

    expect(res.status).toBe(403)
    expect(await res.text()).toContain('only accepts submissions from its own website')
  })

  it('refuses a form without an Origin header while FORM_ORIGINS is set', async () => {
    const limited = bridgeWith({ FORM_ORIGINS: 'https://analytical.example' })

    const res = await limited('/forms/html', post(urlencoded(fieldsFor(uniqueEmail('origin')))))

    expect(res.status).toBe(403)
  })

  it('takes a form from a listed site', async () => {
    const limited = bridgeWith({ FORM_ORIGINS: 'https://analytical.example/' })
    const email = uniqueEmail('origin')

    const res = await limited(
      '/forms/html',
      post(urlencoded(fieldsFor(email)), FORM, { origin: 'https://Analytical.example' }),
    )

    expect(res.status).toBe(200)
    await clientAppears(email)
  })
})

describe('POST /forms/html: repeats', () => {
  it('recognises the same answers sent twice without an idempotency key', async () => {
    const email = uniqueEmail('twice')
    const fields = fieldsFor(email)

    const first = await bridge('/forms/html', post(urlencoded(fields)))
    const encoded = await multipart(fields)
    const second = await bridge('/forms/html', post(encoded.body, encoded.contentType))

    expect([first.status, second.status]).toEqual([200, 200])
    await clientAppears(email)
    const events = await new EventStore(env.IDEMPOTENCY).list({ source: 'html', limit: 200 })
    const statuses = events.events.filter((e) => e.summary.includes(email)).map((e) => e.status)
    expect(statuses).toContain('duplicate')
    expect(statuses).toHaveLength(2)
  })

  it('takes FORM_FIELDS into account for this source', async () => {
    const email = uniqueEmail('mapped')
    const mapped = bridgeWith({ FORM_FIELDS: JSON.stringify({ html: { reach_me_at: 'email' } }) })
    const fields: [string, string][] = [
      ['token', SECRETS.formToken],
      ['idempotency_key', uniqueId('k')],
      ['reach_me_at', email],
    ]

    const res = await mapped('/forms/html', post(urlencoded(fields)))

    expect(res.status).toBe(200)
    await clientAppears(email)
  })
})

describe('error pages', () => {
  it('escapes whatever they show', () => {
    const page = errorPage({
      title: '<b>',
      message: '"x" & y',
      details: ["<script>alert('x')</script>"],
    })

    expect(page).not.toContain('<script>')
    expect(page).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;')
    expect(escapeHtml('&<>"\'')).toBe('&amp;&lt;&gt;&quot;&#39;')
  })
})
