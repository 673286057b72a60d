import { InvalidPayloadError } from '../errors'
import { bodyText } from '../pipeline/body'

/** A form body's fields in the order they were sent; a name may repeat. */
export type FormFields = readonly (readonly [string, string])[]

/**
 * Parses a form body already read (and size-checked) as `urlencoded` or `multipart/form-data`.
 * Multipart bodies are parsed by the runtime's own `FormData` parser. An uploaded file is not
 * kept: the bridge has nowhere to put it, so it becomes a line naming the file.
 *
 * @throws InvalidPayloadError when the body is not valid for its content type.
 */
export async function parseFormBody(contentType: string, body: Uint8Array): Promise<FormFields> {
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    return [...new URLSearchParams(bodyText(body))]
  }

  let data: FormData
  try {
    data = await new Request('https://form.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    }).formData()
  } catch {
    throw new InvalidPayloadError('the body is not valid multipart/form-data', [
      'check the boundary in the content-type header',
    ])
  }
  const fields: [string, string][] = []
  for (const [name, value] of data) {
    fields.push([
      name,
      typeof value === 'string' ? value : `${value.name} (a file of ${value.size} bytes, not kept)`,
    ])
  }
  return fields
}

/** The first value of a field, or `undefined` when it is absent. */
export function fieldValue(fields: FormFields, name: string): string | undefined {
  return fields.find(([field]) => field === name)?.[1]
}

/** The fields as a record, the first value of each name winning. */
export function firstValues(fields: FormFields): Record<string, string> {
  return Object.fromEntries([...fields].reverse())
}

/**
 * The fields as one canonical string, sorted by name with each name's values in the order
 * sent, so the same answers give the same string whatever multipart boundary carried them.
 */
export function canonicalFields(fields: FormFields, without: ReadonlySet<string>): string {
  const kept = fields.filter(([name]) => !without.has(name))
  const sorted = kept
    .map((field, index) => ({ field, index }))
    .sort((a, b) =>
      a.field[0] === b.field[0] ? a.index - b.index : a.field[0] < b.field[0] ? -1 : 1,
    )
  return JSON.stringify(sorted.map(({ field }) => field))
}
