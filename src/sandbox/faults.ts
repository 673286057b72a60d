import * as v from 'valibot'

/**
 * One injected failure. It applies to requests whose method (any, when unset) and path match;
 * `path` is below the API base (`/time_tracking.json`) and ends in `*` to match a prefix.
 */
export const FaultSchema = v.pipe(
  v.strictObject({
    method: v.optional(v.picklist(['GET', 'POST', 'PUT', 'DELETE'])),
    path: v.pipe(v.string(), v.startsWith('/', 'path must start with /')),
    /** Answer this status with an Enerpize-shaped failure body instead of doing the work. */
    status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599))),
    /** Wait this long before going on, so the caller's timeout fires. */
    hangMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(120_000))),
    /**
     * Drop the connection: `before` touching any data, or `after` doing the work, so a create
     * happens but the caller never hears of it.
     */
    reset: v.optional(v.picklist(['before', 'after'])),
    /** How many matching requests it applies to; unset, every one until the plan changes. */
    times: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    /** `Retry-After` with the status: seconds, or an HTTP date. */
    retryAfter: v.optional(v.union([v.pipe(v.number(), v.integer(), v.minValue(0)), v.string()])),
    /** The failure body's `message`; by default the status's usual one. */
    message: v.optional(v.string()),
    /** The failure body's `validation_errors`. */
    validationErrors: v.optional(v.record(v.string(), v.string())),
  }),
  v.check(
    (fault) =>
      fault.status !== undefined || fault.hangMs !== undefined || fault.reset !== undefined,
    'a fault needs a status, a hangMs or a reset',
  ),
  v.check(
    (fault) => fault.status === undefined || fault.reset === undefined,
    'a fault answers a status or resets the connection, not both',
  ),
)

/** The body of `POST /_faults`. */
export const FaultPlanSchema = v.strictObject({ faults: v.array(FaultSchema) })

export type Fault = v.InferOutput<typeof FaultSchema>

/** A fault in the current plan, with how many more requests it applies to (null: all). */
export type ActiveFault = Fault & { remaining: number | null }

/** Thrown inside the sandbox to make its fetch fail the way a dropped connection does. */
export class ConnectionReset extends Error {
  constructor() {
    super('Network connection lost.')
    this.name = 'ConnectionReset'
  }
}

// The plan is per isolate: the tests, `npm start` and a benchmark each run the sandbox in one.
let plan: ActiveFault[] = []

/**
 * Replaces the fault plan. Throws a `ValiError` for a plan that does not validate.
 *
 * @example
 * setSandboxFaults([{ method: 'POST', path: '/time_tracking.json', status: 503, times: 2, retryAfter: 1 }])
 */
export function setSandboxFaults(faults: readonly v.InferInput<typeof FaultSchema>[]): void {
  plan = v.parse(v.array(FaultSchema), faults).map((fault) => ({
    ...fault,
    remaining: fault.times ?? null,
  }))
}

/** Clears the fault plan: the sandbox answers every request normally again. */
export function clearSandboxFaults(): void {
  plan = []
}

/** The current plan with the remaining counts. */
export function sandboxFaults(): readonly ActiveFault[] {
  return plan.map((fault) => ({ ...fault }))
}

/** Finds the first fault matching a request and counts the request against it. */
export function takeFault(method: string, path: string): Fault | undefined {
  const fault = plan.find(
    (f) =>
      (f.method === undefined || f.method === method) &&
      (f.path.endsWith('*') ? path.startsWith(f.path.slice(0, -1)) : path === f.path) &&
      (f.remaining === null || f.remaining > 0),
  )
  if (fault?.remaining != null) fault.remaining -= 1
  return fault
}
