import { signTypeform } from '../../src/verify/sign'
import { typeformPayload } from '../../test/fixtures/forms/typeform'
import { formArgs, formUsage } from './form-args'
import type { TriggerSample } from './sample'

/** A Typeform `form_response`, signed with TYPEFORM_SECRET. */
export const typeform: TriggerSample = {
  route: '/forms/typeform',
  usage: formUsage('typeform'),
  async build(args, secrets) {
    const { contact, id } = formArgs(args, 'tf')
    const body = JSON.stringify(typeformPayload(id, contact))
    const signed = await signTypeform({ secret: secrets['TYPEFORM_SECRET'] ?? '', body })
    return { body, headers: { 'content-type': 'application/json', ...signed } }
  },
}
