import { signSlack } from '../../src/verify/sign'
import type { TriggerSample } from './sample'

/** `/time` typed by a sample Slack user; the text is the arguments, joined. */
export const slack: TriggerSample = {
  route: '/slack/commands',
  usage:
    'npm run trigger -- slack "2h #website fixed the header"   (first: slack "link amira@example.com")',
  async build(args, secrets) {
    const body = new URLSearchParams({
      team_id: 'TLOCAL',
      team_domain: 'local',
      channel_id: 'CLOCAL',
      channel_name: 'general',
      user_id: process.env['SLACK_USER'] ?? 'ULOCAL',
      user_name: 'local',
      command: '/time',
      text: args.join(' '),
      api_app_id: 'ALOCAL',
      // Nothing listens here; the confirmation shows in the bridge's log and event history.
      response_url: 'http://127.0.0.1:9/slack-response',
      trigger_id: '',
    }).toString()
    const secret = secrets['SLACK_SIGNING_SECRET'] ?? ''
    return {
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(await signSlack({ secret, body })),
      },
    }
  },
}
