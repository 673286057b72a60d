import { bridge } from '../support/bridge'

/** The sandbox's key when ENERPIZE_API_KEY is unset, as in the tests. */
export const KEY = 'sandbox'

/** What an Enerpize failure body holds. */
export interface FailureBody {
  result: string
  code: number
  message: string
  validation_errors?: Record<string, string>
}

/** Calls the sandbox through the bridge at `/sandbox/api2{path}` with the sandbox key and JSON. */
export function api(
  path: string,
  init: { method?: string; body?: unknown; key?: string | null } = {},
): Promise<Response> {
  const headers = new Headers({ Accept: 'application/json' })
  if (init.key !== null) headers.set('apikey', init.key ?? KEY)
  if (init.body !== undefined) headers.set('Content-Type', 'application/json')
  return bridge(`/sandbox/api2${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  })
}

/** Posts a record wrapped in `model` and returns the status and the parsed body. */
export async function create(
  path: string,
  model: string,
  record: Record<string, unknown>,
): Promise<{ status: number; body: FailureBody & { id?: string } }> {
  const res = await api(path, { body: { [model]: record } })
  return { status: res.status, body: await res.json() }
}
