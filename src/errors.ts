/**
 * Domain errors. Code below the HTTP edge throws these; `onError` in `app.ts` maps each to a
 * response in one place. Messages are safe to show to the caller: they never carry a secret.
 */
export class BridgeError extends Error {
  /** HTTP status the edge answers with. */
  readonly status: number
  /** Stable machine-readable code, e.g. `signature_invalid`. */
  readonly code: string

  constructor(status: number, code: string, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
    this.status = status
    this.code = code
  }
}

/** A request whose signature, token or timestamp does not verify. */
export class SignatureError extends BridgeError {
  constructor(message: string) {
    super(401, 'signature_invalid', message)
  }
}

/** A source whose secret binding is unset: it accepts nothing until configured. */
export class NotConfiguredError extends BridgeError {
  /** The binding the operator must set. */
  readonly binding: string

  constructor(binding: string, what: string) {
    super(503, 'not_configured', `${what} is not configured: set the ${binding} secret`)
    this.binding = binding
  }
}

/** A body over the size limit. */
export class PayloadTooLargeError extends BridgeError {
  constructor(limit: number) {
    super(413, 'payload_too_large', `body is larger than ${limit} bytes`)
  }
}

/** A content type the route does not take. */
export class UnsupportedMediaTypeError extends BridgeError {
  constructor(got: string, accepted: readonly string[]) {
    super(
      415,
      'unsupported_media_type',
      `content type ${got || '(none)'} is not accepted; send ${accepted.join(' or ')}`,
    )
  }
}

/** A body that parses but validates as nothing this route understands. */
export class InvalidPayloadError extends BridgeError {
  /** Where validation failed, as `path: reason` lines. */
  readonly issues: readonly string[]

  constructor(message: string, issues: readonly string[] = []) {
    super(422, 'invalid_payload', message)
    this.issues = issues
  }
}

/** The same dedupe key arrived with a different payload. */
export class ConflictError extends BridgeError {
  constructor(message: string) {
    super(409, 'conflict', message)
  }
}

/** A binding holds a value the bridge cannot use (not a secret's value: only its name). */
export class ConfigError extends BridgeError {
  readonly problems: readonly string[]

  constructor(problems: readonly string[]) {
    super(500, 'config_invalid', `configuration is invalid: ${problems.join('; ')}`)
    this.problems = problems
  }
}
