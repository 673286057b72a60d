import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it } from 'vitest'
import { EnerpizeError } from '../../src/enerpize'
import {
  clearSandboxFaults,
  sandboxFaults,
  sandboxRecords,
  setSandboxFaults,
} from '../../src/sandbox'
import { sandboxClient, sandboxClientWith } from './sandbox-client'

const ENTRY = { staff_id: 1, project_id: 31, activity_id: 2, time: '0:30' }

async function failure(call: Promise<unknown>): Promise<EnerpizeError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof EnerpizeError))
    throw new Error(`expected an EnerpizeError, got ${String(error)}`)
  return error
}

async function entryCount(): Promise<number> {
  return (await sandboxRecords(env, 'time_tracking')).length
}

describe('EnerpizeClient against sandbox faults', () => {
  afterEach(() => {
    clearSandboxFaults()
  })

  it('answers 503 with Retry-After as many times as planned, then succeeds', async () => {
    setSandboxFaults([
      { method: 'POST', path: '/time_tracking.json', status: 503, times: 2, retryAfter: 1 },
    ])
    const enerpize = sandboxClient()
    const before = await entryCount()

    const first = await failure(enerpize.timeTracking.create(ENTRY))
    const second = await failure(enerpize.timeTracking.create(ENTRY))
    const id = await enerpize.timeTracking.create(ENTRY)

    for (const error of [first, second]) {
      expect(error).toMatchObject({
        kind: 'http',
        status: 503,
        retry: 'safe',
        retryAfterMs: 1000,
        enerpizeMessage: 'Service Unavailable',
      })
    }
    expect(id).toMatch(/^\d+$/)
    expect(await entryCount()).toBe(before + 1)
    expect(sandboxFaults()).toMatchObject([{ path: '/time_tracking.json', remaining: 0 }])
  })

  it('answers a planned 400 with its validation errors and stores nothing', async () => {
    setSandboxFaults([
      {
        path: '/time_tracking.json',
        status: 400,
        validationErrors: { time: 'must be H:MM' },
        times: 1,
      },
    ])
    const before = await entryCount()

    const error = await failure(sandboxClient().timeTracking.create(ENTRY))

    expect(error).toMatchObject({
      status: 400,
      retry: 'unsafe',
      validationErrors: { time: 'must be H:MM' },
    })
    expect(error.message).toBe(
      'Enerpize rejected POST /time_tracking.json (400): time: must be H:MM',
    )
    expect(await entryCount()).toBe(before)
  })

  it('answers 429 on a GET, which is safe to retry after the wait', async () => {
    setSandboxFaults([{ method: 'GET', path: '/staff.json', status: 429, retryAfter: 3 }])

    const error = await failure(sandboxClient().staff.list())

    expect(error).toMatchObject({ status: 429, retry: 'safe', retryAfterMs: 3000 })
  })

  it('matches a path prefix ending in * and leaves other methods alone', async () => {
    setSandboxFaults([{ method: 'GET', path: '/clients*', status: 500 }])
    const enerpize = sandboxClient()

    const onList = await failure(enerpize.clients.list())
    const onGet = await failure(enerpize.clients.get(1))
    const id = await enerpize.clients.create({ business_name: 'Unaffected Ltd' })

    expect(onList.status).toBe(500)
    expect(onGet.status).toBe(500)
    expect(id).toMatch(/^\d+$/)
  })

  it('times out a hung GET as safe to retry', async () => {
    setSandboxFaults([{ method: 'GET', path: '/site_info.json', hangMs: 500, times: 1 }])
    const enerpize = sandboxClientWith({ timeoutMs: 50 })

    const error = await failure(enerpize.siteInfo())

    expect(error).toMatchObject({ kind: 'timeout', status: null, retry: 'safe' })
  })

  it('times out a hung POST as unknown, and the create lands after the caller gave up', async () => {
    setSandboxFaults([{ method: 'POST', path: '/time_tracking.json', hangMs: 150, times: 1 }])
    const enerpize = sandboxClientWith({ timeoutMs: 30 })
    const before = await entryCount()

    const error = await failure(enerpize.timeTracking.create(ENTRY))
    const rightAfter = await entryCount()
    await new Promise((resolve) => setTimeout(resolve, 400))

    expect(error).toMatchObject({ kind: 'timeout', retry: 'unknown' })
    expect(rightAfter).toBe(before)
    expect(await entryCount()).toBe(before + 1)
  })

  it('drops the connection before touching data: a network error, nothing stored', async () => {
    setSandboxFaults([{ method: 'POST', path: '/time_tracking.json', reset: 'before', times: 1 }])
    const before = await entryCount()

    const error = await failure(sandboxClient().timeTracking.create(ENTRY))

    expect(error).toMatchObject({ kind: 'network', status: null, retry: 'unknown' })
    expect(error.cause).toBeInstanceOf(TypeError)
    expect(await entryCount()).toBe(before)
  })

  it('drops the connection after the create: the caller hears nothing but the entry exists', async () => {
    setSandboxFaults([{ method: 'POST', path: '/time_tracking.json', reset: 'after', times: 1 }])
    const before = await entryCount()

    const error = await failure(
      sandboxClient().timeTracking.create({ ...ENTRY, notes: 'reset-after marker' }),
    )

    expect(error).toMatchObject({ kind: 'network', retry: 'unknown' })
    const records = await sandboxRecords(env, 'time_tracking')
    expect(records).toHaveLength(before + 1)
    expect(records.at(-1)).toMatchObject({ notes: 'reset-after marker' })
  })

  it('reports a reset on a DELETE as safe to repeat', async () => {
    setSandboxFaults([{ method: 'DELETE', path: '/clients/*', reset: 'before' }])

    const error = await failure(sandboxClient().clients.delete(1))

    expect(error).toMatchObject({ kind: 'network', retry: 'safe' })
  })

  it('refuses a plan that does not validate, keeping the old one', () => {
    setSandboxFaults([{ path: '/staff.json', status: 500 }])

    expect(() => {
      setSandboxFaults([{ path: 'staff.json', status: 500 }])
    }).toThrow('path must start with /')
    expect(() => {
      setSandboxFaults([{ path: '/staff.json' }])
    }).toThrow('a fault needs a status, a hangMs or a reset')
    expect(sandboxFaults()).toMatchObject([{ path: '/staff.json', status: 500, remaining: null }])
  })
})
