import * as v from 'valibot'
import { ConfigError, NotConfiguredError } from './errors'

/**
 * The bridge's configuration, parsed once per set of bindings with valibot.
 *
 * Secrets are kept as values here because the verifiers need them, but nothing in this module
 * (or anything that reports on it) ever prints one: readiness reports name the binding instead.
 */
export interface Config {
  readonly enerpize: EnerpizeSettings
  /** The account's IANA time zone; Enerpize stores local wall-clock times. */
  readonly timezone: string
  readonly defaultProjectId: number | undefined
  readonly defaultActivityId: number | undefined
  /** General Listing model for projects; unset means probe `TimeProject`, `Project`, `Product`. */
  readonly projectListingModel: string | undefined
  readonly appointmentActionId: number | undefined
  /** Attempts per event before it is dead-lettered. */
  readonly deliveryMaxAttempts: number
  /** Retry delays: base doubles per attempt up to the cap, with jitter. */
  readonly deliveryBackoff: { readonly baseSeconds: number; readonly capSeconds: number }
  readonly idempotencyMode: 'kv' | 'durable-object'
  readonly icsFeeds: readonly string[]
  readonly forms: FormSettings
  readonly secrets: Secrets
}

export interface EnerpizeSettings {
  /** `sandbox` when neither ENERPIZE_SUBDOMAIN nor ENERPIZE_BASE_URL is set. */
  readonly mode: 'sandbox' | 'live'
  /** API base URL without a trailing slash, e.g. `https://acme.enerpize.com/api2`. */
  readonly baseUrl: string
  /** Host shown on /health; never the key. */
  readonly host: string
  readonly apiKey: string | undefined
  readonly timeoutMs: number
  /** Outbound calls per second the consumer keeps to. */
  readonly maxRps: number
}

export interface FormSettings {
  /** `FORM_FIELDS`: per source (or `*`) a map from answer key or label to client field. */
  readonly fields: Readonly<Record<string, Readonly<Record<string, string>>>>
  readonly successUrl: string | undefined
  readonly origins: readonly string[]
}

/** Every secret binding the bridge reads, by binding name. */
export interface Secrets {
  readonly SLACK_SIGNING_SECRET: string | undefined
  readonly SLACK_BOT_TOKEN: string | undefined
  readonly TYPEFORM_SECRET: string | undefined
  readonly TALLY_SIGNING_SECRET: string | undefined
  readonly WEBFLOW_SECRET: string | undefined
  readonly FORM_TOKEN: string | undefined
  readonly WEBHOOK_SECRET: string | undefined
  readonly CALENDLY_SIGNING_KEY: string | undefined
  readonly CALCOM_SECRET: string | undefined
  readonly ADMIN_TOKEN: string | undefined
  readonly ALERT_SLACK_WEBHOOK: string | undefined
}

export type SecretName = keyof Secrets

/** Placeholder host the sandbox answers on; requests to it never leave the Worker. */
export const SANDBOX_BASE_URL = 'https://sandbox.enerpize.invalid/api2'

/** The sandbox's API key when ENERPIZE_API_KEY is unset. It guards nothing real. */
export const SANDBOX_API_KEY = 'sandbox'

const optionalText = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.transform((s) => (s === '' ? undefined : s)),
  ),
)

const optionalId = (name: string) =>
  v.optional(
    v.pipe(
      v.union([v.string(), v.number()]),
      v.transform((s) => String(s).trim()),
      v.check((s) => s === '' || /^\d+$/.test(s), `${name} must be a whole number`),
      v.transform((s) => (s === '' ? undefined : Number(s))),
    ),
  )

const positiveNumber = (name: string, fallback: number, max: number) =>
  v.optional(
    v.pipe(
      v.union([v.string(), v.number()]),
      v.transform((s) => (String(s).trim() === '' ? fallback : Number(s))),
      v.check(
        (n) => Number.isFinite(n) && n > 0 && n <= max,
        `${name} must be between 0 and ${max}`,
      ),
    ),
    fallback,
  )

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const lines = v.optional(
  v.pipe(
    v.string(),
    v.transform((s) =>
      s
        .split(/[\n,]/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#')),
    ),
  ),
  '',
)

const formFields = v.optional(
  v.pipe(
    v.string(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const raw = dataset.value.trim()
      if (raw === '') return {}
      let parsed: unknown
      try {
        parsed = JSON.parse(raw)
      } catch {
        addIssue({ message: 'FORM_FIELDS must be JSON' })
        return NEVER
      }
      const result = v.safeParse(FormFieldsSchema, parsed)
      if (!result.success) {
        addIssue({
          message: 'FORM_FIELDS must map a label to a field name, or a source name to such a map',
        })
        return NEVER
      }
      return normaliseFormFields(result.output)
    }),
  ),
  '',
)

