import { beforeAll, describe, expect, it } from 'vitest'
import {
  MODE,
  SOURCES,
  accepted,
  clearFaults,
  deliver,
  linkedSlackUser,
  newEvent,
  percentile,
  quiet,
  recordsOf,
  report,
  repeated,
  type Delivery,
  type SourceEvent,
} from './support'
import { eventually } from '../support/wait'

const DELIVERIES = 50

let slackUser = ''

beforeAll(async () => {
  await clearFaults()
  slackUser = await linkedSlackUser()
})

/** Waits for the event's record, then for the queue to empty, and counts what Enerpize got. */
async function settledRecords(event: SourceEvent): Promise<number> {
  await eventually(
    async () => ((await recordsOf(event)) > 0 ? true : undefined),
    `a record for ${event.marker}`,
    60_000,
  )
  await quiet()
  return recordsOf(event)
}

async function storm(
  event: SourceEvent,
  pattern: 'concurrent' | 'sequential',
): Promise<Delivery[]> {
  if (pattern === 'concurrent') {
    return Promise.all(Array.from({ length: DELIVERIES }, () => deliver(event)))
  }
  const deliveries: Delivery[] = []
  for (let i = 0; i < DELIVERIES; i++) deliveries.push(await deliver(event))
  return deliveries
}

describe.each(SOURCES)(`duplicate storms (${MODE} claims): %s`, (source) => {
  it.each(['concurrent', 'sequential'] as const)(
    `turns ${String(DELIVERIES)} %s deliveries of one event into one Enerpize record`,
    async (pattern) => {
      const event = await newEvent(source, slackUser)

      const deliveries = await storm(event, pattern)
      const records = await settledRecords(event)

      const taken = deliveries.filter((d) => accepted(event, d)).length
      const repeats = deliveries.filter((d) => repeated(event, d)).length
      const refused = deliveries.filter((d) => d.status >= 300 && d.status !== 303)
      await report({
        kind: 'storm',
        source,
        pattern,
        deliveries: deliveries.length,
        accepted: source === 'html' ? null : taken,
        refused: refused.length,
        records,
        ackP99: percentile(
          deliveries.map((d) => d.ms),
          99,
        ),
      })
      expect(refused.map((d) => `${String(d.status)} ${d.text.slice(0, 200)}`)).toEqual([])
      if (source !== 'html') {
        expect(taken).toBe(1)
        expect(repeats).toBe(DELIVERIES - 1)
      }
      expect(records).toBe(1)
    },
  )
})
