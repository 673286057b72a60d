import { SAMPLE_CONTACT, uniqueId, type SampleContact } from '../../test/fixtures/forms/contact'

/** The usage line every form sample shares. */
export function formUsage(source: string): string {
  return `npm run trigger -- ${source} [e-mail] [submission id]   (default: ${SAMPLE_CONTACT.email}, a fresh id; send the same id twice to see a duplicate)`
}

/** The contact and submission id a form sample sends: from the arguments, else the sample's. */
export function formArgs(
  args: readonly string[],
  prefix: string,
): { contact: SampleContact; id: string } {
  const [email, id] = args
  return {
    contact: email === undefined ? SAMPLE_CONTACT : { ...SAMPLE_CONTACT, email },
    id: id ?? uniqueId(prefix),
  }
}
