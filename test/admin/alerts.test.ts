import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { alertObserver } from '../../src/alerts'
import type { Config } from '../../src/config'
import type { DeliveryOutcome } from '../../src/pipeline/deliver'
import type { Attempt, EventRecord } from '../../src/pipeline/events'
import { clearOutbound, outboundRequests } from '../support/outbound'
import { configWith, unique } from './support'

/** An event that has had `attempts` attempts, the last of them failing with `status`. */
function eventAfter(attempts: number, status = 503, summary = 'event summary'): EventRecord {
  const at = new Date().toISOString()
  const error = { status, message: status === 503 ? 'Service Unavailable' : 'Invalid data' }
  const history: Attempt[] = Array.from({ length: attempts }, (_, i) => ({
    number: i + 1,
    at,
    ms: 10,
    outcome: 'retrying',
    error,
  }))
  return {
    id: `ev_${unique('alert').replaceAll('-', '')}`,
    source: 'typeform',
    dedupeKey: 'form:abc',
    status: 'queued',
    summary,
    receivedAt: at,
    updatedAt: at,
    operations: [],
    results: [],
    attempts: history,
    error,
    indexKey: 'events:0',
  }
}

const retry = (attempts: number): DeliveryOutcome => ({
  kind: 'retry',
  event: eventAfter(attempts),
  delaySeconds: 30,
})
const dead = (attempts: number): DeliveryOutcome => ({
  kind: 'dead',
  event: { ...eventAfter(attempts), status: 'dead' },
  stale: false,
})

/** A configuration whose alerts go to a webhook no other test posts to. */
function alerting(): { config: Config; webhook: string } {
  const webhook = `https://hooks.slack.test/services/${unique('alerts')}`
  return { config: configWith({ ALERT_SLACK_WEBHOOK: webhook }), webhook }
}

async function alertsTo(webhook: string): Promise<string[]> {
  const posts = (await outboundRequests()).filter((r) => r.url === webhook)
  return posts.map((p) => (JSON.parse(p.body) as { text: string }).text)
}

beforeEach(async () => {
  await clearOutbound()
})

