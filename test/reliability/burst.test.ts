import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ACK_LIMIT_MS,
  MAX_RPS,
  accepted,
  callsSince,
  clearFaults,
  deliver,
  linkedSlackUser,
  newEvent,
  percentile,
  quiet,
  recordsOfAll,
  allRecorded,
  report,
  setThrottle,
  type Delivery,
  type Source,
  type SourceEvent,
} from './support'

/** 200 distinct events, in the proportions a busy hour might bring them. */
const MIX: Readonly<Record<Source, number>> = {
  slack: 40,
  typeform: 30,
  tally: 20,
  webflow: 20,
  webhook: 20,
  jotform: 20,
  html: 20,
  calendly: 15,
  calcom: 15,
}

// Enerpize publishes no rate limit; the stand-in plays one a tenth above what the bridge is
// configured to keep to, so any burst the limiter lets through shows up as 429 answers.
const THROTTLE = Math.ceil(MAX_RPS * 1.1)

let slackUser = ''

beforeAll(async () => {
  await clearFaults()
  slackUser = await linkedSlackUser()
  // The first command fills the project and activity caches; the burst measures the rest.
  await deliver(await newEvent('slack', slackUser))
  await quiet()
  await setThrottle({ perSecond: THROTTLE, retryAfter: 1 })
})

afterAll(async () => {
  await setThrottle(undefined)
})

/** The most calls that arrived within any one second. */
function busiestSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b)
  let peak = 0
  let start = 0
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= 1000) start += 1
    peak = Math.max(peak, end - start + 1)
  }
  return peak
}

describe('a burst of 200 distinct events', () => {
  it('accepts each, delivers each once and keeps to the outbound rate', async () => {
    const events: SourceEvent[] = []
    for (const [source, count] of Object.entries(MIX) as [Source, number][]) {
      for (let i = 0; i < count; i++) events.push(await newEvent(source, slackUser))
    }
    const started = Date.now()

    const answers: Delivery[] = await Promise.all(events.map((event) => deliver(event)))
    await allRecorded(events)
    await quiet()
    const records = await recordsOfAll(events)
    const calls = await callsSince(started)

    const late: string[] = []
    for (const source of Object.keys(MIX) as Source[]) {
      const mine = events.flatMap((event, i) => (event.source === source ? [i] : []))
      const ms = mine.map((i) => answers[i]?.ms ?? Number.NaN)
      const taken = mine.filter((i) => {
        const event = events[i]
        const answer = answers[i]
        return event !== undefined && answer !== undefined && accepted(event, answer)
      }).length
      const delivered = mine.filter((i) => records[i] === 1).length
      await report({
        kind: 'burst',
        source,
        events: mine.length,
        taken,
        ackP50: percentile(ms, 50),
        ackP99: percentile(ms, 99),
        ackMax: Math.max(...ms),
        limit: ACK_LIMIT_MS[source],
        delivered,
        lost: mine.filter((i) => records[i] === 0).length,
        doubled: mine.reduce((n, i) => n + Math.max(0, (records[i] ?? 0) - 1), 0),
      })
      if (Math.max(...ms) > ACK_LIMIT_MS[source])
        late.push(`${source}: ${String(Math.max(...ms))} ms`)
    }
    const arrivals = calls.map((call) => call.at)
    const seconds = arrivals.length > 1 ? (Math.max(...arrivals) - Math.min(...arrivals)) / 1000 : 0
    const peak = busiestSecond(arrivals)
    const throttled = calls.filter((call) => call.status === 429).length
    await report({
      kind: 'pressure',
      calls: calls.length,
      seconds,
      peak,
      maxRps: MAX_RPS,
      throttled,
    })

    expect(answers.filter((answer, i) => !accepted(events[i] as SourceEvent, answer))).toEqual([])
    // Acknowledgement times against each source's limit are reported, not asserted: they
    // measure the machine as much as the bridge, and a loaded CI host must not fail the suite.
    if (late.length > 0) console.warn(`acknowledged after the source's limit: ${late.join(', ')}`)
    expect(records.filter((n) => n !== 1)).toEqual([])
    expect(throttled).toBe(0)
    expect(peak).toBeLessThanOrEqual(THROTTLE)
  })
})
