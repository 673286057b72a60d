import { env } from 'cloudflare:workers'
import type { EventRecord, EventStatus } from '../../src/pipeline/events'

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export async function readEvent(id: string): Promise<EventRecord | null> {
  return env.IDEMPOTENCY.get<EventRecord>(`event:${id}`, 'json')
}

/** Waits for an event to reach one of `statuses` (through the real queue consumer). */
export function eventSettles(
  id: string,
  statuses: readonly EventStatus[] = ['delivered', 'failed', 'dead'],
  timeoutMs?: number,
): Promise<EventRecord> {
  return eventually(
    async () => {
      const event = await readEvent(id)
      return event && statuses.includes(event.status) ? event : undefined
    },
    `event ${id} to become ${statuses.join(' or ')}`,
    timeoutMs,
  )
}
