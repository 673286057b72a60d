import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { getConfig } from '../../src/config'
import { enerpizeFor } from '../../src/connection'
import type { DeliveryContext } from '../../src/pipeline/context'
import {
  ensureClient,
  findClientByEmail,
  normaliseEmail,
} from '../../src/pipeline/executors/client'
import type { ClientDraft } from '../../src/pipeline/operations'
import { uniqueEmail, uniqueId } from '../fixtures/forms/contact'
import { clearFaults, records, setFaults } from '../support/sandbox'
import { clientsWithEmail } from './support'

function context(overrides: Partial<DeliveryContext> = {}): DeliveryContext {
  const config = getConfig(env)
  return {
    env,
    config,
    enerpize: enerpizeFor(env, config),
    kv: env.IDEMPOTENCY,
    event: { id: uniqueId('ev_'), source: 'typeform', dedupeKey: uniqueId('k') },
    attempt: 1,
    uncertain: false,
    ...overrides,
  }
}

beforeEach(async () => {
  await clearFaults()
})

describe('ensureClient', () => {
  it('answers matched, changing nothing, when the same note is delivered again', async () => {
    const draft: ClientDraft = { type: 2, email: uniqueEmail('replay'), first_name: 'Ada' }
    await ensureClient(draft, undefined, context())
    const note = 'Form submission (Typeform, 2026-07-16)'
    await ensureClient(draft, note, context())

    const outcome = await ensureClient(draft, note, context())

    expect(outcome.action).toBe('matched')
    const [client] = await clientsWithEmail(draft.email ?? '')
    expect(client?.['notes']).toBe(note)
  })

  it('adds no second copy of its notes after a create that may have happened', async () => {
    const draft: ClientDraft = {
      type: 2,
      email: uniqueEmail('uncertain'),
      first_name: 'Ada',
      notes: 'Budget: 5k-10k',
    }
    await ensureClient(draft, undefined, context())

    const outcome = await ensureClient(
      draft,
      'Form submission (Typeform, 2026-07-16)',
      context({ uncertain: true }),
    )

    expect(outcome.action).toBe('matched')
    const [client] = await clientsWithEmail(draft.email ?? '')
    expect(client?.['notes']).toBe('Budget: 5k-10k')
  })

  it('treats a blank e-mail as none, never as the e-mail of clients that have none', async () => {
    const name = uniqueId('Nameless')
    const before = (await records('clients')).length

    const outcome = await ensureClient(
      { type: 3, email: '  ', business_name: name },
      undefined,
      context(),
    )

    expect(outcome.action).toBe('created')
    expect((await records('clients')).length).toBe(before + 1)
    expect(await findClientByEmail(context(), '')).toBeUndefined()
  })

  it('finds a client by e-mail without the index, and indexes it', async () => {
    const email = uniqueEmail('scan')
    const { id } = await ensureClient({ type: 2, email, first_name: 'Ada' }, undefined, context())
    const ctx = context()
    await ctx.kv.delete(await indexKeyFor(email))

    const found = await findClientByEmail(ctx, `  ${email.toUpperCase()} `)

    expect(found?.id).toBe(id)
    expect(await ctx.kv.get(await indexKeyFor(email))).toBe(id)
  })

  it('does not trust an index entry that points at a client with another e-mail', async () => {
    const email = uniqueEmail('stale')
    const other = await ensureClient(
      { type: 2, email: uniqueEmail('other'), first_name: 'B' },
      undefined,
      context(),
    )
    const ctx = context()
    await ctx.kv.put(await indexKeyFor(email), other.id)

    const found = await findClientByEmail(ctx, email)

    expect(found).toBeUndefined()
    expect(await ctx.kv.get(await indexKeyFor(email))).toBeNull()
  })

  it('lets a refusal from Enerpize through, for the event to record', async () => {
    await setFaults([
      {
        method: 'POST',
        path: '/clients.json',
        status: 400,
        validationErrors: { email: 'must be unique' },
        times: 1,
      },
    ])

    const attempt = ensureClient({ type: 2, email: uniqueEmail('refused') }, undefined, context())

    await expect(attempt).rejects.toMatchObject({ status: 400 })
  })
})

async function indexKeyFor(email: string): Promise<string> {
  const bytes = new TextEncoder().encode(normaliseEmail(email))
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return `clients:email:${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('')}`
}
