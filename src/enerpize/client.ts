import * as v from 'valibot'
import { ResourceClient, type PathParams } from './resource-client'
import { RESOURCES, type ResourceName } from './resources'
import {
  ClientAppointmentSchema,
  ClientSchema,
  LooseRecordSchema,
  NameMapSchema,
  SiteSchema,
  StaffSchema,
  TimeTrackingSchema,
  type Client,
  type ClientAppointment,
  type ClientAppointmentInput,
  type ClientInput,
  type LooseRecord,
  type Site,
  type Staff,
  type TimeTracking,
  type TimeTrackingInput,
} from './schemas'
import {
  Transport,
  type EnerpizeClientOptions,
  type HttpMethod,
  type RequestOptions,
} from './transport'

/** Resources with records to list, get or write (every one but the lookups). */
export type RecordResourceName = {
  [K in ResourceName]: Exclude<(typeof RESOURCES)[K]['operations'][number], 'read'> extends never
    ? never
    : K
}[ResourceName]

/**
 * A client for one Enerpize account's API (`https://{subdomain}.enerpize.com/api2`).
 *
 * Every call sends the `apikey` header, `.json` paths and model-key bodies, gives up after
 * `timeoutMs`, and throws `EnerpizeError` on any failure.
 *
 * @example
 * const enerpize = new EnerpizeClient({ baseUrl, apiKey, timeoutMs: 10_000, fetch })
 * const id = await enerpize.timeTracking.create({
 *   staff_id: 1, project_id: 31, activity_id: 2, time: '1:30', notes: 'fixed the header',
 * })
 */
export class EnerpizeClient {
  readonly timeTracking: ResourceClient<TimeTracking, TimeTrackingInput>
  readonly clients: ResourceClient<Client, ClientInput>
  /** Written as `FollowUpReminder`, read as `ClientAppointment` (either is accepted). */
  readonly clientAppointments: ResourceClient<ClientAppointment, ClientAppointmentInput>
  /** Read-only. */
  readonly staff: ResourceClient<Staff, never>
  readonly #transport: Transport

  constructor(options: EnerpizeClientOptions) {
    this.#transport = new Transport(options)
    this.timeTracking = new ResourceClient(
      this.#transport,
      RESOURCES.timeTracking,
      TimeTrackingSchema,
    )
    this.clients = new ResourceClient(this.#transport, RESOURCES.clients, ClientSchema)
    this.clientAppointments = new ResourceClient(
      this.#transport,
      RESOURCES.clientAppointments,
      ClientAppointmentSchema,
    )
    this.staff = new ResourceClient(this.#transport, RESOURCES.staff, StaffSchema)
  }

  /**
   * Any other resource of the reference, with records typed loosely. `params` fills the
   * `{name}` segments of its path: `resource('notes', { type: 'client', id: 7 })`.
   */
  resource(
    name: RecordResourceName,
    params: PathParams = {},
  ): ResourceClient<LooseRecord, LooseRecord> {
    return new ResourceClient(this.#transport, RESOURCES[name], LooseRecordSchema, params)
  }

  /**
   * A General Listing, id to name: `listing('TimeActivity')` → `{"1": "Design", …}`.
   * Enerpize answers 404 for a model it does not know.
   */
  async listing(model: string): Promise<Record<string, string>> {
    return this.#lookup('listing', { model }, NameMapSchema)
  }

  /** The account's site info; the usual check that the base URL and key work. */
  async siteInfo(): Promise<Site> {
    const data = await this.#lookup('siteInfo', {}, v.looseObject({ Site: SiteSchema }))
    return data.Site
  }

  /** Follow-up actions for a type of appointment, id to name. */
  async followUpActions(type: string): Promise<Record<string, string>> {
    return this.#lookup('followUpActions', { type }, NameMapSchema)
  }

  /**
   * Sends any call to the API and returns the parsed JSON of a successful answer. `path` is
   * relative to the base URL and names its format: `/time_tracking/12.json`.
   */
  async request(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<unknown> {
    const reply = await this.#transport.send(
      method,
      path.startsWith('/') ? path : `/${path}`,
      options,
    )
    return reply.body
  }

  #lookup<T>(
    name: ResourceName,
    params: PathParams,
    schema: v.GenericSchema<unknown, T>,
  ): Promise<T> {
    return new ResourceClient(this.#transport, RESOURCES[name], schema, params).read()
  }
}
