import { multipart } from '../../test/fixtures/forms/encode'
import { jotformParts } from '../../test/fixtures/forms/jotform'
import { formArgs, formUsage } from './form-args'
import type { TriggerSample } from './sample'

/** A Jotform submission as multipart, FORM_TOKEN in the query as in Jotform's webhook URL. */
export const jotform: TriggerSample = {
  route: '/forms/jotform',
  usage: formUsage('jotform'),
  async build(args, secrets) {
    const { contact, id } = formArgs(args, '')
    const { body, contentType } = await multipart(jotformParts(id, contact))
    return {
      body,
      headers: { 'content-type': contentType },
      query: new URLSearchParams({ token: secrets['FORM_TOKEN'] ?? '' }).toString(),
    }
  },
}
