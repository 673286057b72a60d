/**
 * Sends a signed sample event to the local bridge and prints the answer:
 *
 *   npm run trigger -- slack "2h #website fixed the header"
 *   npm run trigger -- typeform
 *
 * Secrets come from `.dev.vars` (created by `npm start`); the bridge's address from BRIDGE_URL
 * (default http://127.0.0.1:8787). Only loopback addresses are accepted.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { TriggerSample } from './trigger/sample'
import { samples } from './trigger/samples'

function readDevVars(): Record<string, string> {
  const file = existsSync('.dev.vars') ? '.dev.vars' : '.dev.vars.example'
  const vars: Record<string, string> = {}
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line)
    if (match?.[1] !== undefined && match[2] !== undefined) {
      vars[match[1]] = match[2].replace(/^"(.*)"$/, '$1')
    }
  }
  return vars
}

async function main(): Promise<number> {
  const [source, ...args] = process.argv.slice(2)
  const sample: TriggerSample | undefined = source === undefined ? undefined : samples[source]
  if (!sample) {
    console.error(
      `usage: npm run trigger -- <source> [args…]\nsources: ${Object.keys(samples).join(', ')}`,
    )
    return 2
  }
  if (args[0] === 'help') {
    console.log(sample.usage)
    return 0
  }

  const base = new URL(process.env['BRIDGE_URL'] ?? 'http://127.0.0.1:8787')
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
    console.error('BRIDGE_URL must be a loopback address')
    return 2
  }
  const request = await sample.build(args, readDevVars())
  const url = new URL(sample.route + (request.query ? `?${request.query}` : ''), base)
  const res = await fetch(url, {
    method: 'POST',
    headers: request.headers,
    body: typeof request.body === 'string' ? request.body : Buffer.from(request.body),
    redirect: 'manual',
  })
  const text = await res.text()
  console.log(`${String(res.status)} ${res.statusText}`)
  const location = res.headers.get('location')
  if (location) console.log(`Location: ${location}`)
  try {
    console.log(JSON.stringify(JSON.parse(text), null, 2))
  } catch {
    console.log(text)
  }
  return res.status < 400 ? 0 : 1
}

process.exitCode = await main()
