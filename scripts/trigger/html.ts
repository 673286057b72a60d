import { urlencoded } from '../../test/fixtures/forms/encode'
import { htmlFormFields } from '../../test/fixtures/forms/html'
import { formArgs, formUsage } from './form-args'
import type { TriggerSample } from './sample'

/** A plain HTML contact form, posted as a browser would with its hidden token and key. */
export const html: TriggerSample = {
  route: '/forms/html',
  usage: formUsage('html'),
  build(args, secrets) {
    const { contact, id } = formArgs(args, 'page-')
    const fields = htmlFormFields(contact, {
      token: secrets['FORM_TOKEN'] ?? '',
      idempotency_key: id,
    })
    return Promise.resolve({
      body: urlencoded(fields),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://127.0.0.1:8787',
      },
    })
  },
}