const FormFieldsSchema = v.record(
  v.string(),
  v.union([v.string(), v.record(v.string(), v.string())]),
)

/** `{"Company": "business_name"}` applies to every source; `{"typeform": {...}}` to one. */
function normaliseFormFields(
  input: v.InferOutput<typeof FormFieldsSchema>,
): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = { '*': {} }
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === 'string') out['*'] = { ...out['*'], [key]: value }
    else out[key] = { ...out[key], ...value }
  }
  return out
}

const EnvSchema = v.object({
  ENERPIZE_SUBDOMAIN: v.pipe(
    optionalText,
    v.check(
      (s) => s === undefined || /^[a-z0-9][a-z0-9-]*$/i.test(s),
      'ENERPIZE_SUBDOMAIN must be the account subdomain alone, e.g. acme',
    ),
  ),
  ENERPIZE_BASE_URL: v.pipe(
    optionalText,
    v.check((s) => s === undefined || URL.canParse(s), 'ENERPIZE_BASE_URL must be a URL'),
  ),
  ENERPIZE_API_KEY: optionalText,
  ENERPIZE_TIMEOUT_MS: positiveNumber('ENERPIZE_TIMEOUT_MS', 10_000, 120_000),
  ENERPIZE_MAX_RPS: positiveNumber('ENERPIZE_MAX_RPS', 20, 10_000),
  ENERPIZE_PROJECT_MODEL: optionalText,
  TIMEZONE: v.pipe(
    optionalText,
    v.check((s) => s === undefined || isTimeZone(s), 'TIMEZONE must be an IANA time zone'),
  ),
  DEFAULT_PROJECT_ID: optionalId('DEFAULT_PROJECT_ID'),
  DEFAULT_ACTIVITY_ID: optionalId('DEFAULT_ACTIVITY_ID'),
  APPOINTMENT_ACTION_ID: optionalId('APPOINTMENT_ACTION_ID'),
  DELIVERY_MAX_ATTEMPTS: positiveNumber('DELIVERY_MAX_ATTEMPTS', 8, 100),
  DELIVERY_BACKOFF_SECONDS: v.optional(
    v.pipe(
      v.union([v.string(), v.number()]),
      v.transform(Number),
      v.check(
        (n) => Number.isFinite(n) && n >= 0 && n <= 3600,
        'DELIVERY_BACKOFF_SECONDS must be between 0 and 3600',
      ),
    ),
    5,
  ),
  IDEMPOTENCY_MODE: v.optional(v.picklist(['kv', 'durable-object']), 'kv'),
  ICS_FEEDS: lines,
  FORM_FIELDS: formFields,
  FORM_SUCCESS_URL: v.pipe(
    optionalText,
    v.check((s) => s === undefined || URL.canParse(s), 'FORM_SUCCESS_URL must be a URL'),
  ),
  FORM_ORIGINS: lines,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  TYPEFORM_SECRET: optionalText,
  TALLY_SIGNING_SECRET: optionalText,
  WEBFLOW_SECRET: optionalText,
  FORM_TOKEN: optionalText,
  WEBHOOK_SECRET: v.pipe(
    optionalText,
    v.check(
      (s) => s === undefined || /^(whsec_)?[A-Za-z0-9+/]+={0,2}$/.test(s),
      'WEBHOOK_SECRET must be whsec_ followed by base64',
    ),
  ),
  CALENDLY_SIGNING_KEY: optionalText,
  CALCOM_SECRET: optionalText,
  ADMIN_TOKEN: optionalText,
  ALERT_SLACK_WEBHOOK: optionalText,
})

const cache = new WeakMap<object, Config>()

/**
 * Parses the Worker's bindings into a `Config`, once per bindings object.
 *
 * @throws ConfigError naming each binding whose value cannot be used (never the value itself).
 */
export function getConfig(env: object): Config {
  const cached = cache.get(env)
  if (cached) return cached
  const config = parseConfig(env)
  cache.set(env, config)
  return config
}

