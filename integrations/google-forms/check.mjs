// Runs Code.gs outside Google, with the few Apps Script services it uses played by Node, and
// checks what it would post: the Standard Webhooks library the bridge verifies with must accept
// the signature, and the bridge's own mapping must find the client in the body. Run it from the
// project with `npx tsx`:
//
//   npx tsx integrations/google-forms/check.mjs
//
// It sends nothing anywhere: UrlFetchApp is a recorder here.
import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import vm from 'node:vm'
import { clientFromAnswers } from '../../functions/forms/client-from-answers.ts'
import { normaliseWebhook } from '../../functions/forms/webhook.ts'
import { Webhook } from 'standardwebhooks'

const SECRET = 'whsec_dGVzdC13ZWJob29rLXNlY3JldC0xMjM0NTY3OA=='
const toBytes = (buffer) => Array.from(buffer, (b) => (b > 127 ? b - 256 : b))
const fromBytes = (bytes) => Buffer.from(bytes.map((b) => (b < 0 ? b + 256 : b)))

const item = (title, type, response, rows) => ({
  getItem: () => ({
    getTitle: () => title,
    getType: () => type,
    getIndex: () => 0,
    asGridItem: () => ({ getRows: () => rows }),
    asCheckboxGridItem: () => ({ getRows: () => rows }),
  }),
  getResponse: () => response,
})

const response = {
  getId: () => '2_ABaOnuc9nQ',
  getTimestamp: () => new Date('2026-07-16T10:04:38Z'),
  getRespondentEmail: () => 'ada@analytical.example',
  getItemResponses: () => [
    item('Your name', 'TEXT', 'Ada Lovelace'),
    item('Company name', 'TEXT', 'Analytical Engines Ltd — “Ünïcode” test'),
    item('Which services interest you?', 'CHECKBOX', ['Audit', 'Support']),
    item('Rate us', 'GRID', ['Good', null], ['Speed', 'Price']),
  ],
}

const posted = []
const context = vm.createContext({
  console,
  Date,
  JSON,
  String,
  Math,
  Error,
  FormApp: {
    ItemType: { GRID: 'GRID', CHECKBOX_GRID: 'CHECKBOX_GRID' },
    getActiveForm: () => ({ getResponses: () => [response], getTitle: () => 'Contact' }),
  },
  PropertiesService: {
    getScriptProperties: () => ({
      getProperty: (name) =>
        ({ BRIDGE_URL: 'https://bridge.example/forms/webhook', WEBHOOK_SECRET: SECRET })[name] ??
        null,
    }),
  },
  Utilities: {
    MacAlgorithm: { HMAC_SHA_256: 'sha256' },
    base64Decode: (text) => toBytes(Buffer.from(text, 'base64')),
    base64Encode: (bytes) => fromBytes(bytes).toString('base64'),
    newBlob: (text) => ({ getBytes: () => toBytes(Buffer.from(text, 'utf8')) }),
    computeHmacSignature: (algorithm, value, key) =>
      toBytes(createHmac(algorithm, fromBytes(key)).update(fromBytes(value)).digest()),
    sleep: () => {},
  },
  UrlFetchApp: {
    fetch: (url, options) => {
      posted.push({ url, options })
      return { getResponseCode: () => (posted.length === 1 ? 503 : 202), getContentText: () => '' }
    },
  },
})
vm.runInContext(readFileSync(new URL('./Code.gs', import.meta.url), 'utf8'), context)
vm.runInContext('sendLatestResponse()', context)

const failures = []
const check = (ok, what) => (ok ? console.log(`ok  ${what}`) : failures.push(what))

check(posted.length === 2, 'retries once after a 503, then stops at the 202')
for (const [index, { options }] of posted.entries()) {
  try {
    new Webhook(SECRET).verify(fromBytes(options.payload).toString('utf8'), options.headers)
    check(true, `the signature of attempt ${index + 1} verifies`)
  } catch (error) {
    failures.push(`the signature of attempt ${index + 1} does not verify: ${error.message}`)
  }
}
const { options } = posted[0]
check(options.headers['webhook-id'] === 'gforms_2_ABaOnuc9nQ', 'uses the response id as webhook-id')
const body = JSON.parse(fromBytes(options.payload).toString('utf8'))
const normalised = normaliseWebhook(body, options.headers['webhook-id'])
const client = normalised.ok
  ? clientFromAnswers(normalised.submission.answers, { source: 'webhook', fields: {} })
  : normalised
check(
  client.ok &&
    client.client.email === 'ada@analytical.example' &&
    client.client.first_name === 'Ada' &&
    client.client.last_name === 'Lovelace' &&
    client.client.business_name === 'Analytical Engines Ltd — “Ünïcode” test',
  'the bridge finds the client in the body',
)
check(JSON.stringify(body.data['Rate us']) === '{"Speed":"Good"}', 'writes a grid as rows')

if (failures.length > 0) {
  for (const failure of failures) console.error(`FAIL ${failure}`)
  process.exitCode = 1
}