describe('the alert observer', () => {
  it('posts the first failure with the summary and what Enerpize answered', async () => {
    const { config, webhook } = alerting()
    const outcome: DeliveryOutcome = {
      kind: 'retry',
      event: eventAfter(1, 503, 'New lead: <Acme & Co>'),
      delaySeconds: 30,
    }

    await alertObserver()(outcome, { env, config })

    const [text, ...rest] = await alertsTo(webhook)
    expect(rest).toEqual([])
    expect(text).toContain('First failure')
    expect(text).toContain(outcome.event.id)
    expect(text).toContain('New lead: &lt;Acme &amp; Co&gt;')
    expect(text).toContain('Enerpize answered 503: Service Unavailable')
    expect(text).toContain('retried in 30 s')
  })

  it('posts the final failure of a dead event but not the retries in between', async () => {
    const { config, webhook } = alerting()
    const observe = alertObserver()

    await observe(retry(2), { env, config })
    await observe(retry(3), { env, config })
    await observe(dead(4), { env, config })

    const texts = await alertsTo(webhook)
    expect(texts).toHaveLength(1)
    expect(texts[0]).toContain('Final failure')
    expect(texts[0]).toContain('dead* after 4 attempts')
  })

  it('posts one message for a refusal on the first attempt, with the validation errors', async () => {
    const { config, webhook } = alerting()
    const event = eventAfter(1, 422)
    const outcome: DeliveryOutcome = {
      kind: 'failed',
      event: {
        ...event,
        status: 'failed',
        error: { status: 422, message: 'Invalid data', validationErrors: { email: 'is invalid' } },
      },
      stale: false,
    }

    await alertObserver()(outcome, { env, config })

    const texts = await alertsTo(webhook)
    expect(texts).toHaveLength(1)
    expect(texts[0]).toContain('Enerpize refused an event')
    expect(texts[0]).toContain('• email: is invalid')
    expect(texts[0]).toContain('Replay it from the admin console')
  })

  it('stays silent for deliveries and without a webhook', async () => {
    const { config, webhook } = alerting()
    const delivered: DeliveryOutcome = {
      kind: 'delivered',
      event: { ...eventAfter(1), status: 'delivered' },
      already: false,
    }

    const unconfigured = retry(1)

    await alertObserver()(delivered, { env, config })
    await alertObserver()(unconfigured, {
      env,
      config: configWith({ ALERT_SLACK_WEBHOOK: undefined }),
    })

    expect(await alertsTo(webhook)).toEqual([])
    const mentions = (await outboundRequests()).filter((r) =>
      r.body.includes(unconfigured.event.id),
    )
    expect(mentions).toEqual([])
  })

  it('sends at most the limit in a window, then one digest of the rest', async () => {
    const { config, webhook } = alerting()
    let now = Date.parse('2026-11-02T10:00:00Z')
    const observe = alertObserver({
      throttle: { maxPerWindow: 3, windowSeconds: 600 },
      now: () => now,
    })

    for (let i = 0; i < 10; i++) await observe(retry(1), { env, config })
    const during = await alertsTo(webhook)
    now += 601_000
    await observe(retry(1), { env, config })

    expect(during).toHaveLength(3)
    const after = (await alertsTo(webhook)).slice(3)
    expect(after).toHaveLength(2)
    expect(after[0]).toContain('…and 7 more failures between 10:00 and 10:10 (UTC)')
    expect(after[1]).toContain('First failure')
  })

  it('sends the digest on the next delivery once the window has closed', async () => {
    const { config, webhook } = alerting()
    let now = Date.parse('2026-11-02T10:00:00Z')
    const observe = alertObserver({
      throttle: { maxPerWindow: 1, windowSeconds: 60 },
      now: () => now,
    })
    await observe(retry(1), { env, config })
    await observe(dead(4), { env, config })
    const delivered: DeliveryOutcome = {
      kind: 'delivered',
      event: { ...eventAfter(1), status: 'delivered' },
      already: false,
    }

    await observe(delivered, { env, config })
    const early = await alertsTo(webhook)
    now += 61_000
    await observe(delivered, { env, config })
    await observe(delivered, { env, config })

    expect(early).toHaveLength(1)
    const texts = await alertsTo(webhook)
    expect(texts).toHaveLength(2)
    expect(texts[1]).toContain('…and 1 more failure between')
  })

  it('keeps to the limit when a whole batch fails at once', async () => {
    const { config, webhook } = alerting()
    const observe = alertObserver({ throttle: { maxPerWindow: 5, windowSeconds: 900 } })

    await Promise.all(Array.from({ length: 40 }, () => observe(retry(1), { env, config })))

    expect(await alertsTo(webhook)).toHaveLength(5)
  })

  it('continues a window kept in KV, as a new isolate would', async () => {
    const { config, webhook } = alerting()
    const now = Date.parse('2026-11-02T10:00:00Z')
    const hash = [
      ...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(webhook))),
    ]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
    await env.IDEMPOTENCY.put(
      `alerts:window:${hash}`,
      JSON.stringify({ start: now - 1000, sent: 2, suppressed: 4 }),
    )
    const observe = alertObserver({
      throttle: { maxPerWindow: 2, windowSeconds: 60 },
      now: () => now,
    })

    await observe(retry(1), { env, config })

    expect(await alertsTo(webhook)).toEqual([])
  })

  it('fails without naming the webhook when Slack refuses the post', async () => {
    const { config, webhook } = alerting()
    await outboundFailing(404)

    try {
      const attempt = alertObserver()(retry(1), { env, config })

      await expect(attempt).rejects.toThrow('the alert webhook answered 404')
      const error = await attempt.catch((e: unknown) => e)
      expect(String(error)).not.toContain(webhook)
    } finally {
      await outboundFailing(null)
    }
  })
})

/** Makes the outbound stand-in answer every post with `status` (null: 200 again). */
async function outboundFailing(status: number | null): Promise<void> {
  await fetch('http://outbound.test/profiles', {
    method: 'PUT',
    body: JSON.stringify({ profiles: {}, failStatus: status }),
  })
}
