import type { FC } from 'hono/jsx'
import type { HealthReport } from '../health'
import { formatTime } from './format'

/** Where the bridge sends its work, and which integrations are ready (what /health says). */
export const HealthPanel: FC<{ health: HealthReport; alerts: boolean }> = ({ health, alerts }) => {
  const { enerpize } = health
  return (
    <section class="card" aria-labelledby="health-title">
      <h2 id="health-title">Health</h2>
      <dl class="facts">
        <dt>Enerpize</dt>
        <dd>
          {enerpize.mode === 'sandbox' ? (
            <strong>Sandbox mode: nothing reaches a real Enerpize account</strong>
          ) : (
            <span>
              <code>{enerpize.host}</code>{' '}
              {enerpize.connection.ok ? (
                <span class="chip ready">connected</span>
              ) : (
                <span class="chip missing">
                  {enerpize.connection.status === null
                    ? enerpize.connection.message
                    : `${enerpize.connection.status}: ${enerpize.connection.message}`}
                </span>
              )}
              <br />
              <small class="muted">
                checked {formatTime(enerpize.connection.checkedAt, health.timezone)}
              </small>
            </span>
          )}
        </dd>
        <dt>Time zone</dt>
        <dd>{health.timezone}</dd>
        <dt>Alerts</dt>
        <dd>{alerts ? 'posted to Slack' : 'off (set ALERT_SLACK_WEBHOOK to turn them on)'}</dd>
        <dt>Integrations</dt>
        <dd>
          <ul class="chips">
            {health.integrations.map((integration) =>
              integration.ready ? (
                <li class="chip ready" title="ready">
                  {integration.name}
                </li>
              ) : (
                <li class="chip missing" title={`set ${integration.missing} to enable`}>
                  {integration.name}: needs {integration.missing}
                </li>
              ),
            )}
          </ul>
        </dd>
      </dl>
    </section>
  )
}
