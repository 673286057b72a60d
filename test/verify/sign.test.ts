import { describe, expect, it } from 'vitest'
import {
  signCalcom,
  signCalendly,
  signSlack,
  signStandardWebhook,
  signTally,
  signTypeform,
  signWebflow,
} from '../../src/verify'
import {
  calcomVector,
  calendlyVector,
  slackVector,
  standardWebhookVector,
  tallyVector,
  typeformVector,
  utf8,
  webflowVector,
} from './vectors'

describe('signers', () => {
  it("reproduce Slack's published test vector", async () => {
    const { secret, body, timestamp, signature } = slackVector

    const headers = await signSlack({ secret, body, timestamp: Number(timestamp) })

    expect(headers).toEqual({
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    })
  })

  it('reproduce the Standard Webhooks reference example', async () => {
    const { secret, id, body, timestamp, signature } = standardWebhookVector

    const headers = await signStandardWebhook({ secret, id, body, timestamp: Number(timestamp) })

    expect(headers).toEqual({
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': signature,
    })
  })

  it('reproduce the independently computed Typeform, Tally and Cal.com signatures', async () => {
    const results = await Promise.all([
      signTypeform(typeformVector),
      signTally(tallyVector),
      signCalcom(calcomVector),
    ])

    expect(results).toEqual([
      { 'typeform-signature': typeformVector.signature },
      { 'tally-signature': tallyVector.signature },
      { 'x-cal-signature-256': calcomVector.signature },
    ])
  })

  it('reproduce the independently computed Webflow and Calendly signatures', async () => {
    const results = await Promise.all([
      signWebflow({ ...webflowVector, timestamp: Number(webflowVector.timestamp) }),
      signCalendly({ ...calendlyVector, timestamp: Number(calendlyVector.timestamp) }),
    ])

    expect(results).toEqual([
      {
        'x-webflow-timestamp': webflowVector.timestamp,
        'x-webflow-signature': webflowVector.signature,
      },
      { 'calendly-webhook-signature': calendlyVector.header },
    ])
  })

  it('sign text and its UTF-8 bytes alike', async () => {
    const body = '{"name":"Zoë Ørsted","city":"القاهرة"}'

    const [fromText, fromBytes] = await Promise.all([
      signCalcom({ secret: 's', body }),
      signCalcom({ secret: 's', body: utf8(body) }),
    ])

    expect(fromText).toEqual(fromBytes)
  })

  it('sign only the window of a view into a larger buffer', async () => {
    const body = utf8('{"a":1}')
    const larger = new Uint8Array(32).fill(0x20)
    larger.set(body, 4)

    const [whole, view] = await Promise.all([
      signTally({ secret: 's', body }),
      signTally({ secret: 's', body: larger.subarray(4, 4 + body.length) }),
    ])

    expect(view).toEqual(whole)
  })

  it('default to the current time and a fresh webhook-id', async () => {
    const before = Date.now()

    const [slack, webflow, first, second] = await Promise.all([
      signSlack({ secret: 's', body: '' }),
      signWebflow({ secret: 's', body: '' }),
      signStandardWebhook({ secret: 'whsec_c2VjcmV0', body: '' }),
      signStandardWebhook({ secret: 'whsec_c2VjcmV0', body: '' }),
    ])

    const after = Date.now()
    expect(Number(slack['x-slack-request-timestamp'])).toBeGreaterThanOrEqual(
      Math.floor(before / 1000),
    )
    expect(Number(slack['x-slack-request-timestamp'])).toBeLessThanOrEqual(after / 1000)
    expect(Number(webflow['x-webflow-timestamp'])).toBeGreaterThanOrEqual(before)
    expect(Number(webflow['x-webflow-timestamp'])).toBeLessThanOrEqual(after)
    expect(first['webhook-id']).toMatch(/^msg_/)
    expect(first['webhook-id']).not.toBe(second['webhook-id'])
  })
})
