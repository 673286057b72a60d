/**
 * Alerts: failures posted to a Slack incoming webhook, on an event's first and final failure,
 * throttled so an outage sends a handful of messages and one digest.
 */
export { alertFailures, alertObserver, type AlertOptions } from './slack-alert'
export { alertMessage, alertMoment, digestMessage, type AlertMoment } from './message'
export { AlertThrottle, DEFAULT_THROTTLE, type Digest, type ThrottleSettings } from './throttle'
