import { exports } from 'cloudflare:workers'

/** The bridge's default export, called in-process as a caller over HTTP would. */
const worker = (exports as unknown as { default: Fetcher }).default

/** Sends a request to the bridge; `path` is relative to its origin. */
export function bridge(path: string, init?: RequestInit): Promise<Response> {
  return worker.fetch(new Request(new URL(path, 'http://bridge.test'), init))
}
