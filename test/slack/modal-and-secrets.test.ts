import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { testBindings } from '../support/bindings'
import { clearOutbound, outboundRequests } from '../support/outbound'
import { clearFaults, records, setFaults } from '../support/sandbox'
import { replyText, slackCommand, slackInteraction } from '../support/slack'
import { eventually } from '../support/wait'

const SECRETS = Object.entries(testBindings)
  .filter(([name]) => /SECRET|TOKEN|KEY/.test(name))
  .map(([, value]) => value)

function modalSubmission(user: string, values: { duration: string; notes: string }) {
  return {
    type: 'view_submission',
    team: { id: 'T1' },
    user: { id: user },
    view: {
      callback_id: 'time_entry',
      private_metadata: '',
      state: {
        values: {
          date: { date: { type: 'datepicker', selected_date: '2026-11-20' } },
          duration: { duration: { type: 'plain_text_input', value: values.duration } },
          project: { project: { type: 'static_select', selected_option: { value: '32' } } },
          activity: { activity: { type: 'static_select', selected_option: { value: '2' } } },
          notes: { notes: { type: 'plain_text_input', value: values.notes } },
        },
      },
    },
  }
}

beforeEach(async () => {
  await clearFaults()
  await clearOutbound()
})

describe('the /time form', () => {
  it('opens a modal for /time alone when a bot token is set', async () => {
    const res = await slackCommand('', { triggerId: 'trigger-1' })

    expect(res.status).toBe(200)
    const opened = (await outboundRequests()).find((r) => r.url.endsWith('/api/views.open'))
    expect(opened?.body).toContain('"callback_id":"time_entry"')
    expect(opened?.body).toContain('Website Redesign')
  })

  it('logs the entry a submitted modal describes and confirms it by direct message', async () => {
    const user = `UMODAL${String(Date.now())}`
    await slackCommand('link ben@example.com', { user })
    const notes = `from the form ${String(Date.now())}`

    const res = await slackInteraction(modalSubmission(user, { duration: '1h15m', notes }))

    expect(await res.json()).toEqual({ response_action: 'clear' })
    const entry = await eventually(
      async () => (await records('time_tracking')).find((r) => r['notes'] === notes),
      'the entry from the modal',
    )
    expect(entry).toMatchObject({ time: '1:15', date: '2026-11-20', project_id: '32' })
    const dm = await eventually(
      async () =>
        (await outboundRequests()).find(
          (r) => r.url.endsWith('/api/chat.postMessage') && r.body.includes(notes),
        ),
      'the confirmation message',
    )
    expect(JSON.parse(dm.body)).toMatchObject({ channel: user })
  })

  it('shows the modal field that is wrong instead of logging', async () => {
    const user = `UMODALBAD${String(Date.now())}`
    await slackCommand('link ben@example.com', { user })

    const res = await slackInteraction(modalSubmission(user, { duration: '25h', notes: 'x' }))

    const body = await res.json<{ response_action: string; errors: Record<string, string> }>()
    expect(body.response_action).toBe('errors')
    expect(body.errors['duration']).toBeDefined()
  })
})

describe('secrets', () => {
  const lines: string[] = []
  afterEach(() => {
    vi.restoreAllMocks()
    lines.length = 0
  })

  it('never puts a secret in a reply, an outbound message or a log line', async () => {
    for (const method of ['log', 'warn', 'error'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '))
      })
    }
    const user = `USECRET${String(Date.now())}`
    await setFaults([{ method: 'POST', path: '/time_tracking.json', status: 400, times: 1 }])

    const replies = [
      await replyText(await slackCommand(`link amira@example.com`, { user })),
      await replyText(await slackCommand(`1h #internal +support refused`, { user })),
      await replyText(await slackCommand(`2h #nonsense`, { user })),
      await (await slackCommand(`1h`, { user, secret: 'wrong' })).text(),
    ]
    await eventually(
      async () =>
        (await outboundRequests()).some((r) => r.body.includes('Enerpize refused'))
          ? true
          : undefined,
      'the refusal message',
    )

    const outbound = (await outboundRequests()).map((r) => r.body + JSON.stringify(r.headers))
    const seen = [...replies, ...lines, ...outbound.filter((o) => !o.includes('xoxb-'))]
    for (const secret of SECRETS) {
      for (const text of seen) expect(text).not.toContain(secret)
    }
    expect(lines.length).toBeGreaterThan(0)
  })
})
