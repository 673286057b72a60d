import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { getConfig } from '../../src/config'
import { enerpizeFor } from '../../src/connection'
import { sandboxRecords } from '../../src/sandbox'
import { api } from './api'

/** Whether `ids` are `n` consecutive whole numbers, in any order. */
function consecutive(ids: readonly string[]): boolean {
  const sorted = ids.map(Number).sort((a, b) => a - b)
  return sorted.every((id, i) => i === 0 || id === (sorted[i - 1] ?? Number.NaN) + 1)
}

describe('sandbox writes under concurrency', () => {
  it('gives 50 concurrent creates from one caller 50 distinct consecutive ids', async () => {
    const enerpize = enerpizeFor(env, getConfig(env))
    const before = (await sandboxRecords(env, 'time_tracking')).length

    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        enerpize.timeTracking.create({
          staff_id: i % 4,
          project_id: 31,
          activity_id: 2,
          time: '0:15',
          notes: `concurrent ${String(i)}`,
        }),
      ),
    )

    expect(new Set(ids).size).toBe(50)
    expect(consecutive(ids)).toBe(true)
    expect(await sandboxRecords(env, 'time_tracking')).toHaveLength(before + 50)
  })

  it('gives 50 concurrent HTTP creates 50 distinct consecutive ids', async () => {
    const before = (await sandboxRecords(env, 'clients')).length

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api('/clients.json', { body: { Client: { business_name: `Lead ${String(i)}` } } }),
      ),
    )

    const ids = await Promise.all(answers.map(async (res) => (await res.json<{ id: string }>()).id))
    expect(answers.map((res) => res.status)).toEqual(Array.from({ length: 50 }, () => 202))
    expect(new Set(ids).size).toBe(50)
    expect(consecutive(ids)).toBe(true)
    expect(await sandboxRecords(env, 'clients')).toHaveLength(before + 50)
  })

  it('applies concurrent edits of one record one after another', async () => {
    const enerpize = enerpizeFor(env, getConfig(env))
    const id = await enerpize.clients.create({ business_name: 'Busy Ltd' })

    await Promise.all([
      enerpize.clients.update(id, { city: 'Alexandria' }),
      enerpize.clients.update(id, { phone1: '+20 3 123 4567' }),
      enerpize.clients.update(id, { notes: 'prefers e-mail' }),
    ])

    expect(await enerpize.clients.get(id)).toMatchObject({
      city: 'Alexandria',
      phone1: '+20 3 123 4567',
      notes: 'prefers e-mail',
    })
  })
})
