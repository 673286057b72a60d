import type { DeliveryOutcome } from '../pipeline/deliver'
import type { OutcomeObserver } from '../pipeline/observers'
import { entryLogged, ephemeral, escapeText, type SlackMessage } from './messages'
import { postDirectMessage, postResponse } from './web-api'

/**
 * Tells the person in Slack how their event ended: the confirmation with an Undo button, a
 * refusal in plain words, or that Enerpize is down and the entry is kept for a retry.
 */
export function outcomeMessage(outcome: DeliveryOutcome): SlackMessage | undefined {
  const { event } = outcome
  const operation = event.operations[0]
  const result = event.results[0]
  if (!operation) return undefined

  if (outcome.kind === 'delivered') {
    if (operation.kind === 'time-entry.create' && result) {
      return entryLogged({
        id: result.id,
        time: operation.entry.time,
        date: operation.entry.date,
        project: operation.labels.project,
        activity: operation.labels.activity,
        notes: operation.entry.notes,
      })
    }
    if (operation.kind === 'time-entry.delete') {
      return { ...ephemeral(`:wastebasket: Removed entry #${operation.entryId} from Enerpize.`) }
    }
    return undefined
  }

  const what = operation.kind === 'time-entry.delete' ? 'removal' : 'entry'
  const error = event.error
  if (outcome.kind === 'failed') {
    const fields = Object.entries(error?.validationErrors ?? {})
      .map(([field, reason]) => `• ${escapeText(field)}: ${escapeText(reason)}`)
      .join('\n')
    return ephemeral(
      `:warning: Enerpize refused the ${what}, so nothing changed: ${escapeText(error?.message ?? 'no reason given')}.${fields === '' ? '' : `\n${fields}`}\nFix it and send the command again, or ask an administrator to look at event ${event.id}.`,
    )
  }
  if (outcome.kind === 'dead') {
    return ephemeral(
      `:warning: Enerpize did not answer after ${event.attempts.length} tries, so your ${what} is not in Enerpize yet. It is kept: an administrator can replay event ${event.id} from the console once Enerpize is back.`,
    )
  }
  // Retrying: say so once, on the first failure, so a slow Enerpize is not a silent one.
  if (event.attempts.length === 1) {
    return ephemeral(
      `:hourglass: Enerpize is not answering right now (${escapeText(error?.message ?? 'no answer')}). I'll keep trying and tell you here.`,
    )
  }
  return undefined
}

/** The observer that posts `outcomeMessage` where the event asked to be told. */
export const notifySlack: OutcomeObserver = async (outcome, { config }) => {
  const notify = outcome.event.notify
  if (!notify) return
  const message = outcomeMessage(outcome)
  if (!message) return

  if (notify.kind === 'slack-response') {
    await postResponse(notify.responseUrl, { ...message, replace_original: false })
    return
  }
  const token = config.secrets.SLACK_BOT_TOKEN
  if (token === undefined) return
  await postDirectMessage(token, notify.userId, {
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
  })
}
