/** Bindings every test worker gets: throwaway secrets, so each route is configured. */
export const testBindings = {
  // Empty, whatever a developer's .dev.vars says: tests always run against the sandbox.
  ENERPIZE_SUBDOMAIN: '',
  ENERPIZE_BASE_URL: '',
  TIMEZONE: 'UTC',
  SLACK_SIGNING_SECRET: 'test-slack-signing-secret',
  TYPEFORM_SECRET: 'test-typeform-secret',
  TALLY_SIGNING_SECRET: 'test-tally-secret',
  WEBFLOW_SECRET: 'test-webflow-secret',
  FORM_TOKEN: 'test-form-token',
  WEBHOOK_SECRET: 'whsec_dGVzdC13ZWJob29rLXNlY3JldC0xMjM0NTY3OA==',
  CALENDLY_SIGNING_KEY: 'test-calendly-key',
  CALCOM_SECRET: 'test-calcom-secret',
  ADMIN_TOKEN: 'test-admin-token',
  SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
  ENERPIZE_TIMEOUT_MS: '1500',
  DELIVERY_MAX_ATTEMPTS: '4',
  DELIVERY_BACKOFF_SECONDS: '0',
}
