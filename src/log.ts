/**
 * Structured logging: one JSON object per line, which Workers Logs indexes field by field.
 * The pipeline writes one line per event outcome and nothing on the happy path beyond that.
 * Callers pass ids, statuses and counts, never a secret or a whole payload.
 */
export type LogLevel = 'info' | 'warn' | 'error'

export type LogFields = Record<
  string,
  string | number | boolean | null | undefined | readonly string[]
>

/** Writes one structured log line. */
export function log(level: LogLevel, message: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, message, ...fields })
  if (level === 'error') console.error(line)
  else if (level === 'warn') console.warn(line)
  else console.log(line)
}
