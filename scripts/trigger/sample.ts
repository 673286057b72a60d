/**
 * A signed sample request for one source, as `npm run trigger -- <source> [args…]` sends it to
 * the local bridge. `secrets` are read from `.dev.vars`, the same values `npm start` runs with.
 */
export interface TriggerSample {
  /** The bridge route, e.g. `/forms/typeform`. */
  readonly route: string
  /** What `npm run trigger -- <source> help` prints about the arguments. */
  readonly usage: string
  build(
    args: readonly string[],
    secrets: Readonly<Record<string, string>>,
  ): Promise<{
    readonly body: string | Uint8Array
    readonly headers: Readonly<Record<string, string>>
    /** Appended to the route, without the `?`. */
    readonly query?: string
  }>
}
