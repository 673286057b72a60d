import { signTally } from '../../src/verify/sign'
import { tallyPayload } from '../../test/fixtures/forms/tally'
import { formArgs, formUsage } from './form-args'
import type { TriggerSample } from './sample'

/** A Tally `FORM_RESPONSE`, signed with TALLY_SIGNING_SECRET. */
export const tally: TriggerSample = {
  route: '/forms/tally',
  usage: formUsage('tally'),
  async build(args, secrets) {
    const { contact, id } = formArgs(args, 'tl')
    const body = JSON.stringify(tallyPayload(id, contact))
    const signed = await signTally({ secret: secrets['TALLY_SIGNING_SECRET'] ?? '', body })
    return { body, headers: { 'content-type': 'application/json', ...signed } }
  },
}
