import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { StandInFault } from '../../bench/enerpize-stand-in'
import type { EventRecord } from '../../src/pipeline/events'
import { eventSettles } from '../support/wait'
import {
  callsSince,
  clearFaults,
  deliver,
  linkedSlackUser,
  newEvent,
  quiet,
  recordedEvent,
  recordsOfAll,
  report,
  setFaults,
  type Source,
  type SourceEvent,
} from './support'

/** The sources whose deliveries make each kind of record: a time entry, a client, a booking. */
const FAULT_SOURCES: readonly Source[] = ['slack', 'typeform', 'calendly']
const EVENTS_PER_SOURCE = 2

interface Plan {
  readonly name: string
  /** The faults for the plan's events, matched by their markers in the bodies of creates. */
  readonly faults: (markers: readonly string[]) => StandInFault[]
  /** How every event of the plan must end. */
  readonly ends: 'delivered' | 'refused' | 'dead'
}

/** The same faults for each event, on its own requests only. */
function perEvent(faults: (marker: string) => StandInFault[]) {
  return (markers: readonly string[]) => markers.flatMap(faults)
}

const PLANS: readonly Plan[] = [
  {
    name: '503 twice, then healthy',
    faults: perEvent((marker) => [
      { method: 'POST', path: '/*', bodyIncludes: marker, status: 503, times: 2 },
    ]),
    ends: 'delivered',
  },
  {
    name: '429 with Retry-After: 1, then healthy',
    faults: perEvent((marker) => [
      { method: 'POST', path: '/*', bodyIncludes: marker, status: 429, retryAfter: 1, times: 1 },
    ]),
    ends: 'delivered',
  },
  {
    name: 'connection reset before the work is done',
    faults: perEvent((marker) => [
      { method: 'POST', path: '/*', bodyIncludes: marker, reset: 'before', times: 1 },
    ]),
    ends: 'delivered',
  },
  {
    name: 'connection reset after the record was created',
    faults: perEvent((marker) => [
      { method: 'POST', path: '/*', bodyIncludes: marker, reset: 'after', times: 1 },
    ]),
    ends: 'delivered',
  },
  {
    name: '20 s hang after the record was created',
    faults: perEvent((marker) => [
      { method: 'POST', path: '/*', bodyIncludes: marker, hangMs: 20_000, times: 1 },
    ]),
    ends: 'delivered',
  },
  {
    name: '20 s hang, then 503, nothing created',
    faults: perEvent((marker) => [
      { method: 'POST', path: '/*', bodyIncludes: marker, hangMs: 20_000, status: 503, times: 1 },
    ]),
    ends: 'delivered',
  },
  {
    name: '503 on the client lookups, three times',
    faults: () => [{ method: 'GET', path: '/clients.json', status: 503, times: 3 }],
    ends: 'delivered',
  },
  {
    name: '400 with a validation error, every time',
    faults: perEvent((marker) => [
      {
        method: 'POST',
        path: '/*',
        bodyIncludes: marker,
        status: 400,
        validationErrors: { notes: 'is not allowed here' },
      },
    ]),
    ends: 'refused',
  },
  {
    name: '503 on every attempt',
    faults: perEvent((marker) => [
      { method: 'POST', path: '/*', bodyIncludes: marker, status: 503 },
    ]),
    ends: 'dead',
  },
]

let slackUser = ''

beforeAll(async () => {
  await clearFaults()
  slackUser = await linkedSlackUser()
})

afterEach(async () => {
  await clearFaults()
})

/** The event a delivery started: named in a 202, or found by its marker (Slack answers text). */
async function eventOf(event: SourceEvent, text: string): Promise<EventRecord> {
  if (event.source === 'slack') return recordedEvent(event)
  const { event: id } = JSON.parse(text) as { event?: string }
  if (id === undefined) throw new Error(`no event in ${text}`)
  return { id } as EventRecord
}

describe('Enerpize faults', () => {
  it.each(PLANS)(
    'ends every event delivered once or stopped with a reason: $name',
    async (plan) => {
      const events: SourceEvent[] = []
      for (const source of FAULT_SOURCES) {
        for (let i = 0; i < EVENTS_PER_SOURCE; i++) events.push(await newEvent(source, slackUser))
      }
      await setFaults(plan.faults(events.map((event) => event.marker)))
      const started = Date.now()

      const answers = await Promise.all(events.map((event) => deliver(event)))
      const settled = await Promise.all(
        events.map(async (event, i) => {
          const { id } = await eventOf(event, answers[i]?.text ?? '')
          return eventSettles(id, ['delivered', 'failed', 'dead'], 120_000)
        }),
      )
      await quiet()
      const records = await recordsOfAll(events)

      let delivered = 0
      let stopped = 0
      let lost = 0
      let doubled = 0
      settled.forEach((record, i) => {
        const count = records[i] ?? 0
        if (record.status === 'delivered') {
          if (count === 1) delivered += 1
          else if (count === 0) lost += 1
          else doubled += count - 1
        } else {
          // Refused or dead: the reason must be on the event, and nothing may have been made.
          if (record.error?.message) stopped += 1
          else lost += 1
          doubled += count
        }
      })
      const calls = await callsSince(started)
      const retryGaps = events.flatMap((event) => {
        const mine = calls.filter(
          (call) => call.method === 'POST' && call.body.includes(event.marker),
        )
        const limited = mine.findIndex((call) => call.status === 429)
        const next = mine[limited + 1]
        const first = mine[limited]
        return limited === -1 || next === undefined || first === undefined
          ? []
          : [next.at - first.at]
      })
      // Proof the plan was exercised: failures answered, connections dropped or answers held.
      const injected = calls.filter((call) => call.status === 0 || call.status >= 400).length
      await report({
        kind: 'fault',
        injected,
        fault: plan.name,
        events: events.length,
        delivered,
        stopped,
        lost,
        doubled,
        ...(retryGaps.length > 0 ? { shortestRetryAfterGap: Math.min(...retryGaps) } : {}),
      })

      expect(injected).toBeGreaterThan(0)

      expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 })
      const expected =
        plan.ends === 'delivered' ? 'delivered' : plan.ends === 'refused' ? 'failed' : 'dead'
      expect(settled.map((record) => record.status)).toEqual(events.map(() => expected))
      if (plan.ends === 'refused') {
        for (const record of settled) expect(record.error?.message).toContain('is not allowed here')
      }
      if (plan.ends === 'dead') {
        for (const record of settled) expect(record.attempts).toHaveLength(4)
      }
      // Retry-After is a floor: the next attempt waits at least that long.
      for (const gap of retryGaps) expect(gap).toBeGreaterThanOrEqual(950)
    },
  )
})
