import { describe, expect, it } from 'vitest'
import { EnerpizeClient, EnerpizeError } from '../../src/enerpize'
import { fakeFetch, json, silentFetch } from './fake-fetch'

const BASE = 'https://acme.enerpize.com/api2'
const KEY = 'live-key-7c41d9e2b8'
const ENTRY = { staff_id: 1, project_id: 31, activity_id: 2, time: '1:30' }

function clientWith(fetch: typeof globalThis.fetch, timeoutMs = 2_000): EnerpizeClient {
  return new EnerpizeClient({ baseUrl: BASE, apiKey: KEY, timeoutMs, fetch })
}

async function failure(call: Promise<unknown>): Promise<EnerpizeError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof EnerpizeError))
    throw new Error(`expected an EnerpizeError, got ${String(error)}`)
  return error
}

describe('EnerpizeClient requests', () => {
  it('sends the apikey header alone, never Authorization, and asks for JSON', async () => {
    const fake = fakeFetch(() => json({ code: 200, result: 'successful', data: { Site: {} } }))

    await clientWith(fake.fetch).siteInfo()

    const [sent] = fake.requests
    expect(sent?.request.url).toBe(`${BASE}/site_info.json`)
    expect(sent?.request.headers.get('apikey')).toBe(KEY)
    expect(sent?.request.headers.get('authorization')).toBeNull()
    expect(sent?.request.headers.get('accept')).toBe('application/json')
  })

  it('posts a time entry wrapped in its model key to the .json path', async () => {
    const fake = fakeFetch(() => json({ code: 202, result: 'successful', id: '2415' }, 202))

    const id = await clientWith(fake.fetch).timeTracking.create(ENTRY)

    expect(id).toBe('2415')
    const [sent] = fake.requests
    expect(sent?.request.method).toBe('POST')
    expect(sent?.request.url).toBe(`${BASE}/time_tracking.json`)
    expect(sent?.request.headers.get('content-type')).toBe('application/json')
    expect(JSON.parse(sent?.body ?? '')).toEqual({ TimeTracking: ENTRY })
  })

  it('turns a numeric id into a string', async () => {
    const fake = fakeFetch(() => json({ code: 202, result: 'successful', id: 2416 }, 202))

    const id = await clientWith(fake.fetch).timeTracking.create(ENTRY)

    expect(id).toBe('2416')
  })

  it('writes an appointment as FollowUpReminder and reads either wrapper', async () => {
    const fake = fakeFetch((request) =>
      request.method === 'POST'
        ? json({ code: 202, result: 'successful', id: '7' }, 202)
        : json({
            code: 200,
            result: 'successful',
            data: { FollowUpReminder: { id: '7', status: '1' } },
          }),
    )
    const enerpize = clientWith(fake.fetch)

    await enerpize.clientAppointments.create({
      date: '2026-07-16 14:00:00',
      item_id: 5,
      partner_type: 1,
      partner_id: 5,
    })
    const appointment = await enerpize.clientAppointments.get('7')

    expect(Object.keys(JSON.parse(fake.requests[0]?.body ?? '{}') as object)).toEqual([
      'FollowUpReminder',
    ])
    expect(appointment).toMatchObject({ id: '7', status: 1 })
  })

  it('edits with PUT and deletes with DELETE on the record path', async () => {
    const fake = fakeFetch(() => json({ code: 200, result: 'successful' }))
    const enerpize = clientWith(fake.fetch)

    await enerpize.clients.update('12', { email: 'new@example.com' })
    await enerpize.clients.delete('12')

    expect(fake.requests.map(({ request }) => `${request.method} ${request.url}`)).toEqual([
      `PUT ${BASE}/clients/12.json`,
      `DELETE ${BASE}/clients/12.json`,
    ])
    expect(JSON.parse(fake.requests[0]?.body ?? '')).toEqual({
      Client: { email: 'new@example.com' },
    })
  })

  it('sends page and limit and reads the pagination', async () => {
    const fake = fakeFetch(() =>
      json({
        code: 200,
        result: 'successful',
        data: [{ Client: { id: 101, business_name: 'A' } }, { Client: { id: '102', type: '2' } }],
        pagination: { prev: 1, next: 3, page: '2', page_count: '5', total_results: '98' },
      }),
    )

    const page = await clientWith(fake.fetch).clients.list({ page: 2, limit: 20 })

    expect(fake.requests[0]?.request.url).toBe(`${BASE}/clients.json?page=2&limit=20`)
    expect(page).toMatchObject({ page: 2, pageCount: 5, total: 98 })
    expect(page.items).toMatchObject([
      { id: '101', business_name: 'A' },
      { id: '102', type: 2 },
    ])
  })

  it('awaits beforeRequest before every call', async () => {
    const order: string[] = []
    const fake = fakeFetch((request) => {
      order.push(`fetch ${new URL(request.url).pathname}`)
      return json({ code: 200, result: 'successful', data: { Listing: {} } })
    })
    const enerpize = new EnerpizeClient({
      baseUrl: BASE,
      apiKey: KEY,
      timeoutMs: 1_000,
      fetch: fake.fetch,
      beforeRequest: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        order.push('wait')
      },
    })

    await enerpize.listing('TimeActivity')
    await enerpize.listing('Product')

    expect(order).toEqual([
      'wait',
      'fetch /api2/listing/TimeActivity.json',
      'wait',
      'fetch /api2/listing/Product.json',
    ])
  })

  it('fills path segments for notes and posts the attendance log without a suffix', async () => {
    const fake = fakeFetch(() => json({ code: 202, result: 'successful', id: '3' }, 202))
    const enerpize = clientWith(fake.fetch)

    await enerpize.resource('notes', { type: 'client', id: 7 }).create({ description: 'called' })
    await enerpize.resource('clientAttendanceLog').create({ time: '2026-07-16 09:00:00' })

    expect(fake.requests.map(({ request }) => request.url)).toEqual([
      `${BASE}/notes/client/7.json`,
      `${BASE}/client-attendance-log/store`,
    ])
    expect(JSON.parse(fake.requests[1]?.body ?? '')).toEqual({
      ClientAttendance: { time: '2026-07-16 09:00:00' },
    })
  })

  it('refuses an operation the reference does not document, without a request', async () => {
    const fake = fakeFetch(() => json({ code: 200, result: 'successful' }))
    const enerpize = clientWith(fake.fetch)

    const write = enerpize.resource('productCategories').delete('4')

    await expect(write).rejects.toThrow('Enerpize documents no delete for product_categories')
    expect(fake.requests).toHaveLength(0)
  })

  it('passes query and body through the low-level request', async () => {
    const fake = fakeFetch(() => json({ code: 200, result: 'successful', data: [] }))

    const body = await clientWith(fake.fetch).request('GET', 'invoices.json', {
      query: { page: 1, limit: 5, keywords: 'nile', client_id: undefined },
    })

    expect(fake.requests[0]?.request.url).toBe(`${BASE}/invoices.json?page=1&limit=5&keywords=nile`)
    expect(body).toEqual({ code: 200, result: 'successful', data: [] })
  })
})

