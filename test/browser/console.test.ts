import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signSlack } from '../../src/verify/sign'
import { startListener, type Listener } from './listener'
import { startBridge, type LocalBridge } from './local-bridge'

const SLACK_SECRET = 'browser-slack-signing-secret'
const ADMIN_TOKEN = 'browser-admin-token-0123456789abcdef'
/** Screenshots land here (git-ignored with the rest of test-results/). */
const SCREENSHOTS = join(process.cwd(), 'test-results', 'browser')

let bridge: LocalBridge
let listener: Listener
let profile: string
let context: BrowserContext

beforeAll(async () => {
  listener = await startListener()
  bridge = await startBridge({
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    ADMIN_TOKEN,
    ALERT_SLACK_WEBHOOK: `${listener.origin}/alerts`,
    DELIVERY_MAX_ATTEMPTS: '3',
    DELIVERY_BACKOFF_SECONDS: '0',
  })
  profile = await mkdtemp(join(tmpdir(), 'bridge-chromium-'))
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  })
  await mkdir(SCREENSHOTS, { recursive: true })
})

afterAll(async () => {
  await context.close()
  await bridge.stop()
  await listener.close()
  await rm(profile, { recursive: true, force: true })
})

/** Sends `/time {text}` as Slack would, signed with the bridge's secret. */
async function slashCommand(text: string, user: string): Promise<string> {
  const body = new URLSearchParams({
    team_id: 'T1',
    user_id: user,
    command: '/time',
    text,
    response_url: `${listener.origin}/slack/response`,
    trigger_id: '',
  }).toString()
  const res = await fetch(`${bridge.origin}/slack/commands`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(await signSlack({ secret: SLACK_SECRET, body })),
    },
    body,
  })
  expect(res.status).toBe(200)
  return res.text()
}

/** Makes the embedded sandbox refuse the next time entry with a 400. */
async function refuseNextTimeEntry(): Promise<void> {
  const res = await fetch(`${bridge.origin}/sandbox/api2/_faults`, {
    method: 'POST',
    headers: { apikey: 'sandbox', 'content-type': 'application/json' },
    body: JSON.stringify({
      faults: [
        {
          method: 'POST',
          path: '/time_tracking.json',
          status: 400,
          times: 1,
          message: 'Project is closed for time entries',
        },
      ],
    }),
  })
  expect(res.status).toBe(200)
}

/** Reloads `page` until `check` holds, as a person waiting for the queue would. */
async function reloadUntil(page: Page, check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 30_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await page.waitForTimeout(300)
    await page.reload()
  }
}

describe('the admin console in a browser', () => {
  it('signs in, finds a refused event, replays it and sees it delivered', async () => {
    const user = `UBROWSER${String(Date.now())}`
    const notes = `browser replay ${String(Date.now())}`
    expect(await slashCommand('link amira@example.com', user)).toContain('Linked you to')
    await refuseNextTimeEntry()
    await slashCommand(`1h #internal +support ${notes}`, user)
    const page = await context.newPage()

    // Sign in once; the session cookie carries the rest.
    await page.goto(`${bridge.origin}/admin`)
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'History' }).count()).toBe(1)
    const [cookie] = await context.cookies()
    expect(cookie).toMatchObject({
      name: '__Host-bridge_admin',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
    })
    expect(cookie?.value).not.toContain(ADMIN_TOKEN)

    // The refused entry shows among the failed events.
    await page.getByLabel('Status', { exact: true }).selectOption('failed')
    await page.getByRole('button', { name: 'Filter' }).click()
    const row = page.getByRole('link', { name: new RegExp(notes) })
    await reloadUntil(page, async () => (await row.count()) === 1, 'the failed event')
    await page.screenshot({ path: join(SCREENSHOTS, 'events-failed.png'), fullPage: true })
    await row.click()
    await expect.poll(() => page.locator('.badge').first().textContent()).toBe('failed')
    const error = await page.locator('.error-box').textContent()
    expect(error).toContain('400')
    expect(error).toContain('Project is closed for time entries')

    // Replay it, then watch it become delivered.
    await page.getByRole('button', { name: 'Replay this event' }).click()
    expect(await page.getByRole('status').textContent()).toContain('queued for delivery again')
    await reloadUntil(
      page,
      async () => (await page.locator('.badge').first().textContent()) === 'delivered',
      'the replayed event to be delivered',
    )
    await page.screenshot({ path: join(SCREENSHOTS, 'event-replayed.png'), fullPage: true })

    const rows = page.locator('table tbody tr')
    expect(await rows.count()).toBe(2)
    expect(await rows.nth(0).textContent()).toContain('failed')
    expect(await rows.nth(1).textContent()).toContain('delivered')
    expect(await page.getByText('Replayed 1 time').count()).toBe(1)
    expect(
      await page
        .getByText('Enerpize record')
        .locator('xpath=following-sibling::dd[1]')
        .textContent(),
    ).toMatch(/time_tracking #\d+/)

    // The person in Slack heard both outcomes; the operator got one alert for the failure.
    const posts = listener.posted()
    const replies = posts.filter((p) => p.path === '/slack/response').map((p) => p.body)
    expect(replies.some((r) => r.includes('Enerpize refused'))).toBe(true)
    expect(replies.some((r) => r.includes('Logged'))).toBe(true)
    const alerts = posts.filter((p) => p.path === '/alerts').map((p) => p.body)
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toContain(notes)

    // Signing out ends the session.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect.poll(() => page.getByLabel('Admin token').count()).toBe(1)
    await page.goto(`${bridge.origin}/admin?status=failed`)
    expect(await page.getByLabel('Admin token').count()).toBe(1)
    await page.close()
  })
})
