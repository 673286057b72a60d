import { signStandardWebhook } from '../../src/verify/sign'
import { googleFormsEnvelope } from '../../test/fixtures/forms/webhook'
import { formArgs, formUsage } from './form-args'
import type { TriggerSample } from './sample'

/** A Google Form response as the Apps Script sends it, signed with WEBHOOK_SECRET. */
export const webhook: TriggerSample = {
  route: '/forms/webhook',
  usage: formUsage('webhook'),
  async build(args, secrets) {
    const { contact, id } = formArgs(args, 'msg_')
    const body = JSON.stringify(googleFormsEnvelope(contact))
    const signed = await signStandardWebhook({ secret: secrets['WEBHOOK_SECRET'] ?? '', body, id })
    return { body, headers: { 'content-type': 'application/json', ...signed } }
  },
}
