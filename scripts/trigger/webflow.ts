import { signWebflow } from '../../src/verify/sign'
import { webflowPayload } from '../../test/fixtures/forms/webflow'
import { formArgs, formUsage } from './form-args'
import type { TriggerSample } from './sample'

/** A Webflow `form_submission`, signed with WEBFLOW_SECRET and the current time. */
export const webflow: TriggerSample = {
  route: '/forms/webflow',
  usage: formUsage('webflow'),
  async build(args, secrets) {
    const { contact, id } = formArgs(args, 'wf')
    const body = JSON.stringify(webflowPayload(id, contact))
    const signed = await signWebflow({ secret: secrets['WEBFLOW_SECRET'] ?? '', body })
    return { body, headers: { 'content-type': 'application/json', ...signed } }
  },
}
