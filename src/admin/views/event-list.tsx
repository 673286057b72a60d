import type { FC } from 'hono/jsx'
import {
  EVENT_STATUSES,
  type EventIndexEntry,
  type EventStatus,
  type StatusCounts,
} from '../../pipeline/events'
import type { HealthReport } from '../health'
import { formatTime, listHref, STATUS_MEANING } from './format'
import { HealthPanel } from './health-panel'
import { Layout, NoticeBanner, type Notice } from './layout'

/** Everything the events page shows. */
export interface EventListProps {
  readonly nonce: string
  readonly csrf: string
  readonly timezone: string
  readonly events: readonly EventIndexEntry[]
  /** Where the next (older) page starts; null on the last page. */
  readonly cursor: string | null
  readonly filter: {
    readonly status?: EventStatus | undefined
    readonly source?: string | undefined
  }
  readonly counts: StatusCounts
  readonly health: HealthReport
  readonly alerts: boolean
  readonly sources: readonly string[]
  readonly notice: Notice | null
}

/** The console's home: health, counts, filters, the history and the replay buttons. */
export const EventListPage: FC<EventListProps> = (props) => {
  const { counts, filter } = props
  const needsReplay = counts.counts.failed + counts.counts.dead
  return (
    <Layout title="Events" nonce={props.nonce} csrf={props.csrf}>
      <h1>Events</h1>
      <p class="sub">Everything the bridge received in the last 30 days, newest first.</p>
      <NoticeBanner notice={props.notice} />
      <div class="grid">
        <HealthPanel health={props.health} alerts={props.alerts} />
        <section class="card" aria-labelledby="counts-title">
          <h2 id="counts-title">By status{counts.complete ? '' : ' (the newest 5,000)'}</h2>
          <ul class="counts">
            {EVENT_STATUSES.map((status) => (
              <li>
                <a href={listHref({ status })} title={STATUS_MEANING[status]}>
                  <strong>{counts.counts[status]}</strong>
                  <small>{status}</small>
                </a>
              </li>
            ))}
          </ul>
          <form method="post" action="/admin/replay">
            <input type="hidden" name="csrf" value={props.csrf} />
            {filter.source === undefined ? null : (
              <input type="hidden" name="source" value={filter.source} />
            )}
            <button type="submit" disabled={needsReplay === 0}>
              {filter.source === undefined
                ? 'Replay all failed and dead'
                : `Replay all failed and dead from ${filter.source}`}
            </button>{' '}
            <span class="muted">
              {needsReplay === 0 ? 'Nothing to replay.' : `${needsReplay} waiting.`}
            </span>
          </form>
        </section>
      </div>

      <section class="card" aria-labelledby="history-title">
        <div class="toolbar">
          <h2 id="history-title">History</h2>
          <form class="filters" method="get" action="/admin">
            <div class="field">
              <label for="filter-status">Status</label>
              <select id="filter-status" name="status">
                <option value="">any status</option>
                {EVENT_STATUSES.map((status) => (
                  <option value={status} selected={filter.status === status}>
                    {status}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filter-source">Source</label>
              <input
                id="filter-source"
                name="source"
                list="sources"
                placeholder="any source"
                value={filter.source ?? ''}
                autocomplete="off"
              />
              <datalist id="sources">
                {props.sources.map((source) => (
                  <option value={source} />
                ))}
              </datalist>
            </div>
            <button type="submit" class="secondary">
              Filter
            </button>
          </form>
        </div>
        <EventTable events={props.events} csrf={props.csrf} timezone={props.timezone} />
        <nav class="pager" aria-label="pages">
          {filter.status === undefined && filter.source === undefined ? (
            <span />
          ) : (
            <a href="/admin">Show all events</a>
          )}
          {props.cursor === null ? (
            <span class="muted">End of the history.</span>
          ) : (
            <a href={listHref({ ...filter, cursor: props.cursor })} rel="next">
              Older events →
            </a>
          )}
        </nav>
      </section>
    </Layout>
  )
}

const EventTable: FC<{
  events: readonly EventIndexEntry[]
  csrf: string
  timezone: string
}> = ({ events, csrf, timezone }) =>
  events.length === 0 ? (
    <p class="empty">No events match.</p>
  ) : (
    <table>
      <thead>
        <tr>
          <th scope="col">Received</th>
          <th scope="col">Source</th>
          <th scope="col">Status</th>
          <th scope="col">Summary</th>
          <th scope="col" class="num">
            Attempts
          </th>
          <th scope="col">
            <span class="muted">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr data-event={event.id}>
            <td class="when">{formatTime(event.receivedAt, timezone)}</td>
            <td>{event.source}</td>
            <td>
              <span class={`badge ${event.status}`} title={STATUS_MEANING[event.status]}>
                {event.status}
              </span>
            </td>
            <td class="summary">
              <a href={`/admin/events/${event.id}`}>{event.summary || event.id}</a>
            </td>
            <td class="num">{event.attempts}</td>
            <td>
              {(event.status === 'failed' || event.status === 'dead') && event.attempts > 0 ? (
                <form method="post" action={`/admin/events/${event.id}/replay`}>
                  <input type="hidden" name="csrf" value={csrf} />
                  <input type="hidden" name="back" value="list" />
                  <button type="submit" class="small">
                    Replay
                  </button>
                </form>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
