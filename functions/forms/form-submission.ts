import { todayIn } from '../slack/today-in'
import type { ClientDraft, Operation } from '../../src/pipeline/operations'
import { SOURCE_NAMES, type FormSubmission } from './answer'
import { clientFromAnswers, type FieldOverrides } from './client-from-answers'

/** What the platform knows beside the submission itself. */
export interface SubmissionContext {
  /** `config.forms.fields` (`FORM_FIELDS`). */
  readonly fields: FieldOverrides
  /** The account's time zone, for the date in the client's notes. */
  readonly timezone: string
  /** When the bridge received the submission; used when the source sends no time. */
  readonly receivedAt: Date
}

/** What a form submission becomes, or why it becomes nothing. */
export type FormEvent =
  | {
      readonly ok: true
      readonly operations: readonly Operation[]
      /** The one line the event history shows. */
      readonly summary: string
      readonly client: ClientDraft
    }
  | { readonly ok: false; readonly reasons: readonly string[] }

/**
 * Translates a normalised form submission into one `client.upsert`: the client its answers
 * describe, found by e-mail or created, with a short line recording the submission
 * ("Form submission (Typeform, 2026-07-16)") appended to an existing client's notes.
 * Change this function to change what a submission does in Enerpize.
 */
export function formEvent(submission: FormSubmission, context: SubmissionContext): FormEvent {
  const mapped = clientFromAnswers(submission.answers, {
    source: submission.source,
    fields: context.fields,
  })
  if (!mapped.ok) return mapped

  const source = SOURCE_NAMES[submission.source]
  const date = todayIn(context.timezone, submittedAt(submission, context.receivedAt))
  const form = submission.formName === undefined ? '' : `: ${submission.formName}`
  return {
    ok: true,
    operations: [
      {
        kind: 'client.upsert',
        client: mapped.client,
        submissionNote: `Form submission (${source}, ${date})${form}`,
      },
    ],
    summary: summaryOf(mapped.client, source, submission.formName),
    client: mapped.client,
  }
}

function submittedAt(submission: FormSubmission, receivedAt: Date): Date {
  const at = submission.submittedAt === undefined ? Number.NaN : Date.parse(submission.submittedAt)
  return Number.isNaN(at) ? receivedAt : new Date(at)
}

/** "Client ada@example.com (Ada Lovelace, Analytical Engines Ltd) from Typeform: Contact us" */
function summaryOf(client: ClientDraft, source: string, formName: string | undefined): string {
  const person = [client.first_name, client.last_name].filter(Boolean).join(' ')
  const names = [person, client.business_name].filter(Boolean).join(', ')
  const who = client.email ?? names
  const detail = client.email !== undefined && names !== '' ? ` (${names})` : ''
  const form = formName === undefined ? '' : `: ${formName}`
  return `Client ${who}${detail} from ${source}${form}`
}
