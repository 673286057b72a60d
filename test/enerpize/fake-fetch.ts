/** A stand-in for the network: answers each request with `answer` and records what was sent. */
export interface FakeFetch {
  readonly fetch: typeof fetch
  /** Every request sent, in order, with its body read as text. */
  readonly requests: { request: Request; body: string }[]
}

/** Builds a fake `fetch` from a function of the request. */
export function fakeFetch(answer: (request: Request) => Response | Promise<Response>): FakeFetch {
  const requests: { request: Request; body: string }[] = []
  return {
    requests,
    fetch: async (input, init) => {
      const request = new Request(input, init)
      requests.push({ request, body: await request.clone().text() })
      return answer(request)
    },
  }
}

/** An Enerpize-shaped JSON answer. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers })
}

/** A fetch that never answers and ignores its abort signal, like a peer that went silent. */
export const silentFetch: typeof fetch = () => new Promise<Response>(() => undefined)