describe('EnerpizeClient failures', () => {
  it('carries the fields of a 400 and names them in its message', async () => {
    const fake = fakeFetch(() =>
      json(
        {
          result: 'failed',
          code: 400,
          message: 'Bad Request',
          validation_errors: { time: 'must be H:MM', staff_id: ['is required', 'must exist'] },
        },
        400,
      ),
    )

    const error = await failure(clientWith(fake.fetch).timeTracking.create(ENTRY))

    expect(error).toMatchObject({
      kind: 'http',
      status: 400,
      retry: 'unsafe',
      method: 'POST',
      path: '/time_tracking.json',
      enerpizeMessage: 'Bad Request',
      validationErrors: { time: 'must be H:MM', staff_id: 'is required; must exist' },
    })
    expect(error.message).toBe(
      'Enerpize rejected POST /time_tracking.json (400): time: must be H:MM; staff_id: is required; must exist',
    )
  })

  it('reports a 401 as unsafe to retry', async () => {
    const fake = fakeFetch(() =>
      json({ result: 'failed', code: 401, message: 'Unauthorized' }, 401),
    )

    const error = await failure(clientWith(fake.fetch).staff.list())

    expect(error).toMatchObject({
      kind: 'http',
      status: 401,
      retry: 'unsafe',
      enerpizeMessage: 'Unauthorized',
    })
    expect(error.message).toBe('Enerpize rejected GET /staff.json (401): Unauthorized')
  })

  it('reports a 404 with Enerpize message', async () => {
    const fake = fakeFetch(() =>
      json({ result: 'failed', code: 404, message: 'Item not found' }, 404),
    )

    const error = await failure(clientWith(fake.fetch).clients.get(55))

    expect(error).toMatchObject({
      status: 404,
      path: '/clients/55.json',
      enerpizeMessage: 'Item not found',
    })
  })

  it('reads Retry-After seconds from a 429 and marks it safe to retry', async () => {
    const fake = fakeFetch(() =>
      json({ result: 'failed', code: 429, message: 'Too Many Requests' }, 429, {
        'Retry-After': '2',
      }),
    )

    const error = await failure(clientWith(fake.fetch).timeTracking.create(ENTRY))

    expect(error).toMatchObject({ kind: 'http', status: 429, retry: 'safe', retryAfterMs: 2000 })
  })

  it('reads Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString()
    const fake = fakeFetch(() =>
      json({ result: 'failed', code: 503, message: 'Service Unavailable' }, 503, {
        'Retry-After': at,
      }),
    )

    const error = await failure(clientWith(fake.fetch).staff.get(1))

    expect(error.retry).toBe('safe')
    expect(error.retryAfterMs).toBeGreaterThan(25_000)
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000)
  })

  it('marks a 500 safe to retry, with no Retry-After', async () => {
    const fake = fakeFetch(() =>
      json({ result: 'failed', code: 500, message: 'Internal Server Error' }, 500),
    )

    const error = await failure(clientWith(fake.fetch).timeTracking.create(ENTRY))

    expect(error).toMatchObject({
      kind: 'http',
      status: 500,
      retry: 'safe',
      retryAfterMs: undefined,
    })
  })

  it('treats a 2xx whose body says failed as the failure it reports', async () => {
    const fake = fakeFetch(() => json({ result: 'failed', code: 403, message: 'Forbidden' }, 200))

    const error = await failure(clientWith(fake.fetch).siteInfo())

    expect(error).toMatchObject({ kind: 'http', status: 403, enerpizeMessage: 'Forbidden' })
  })

  it('times out a POST that gets no answer and cannot say whether it took effect', async () => {
    const enerpize = clientWith(silentFetch, 50)

    const error = await failure(enerpize.timeTracking.create(ENTRY))

    expect(error).toMatchObject({ kind: 'timeout', status: null, retry: 'unknown', method: 'POST' })
    expect(error.message).toBe(
      'Enerpize did not answer POST /time_tracking.json in time: no answer within 50 ms',
    )
  })

  it('times out a GET and marks it safe to repeat', async () => {
    const enerpize = clientWith(silentFetch, 50)

    const error = await failure(enerpize.clients.get(1))

    expect(error).toMatchObject({ kind: 'timeout', retry: 'safe' })
  })

  it('aborts the fetch through its signal when the time is up', async () => {
    let aborted: unknown
    const listening: typeof fetch = (_input, init) =>
      new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => {
          aborted = init.signal?.reason
          reject(new DOMException('aborted', 'AbortError'))
        })
      })

    const error = await failure(clientWith(listening, 50).clients.update(3, { city: 'Giza' }))

    expect(error).toMatchObject({ kind: 'timeout', retry: 'safe', method: 'PUT' })
    expect(aborted).toMatchObject({ name: 'TimeoutError' })
  })

  it('times out a body that starts but never finishes', async () => {
    const stalled: typeof fetch = () =>
      Promise.resolve(new Response(new ReadableStream({ start: () => undefined }), { status: 200 }))

    const error = await failure(clientWith(stalled, 50).staff.list())

    expect(error).toMatchObject({ kind: 'timeout', retry: 'safe' })
  })

  it('reports a network error on a POST as unknown and on a DELETE as safe', async () => {
    const refused: typeof fetch = () => Promise.reject(new TypeError('Network connection lost.'))
    const enerpize = clientWith(refused)

    const onCreate = await failure(enerpize.clients.create({ business_name: 'Delta' }))
    const onDelete = await failure(enerpize.clients.delete(4))

    expect(onCreate).toMatchObject({ kind: 'network', status: null, retry: 'unknown' })
    expect(onCreate.message).toBe(
      'Could not reach Enerpize for POST /clients.json: Network connection lost.',
    )
    expect(onDelete).toMatchObject({ kind: 'network', retry: 'safe' })
  })

  it('reports an HTML error page from a proxy as an invalid response, safe to retry', async () => {
    const fake = fakeFetch(
      () =>
        new Response('<html>Bad gateway</html>', {
          status: 502,
          headers: { 'Content-Type': 'text/html' },
        }),
    )

    const error = await failure(clientWith(fake.fetch).timeTracking.create(ENTRY))

    expect(error).toMatchObject({ kind: 'invalid-response', status: 502, retry: 'safe' })
    expect(error.message).toBe(
      'Enerpize answered POST /time_tracking.json (502) with an unexpected body: body is not JSON (text/html)',
    )
  })

  it('reports a success that is not JSON as an invalid response, unsafe to retry', async () => {
    const fake = fakeFetch(() => new Response('OK', { status: 202 }))

    const error = await failure(clientWith(fake.fetch).timeTracking.create(ENTRY))

    expect(error).toMatchObject({ kind: 'invalid-response', status: 202, retry: 'unsafe' })
  })

  it('reports a create answered without an id as an invalid response', async () => {
    const fake = fakeFetch(() => json({ code: 202, result: 'successful' }, 202))

    const error = await failure(clientWith(fake.fetch).timeTracking.create(ENTRY))

    expect(error).toMatchObject({ kind: 'invalid-response', retry: 'unsafe' })
  })

  it('reports a record under an unexpected model key as an invalid response', async () => {
    const fake = fakeFetch(() =>
      json({ code: 200, result: 'successful', data: { Invoice: { id: '1' } } }),
    )

    const error = await failure(clientWith(fake.fetch).clients.get(1))

    expect(error).toMatchObject({ kind: 'invalid-response', enerpizeMessage: 'no Client record' })
  })

  it('reports a record whose fields are the wrong type as an invalid response', async () => {
    const fake = fakeFetch(() =>
      json({
        code: 200,
        result: 'successful',
        data: { TimeTracking: { id: '1', staff_id: 'Amira' } },
      }),
    )

    const error = await failure(clientWith(fake.fetch).timeTracking.get(1))

    expect(error.kind).toBe('invalid-response')
    expect(error.enerpizeMessage).toContain('staff_id')
  })

  it('never shows the key, even when Enerpize echoes it back', async () => {
    const fake = fakeFetch(() =>
      json(
        {
          result: 'failed',
          code: 401,
          message: `Invalid API key ${KEY}`,
          validation_errors: { apikey: `${KEY} is revoked` },
        },
        401,
      ),
    )

    const error = await failure(clientWith(fake.fetch).siteInfo())

    expect(error.message).not.toContain(KEY)
    expect(JSON.stringify(error.validationErrors)).not.toContain(KEY)
    expect(error.enerpizeMessage).toBe('Invalid API key [redacted]')
  })
})
