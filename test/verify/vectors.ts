/**
 * Known answers for every scheme. Slack's and the Standard Webhooks one are the vendors'
 * published examples; the others were computed with OpenSSL, an implementation independent of
 * the bridge's, as `printf '%s' "$signed_text" | openssl dgst -sha256 -hmac "$secret"` (add
 * `-binary | base64` where the scheme sends base64).
 */
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

/** From Slack's "Verifying requests from Slack". */
export const slackVector = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  body:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow' +
    '&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner' +
    '&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands' +
    '%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
    '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
} as const

export const typeformVector = {
  secret: 'typeform-secret',
  body: '{"event_id":"01J8Z3","event_type":"form_response","form_response":{"token":"a3f9k2"}}',
  signature: 'sha256=8QmZrIYE/o9rD+q1TaWjNTzGmJeXauuGewyFlMjG1B0=',
} as const

export const tallyVector = {
  secret: 'tally-secret',
  body: '{"eventId":"e1","eventType":"FORM_RESPONSE","data":{"submissionId":"s1"}}',
  signature: 'gYx6cKbq6QZSwarMaNzcd4BbD0Aw4jpH9fy+wFZl9JE=',
} as const

/** Webflow's timestamp is in milliseconds. */
export const webflowVector = {
  secret: 'webflow-secret',
  timestamp: '1700000000123',
  body: '{"triggerType":"form_submission","payload":{"id":"6321"}}',
  signature: '996a49f3e8d55b25c2ed2765816d65350a7816d7f532d7d232f6080573856734',
} as const

export const calendlyVector = {
  signingKey: 'calendly-key',
  timestamp: '1700000000',
  body: '{"event":"invitee.created","payload":{"uri":"https://api.calendly.com/scheduled_events/EVT/invitees/INV"}}',
  header: 't=1700000000,v1=fcdfcaa50f53487bb175ab4db4f077e9ba25c601b67c1e4e89b5ef784b8a8b9a',
} as const

export const calcomVector = {
  secret: 'calcom-secret',
  body: '{"triggerEvent":"BOOKING_CREATED","payload":{"uid":"bk_1"}}',
  signature: 'c708149c701951b1dbc14f5c702ed1f47ad58e68cd539fc21771ed0acbb0a318',
} as const

/** From the Standard Webhooks reference library's tests. */
export const standardWebhookVector = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
} as const
