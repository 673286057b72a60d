import type { FC } from 'hono/jsx'
import type { EventError } from '../../pipeline/events'
import type { PublicEvent, Replayability } from '../public-event'
import { formatTime, STATUS_MEANING } from './format'
import { Layout, NoticeBanner, type Notice } from './layout'

/** Everything the event page shows. */
export interface EventDetailProps {
  readonly nonce: string
  readonly csrf: string
  readonly timezone: string
  readonly event: PublicEvent
  readonly replay: Replayability
  readonly notice: Notice | null
}

/** One event: what it was, what Enerpize said at each attempt, and its replay button. */
export const EventDetailPage: FC<EventDetailProps> = ({
  nonce,
  csrf,
  timezone,
  event,
  replay,
  notice,
}) => (
  <Layout title={`Event ${event.id}`} nonce={nonce} csrf={csrf}>
    <p>
      <a href="/admin">← All events</a>
    </p>
    <h1 class="summary">{event.summary || event.id}</h1>
    <p class="sub">
      <span class={`badge ${event.status}`}>{event.status}</span> {STATUS_MEANING[event.status]}
    </p>
    <NoticeBanner notice={notice} />

    <div class="grid">
      <section class="card" aria-labelledby="facts-title">
        <h2 id="facts-title">Event</h2>
        <dl class="facts">
          <dt>Id</dt>
          <dd class="mono">{event.id}</dd>
          <dt>Source</dt>
          <dd>{event.source}</dd>
          <dt>Dedupe key</dt>
          <dd class="mono">{event.dedupeKey}</dd>
          <dt>Received</dt>
          <dd>{formatTime(event.receivedAt, timezone)}</dd>
          <dt>Updated</dt>
          <dd>{formatTime(event.updatedAt, timezone)}</dd>
          <dt>Operations</dt>
          <dd>
            {event.operations.map((kind, index) => {
              const result = event.results[index]
              return (
                <div>
                  <code>{kind}</code>
                  {result ? ` → ${result.action} ${result.resource} #${result.id}` : ''}
                </div>
              )
            })}
          </dd>
          <dt>Enerpize record</dt>
          <dd>
            {event.record ? (
              <code>
                {event.record.resource} #{event.record.id}
              </code>
            ) : (
              <span class="muted">none yet</span>
            )}
          </dd>
          {event.duplicateOf === null ? null : (
            <>
              <dt>Repeat of</dt>
              <dd>
                <a href={`/admin/events/${event.duplicateOf}`} class="mono">
                  {event.duplicateOf}
                </a>
              </dd>
            </>
          )}
        </dl>
      </section>

      <section class="card" aria-labelledby="replay-title">
        <h2 id="replay-title">Replay</h2>
        {replay.replayable ? (
          <form method="post" action={`/admin/events/${event.id}/replay`}>
            <input type="hidden" name="csrf" value={csrf} />
            <p>
              Sends the event through the pipeline again. Operations that already succeeded are not
              repeated.
            </p>
            <button type="submit">Replay this event</button>
          </form>
        ) : (
          <p class="muted">{NOT_REPLAYABLE[replay.reason]}</p>
        )}
        {event.replays.length === 0 ? null : (
          <p class="muted">
            Replayed {event.replays.length} {event.replays.length === 1 ? 'time' : 'times'}, last on{' '}
            {formatTime(event.replays.at(-1)?.at ?? '', timezone)}.
          </p>
        )}
        {event.error === null ? null : <ErrorBox error={event.error} />}
      </section>
    </div>

    <section class="card" aria-labelledby="attempts-title">
      <h2 id="attempts-title">Attempts</h2>
      {event.attempts.length === 0 ? (
        <p class="empty">No delivery attempt yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col" class="num">
                #
              </th>
              <th scope="col">When</th>
              <th scope="col">Outcome</th>
              <th scope="col">Enerpize answered</th>
              <th scope="col" class="num">
                Took
              </th>
            </tr>
          </thead>
          <tbody>
            {event.attempts.map((attempt) => (
              <tr>
                <td class="num">{attempt.number}</td>
                <td class="when">{formatTime(attempt.at, timezone)}</td>
                <td>
                  {attempt.outcome}
                  {attempt.delaySeconds === undefined
                    ? ''
                    : `, next try after ${attempt.delaySeconds} s`}
                  {attempt.uncertain === true ? ' (checked before creating again)' : ''}
                </td>
                <td>{attempt.error ? errorText(attempt.error) : 'success'}</td>
                <td class="num">{attempt.ms} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  </Layout>
)

/** Why the page offers no Replay button, in the words of the page. */
const NOT_REPLAYABLE: Readonly<
  Record<Extract<Replayability, { replayable: false }>['reason'], string>
> = {
  delivered: 'Delivered: there is nothing to replay.',
  duplicate: 'A repeat of an earlier event: replay that one instead.',
  'in-progress': 'Still being delivered: reload in a moment to see how it ends.',
  'never-queued':
    'This event never reached the delivery queue and its sender was told so; replaying it could record it twice.',
}

const ErrorBox: FC<{ error: EventError }> = ({ error }) => {
  const fields = Object.entries(error.validationErrors ?? {})
  return (
    <div class="error-box">
      <strong>Last error:</strong> {errorText(error)}
      {fields.length === 0 ? null : (
        <ul>
          {fields.map(([field, reason]) => (
            <li>
              <code>{field}</code>: {reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function errorText(error: EventError): string {
  const status = error.status === null || error.status === 0 ? 'no answer' : String(error.status)
  return `${status}: ${error.message}`
}
