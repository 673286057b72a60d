import { beforeEach, describe, expect, it } from 'vitest'
import { uniqueEmail, uniqueId } from '../fixtures/forms/contact'
import { clearFaults, records, setFaults } from '../support/sandbox'
import { eventSettles } from '../support/wait'
import { clientsWithEmail, html, send, tally, typeform, webhook } from './support'

/** Sends a submission and waits until the queue has delivered it. */
async function delivered(res: Response) {
  expect(res.status).toBe(202)
  const { event } = await res.json<{ event: string }>()
  return eventSettles(event)
}

beforeEach(async () => {
  await clearFaults()
})

describe('an e-mail that is already a client', () => {
  it('fills the empty fields, overwrites nothing set and appends a note', async () => {
    const email = uniqueEmail('existing')
    const first = await delivered(
      await send(typeform, { id: uniqueId('tf-'), contact: { email, firstName: 'Ada' } }),
    )

    const second = await delivered(
      await send(tally, {
        id: uniqueId('tl-'),
        contact: {
          email: email.toUpperCase(),
          firstName: 'Augusta',
          lastName: 'Lovelace',
          phone: '+44 20 7946 0018',
          message: 'Second enquiry',
        },
      }),
    )

    const clients = await clientsWithEmail(email)
    expect(clients).toHaveLength(1)
    const [client] = clients
    expect(client).toMatchObject({
      email,
      first_name: 'Ada',
      last_name: 'Lovelace',
      phone1: '+44 20 7946 0018',
    })
    expect(client?.['notes']).toContain(
      'Form submission (Tally, 2026-07-16): Contact us\nSecond enquiry',
    )
    expect(first.results[0]).toMatchObject({ resource: 'clients', action: 'created' })
    expect(second.results[0]).toMatchObject({ id: client?.id, action: 'updated' })
    expect(second.record).toEqual({ resource: 'clients', id: client?.id })
  })

  it('appends each later submission to the notes, keeping the earlier ones', async () => {
    const email = uniqueEmail('notes')
    const contact = { email, firstName: 'Ada', lastName: 'Lovelace' }
    await delivered(await send(webhook, { id: uniqueId('msg_'), contact }))

    const again = await delivered(await send(webhook, { id: uniqueId('msg_'), contact }))

    const [client] = await clientsWithEmail(email)
    expect(again.results[0]).toMatchObject({ action: 'updated' })
    expect(client?.['notes']).toBe(
      [
        'Which services interest you?: Audit, Support',
        '',
        'Form submission (webhook, 2026-07-16): google_forms.response',
        'Which services interest you?: Audit, Support',
      ].join('\n'),
    )
  })
})

describe('never a duplicate client', () => {
  it('makes one client from five concurrent deliveries of one submission', async () => {
    const email = uniqueEmail('five')
    const id = uniqueId('tf-')

    const answers = await Promise.all(
      Array.from({ length: 5 }, () => send(typeform, { id, contact: { email, firstName: 'Ada' } })),
    )

    const statuses = answers.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 200, 200, 200, 202])
    const accepted = answers.find((r) => r.status === 202)
    if (accepted) await delivered(accepted)
    expect(await clientsWithEmail(email)).toHaveLength(1)
  })

  it('makes one client from two submissions of one e-mail in different case', async () => {
    const email = uniqueEmail('case')

    const [a, b] = await Promise.all([
      send(typeform, { id: uniqueId('tf-'), contact: { email, firstName: 'Ada' } }),
      send(tally, {
        id: uniqueId('tl-'),
        contact: { email: email.toUpperCase(), lastName: 'Lovelace' },
      }),
    ])

    await Promise.all([delivered(a), delivered(b)])
    const clients = await clientsWithEmail(email)
    expect(clients).toHaveLength(1)
    expect(clients[0]).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace' })
  })

  it('makes one client when Enerpize answers 503 twice before taking it', async () => {
    const email = uniqueEmail('retry')
    await setFaults([{ method: 'POST', path: '/clients.json', status: 503, times: 2 }])

    const event = await delivered(
      await send(typeform, { id: uniqueId('tf-'), contact: { email, firstName: 'Ada' } }),
    )

    expect(event.status).toBe('delivered')
    expect(event.attempts.map((a) => a.outcome)).toEqual(['retrying', 'retrying', 'delivered'])
    expect(await clientsWithEmail(email)).toHaveLength(1)
  })

  it('makes one client, with its notes once, when the answer to the create is lost', async () => {
    const email = uniqueEmail('lost')
    await setFaults([{ method: 'POST', path: '/clients.json', reset: 'after', times: 1 }])

    const event = await delivered(
      await send(typeform, {
        id: uniqueId('tf-'),
        contact: { email, firstName: 'Ada', message: 'Only once, please' },
      }),
    )

    expect(event.status).toBe('delivered')
    const clients = await clientsWithEmail(email)
    expect(clients).toHaveLength(1)
    const notes = clients[0]?.['notes']
    expect(typeof notes === 'string' ? notes.split('Only once, please') : []).toHaveLength(2)
  })

  it('creates nothing for a submission the bridge refuses', async () => {
    const before = (await records('clients')).length

    const res = await send(html, { id: uniqueId('h-'), contact: { message: 'no name, no e-mail' } })

    expect(res.status).toBe(422)
    expect((await records('clients')).length).toBe(before)
  })
})
