import { createServer, type Server } from 'node:http'

/** What the bridge posted to the listener. */
export interface Posted {
  readonly path: string
  readonly body: string
}

/**
 * A loopback HTTP server that records what is posted to it: the bridge's Slack `response_url`
 * replies and its alert webhook point here, so nothing leaves the machine.
 */
export interface Listener {
  readonly origin: string
  posted(): readonly Posted[]
  close(): Promise<void>
}

export async function startListener(): Promise<Listener> {
  const posts: Posted[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      posts.push({ path: req.url ?? '', body })
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address !== 'object') throw new Error('listener has no port')
  return {
    origin: `http://127.0.0.1:${String(address.port)}`,
    posted: () => [...posts],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