/** Parses without caching; see `getConfig`. */
export function parseConfig(env: object): Config {
  // Only string and number bindings are settings; KV, Queues and the like are ignored here.
  const settings = Object.fromEntries(
    Object.entries(env).filter(
      ([, value]) => typeof value === 'string' || typeof value === 'number',
    ),
  )
  const result = v.safeParse(EnvSchema, settings)
  if (!result.success) {
    throw new ConfigError(
      result.issues.map((issue) => {
        const key = issue.path?.[0]?.key
        return typeof key === 'string' && !issue.message.includes(key)
          ? `${key}: ${issue.message}`
          : issue.message
      }),
    )
  }
  const e = result.output

  let mode: 'sandbox' | 'live' = 'live'
  let baseUrl: string
  if (e.ENERPIZE_BASE_URL !== undefined) baseUrl = e.ENERPIZE_BASE_URL.replace(/\/+$/, '')
  else if (e.ENERPIZE_SUBDOMAIN !== undefined)
    baseUrl = `https://${e.ENERPIZE_SUBDOMAIN.toLowerCase()}.enerpize.com/api2`
  else {
    mode = 'sandbox'
    baseUrl = SANDBOX_BASE_URL
  }

  return {
    enerpize: {
      mode,
      baseUrl,
      host: new URL(baseUrl).host,
      apiKey: e.ENERPIZE_API_KEY ?? (mode === 'sandbox' ? SANDBOX_API_KEY : undefined),
      timeoutMs: e.ENERPIZE_TIMEOUT_MS,
      maxRps: e.ENERPIZE_MAX_RPS,
    },
    timezone: e.TIMEZONE ?? 'UTC',
    defaultProjectId: e.DEFAULT_PROJECT_ID,
    defaultActivityId: e.DEFAULT_ACTIVITY_ID,
    projectListingModel: e.ENERPIZE_PROJECT_MODEL,
    appointmentActionId: e.APPOINTMENT_ACTION_ID,
    deliveryMaxAttempts: Math.floor(e.DELIVERY_MAX_ATTEMPTS),
    deliveryBackoff: {
      baseSeconds: e.DELIVERY_BACKOFF_SECONDS,
      capSeconds: Math.max(e.DELIVERY_BACKOFF_SECONDS, 15 * 60),
    },
    idempotencyMode: e.IDEMPOTENCY_MODE,
    icsFeeds: e.ICS_FEEDS,
    forms: {
      fields: e.FORM_FIELDS,
      successUrl: e.FORM_SUCCESS_URL,
      origins: e.FORM_ORIGINS,
    },
    secrets: {
      SLACK_SIGNING_SECRET: e.SLACK_SIGNING_SECRET,
      SLACK_BOT_TOKEN: e.SLACK_BOT_TOKEN,
      TYPEFORM_SECRET: e.TYPEFORM_SECRET,
      TALLY_SIGNING_SECRET: e.TALLY_SIGNING_SECRET,
      WEBFLOW_SECRET: e.WEBFLOW_SECRET,
      FORM_TOKEN: e.FORM_TOKEN,
      WEBHOOK_SECRET: e.WEBHOOK_SECRET,
      CALENDLY_SIGNING_KEY: e.CALENDLY_SIGNING_KEY,
      CALCOM_SECRET: e.CALCOM_SECRET,
      ADMIN_TOKEN: e.ADMIN_TOKEN,
      ALERT_SLACK_WEBHOOK: e.ALERT_SLACK_WEBHOOK,
    },
  }
}

/** One integration and the secret it cannot work without. */
export interface Integration {
  readonly name: string
  readonly routes: readonly string[]
  readonly binding: SecretName
}

/** Every integration the bridge offers, in the order /health reports them. */
export const INTEGRATIONS: readonly Integration[] = [
  {
    name: 'slack',
    routes: ['/slack/commands', '/slack/interactions'],
    binding: 'SLACK_SIGNING_SECRET',
  },
  { name: 'typeform', routes: ['/forms/typeform'], binding: 'TYPEFORM_SECRET' },
  { name: 'tally', routes: ['/forms/tally'], binding: 'TALLY_SIGNING_SECRET' },
  { name: 'webflow', routes: ['/forms/webflow'], binding: 'WEBFLOW_SECRET' },
  { name: 'jotform', routes: ['/forms/jotform'], binding: 'FORM_TOKEN' },
  { name: 'html', routes: ['/forms/html'], binding: 'FORM_TOKEN' },
  { name: 'webhook', routes: ['/forms/webhook'], binding: 'WEBHOOK_SECRET' },
  { name: 'calendly', routes: ['/calendar/calendly'], binding: 'CALENDLY_SIGNING_KEY' },
  { name: 'calcom', routes: ['/calendar/calcom'], binding: 'CALCOM_SECRET' },
  { name: 'admin', routes: ['/admin', '/admin/api'], binding: 'ADMIN_TOKEN' },
]

/**
 * Returns the secret a source needs, or throws `NotConfiguredError` naming the binding, so an
 * unconfigured route answers 503 and accepts nothing.
 */
export function requireSecret(config: Config, binding: SecretName, what: string): string {
  const value = config.secrets[binding]
  if (value === undefined) throw new NotConfiguredError(binding, what)
  return value
}
