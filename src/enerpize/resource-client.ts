import * as v from 'valibot'
import type { Operation, ResourceSpec } from './resources'
import {
  CreatedEnvelopeSchema,
  DataEnvelopeSchema,
  ListEnvelopeSchema,
  OkEnvelopeSchema,
  OneEnvelopeSchema,
} from './schemas'
import type { HttpMethod, Transport } from './transport'

/** One page of a list. */
export interface Page<R> {
  readonly items: R[]
  /** From 1. */
  readonly page: number
  readonly pageCount: number
  /** Records across all pages. */
  readonly total: number
}

export interface ListOptions {
  /** From 1; default 1. */
  readonly page?: number
  /** Records per page; Enerpize's default is 20, its maximum 1000. */
  readonly limit?: number
}

export interface IterateOptions {
  readonly limit?: number
  readonly startPage?: number
}

/** Values for the `{name}` segments of a resource's path. */
export type PathParams = Readonly<Record<string, string | number>>

/**
 * Calls one resource of the Enerpize API, as its entry in `RESOURCES` describes: the path, the
 * model key requests and answers wrap the record in, and the operations it documents. Answers
 * are checked with `schema`; one that does not match throws an `invalid-response` error.
 *
 * `R` is the record as read, `I` the record as written.
 */
export class ResourceClient<R, I> {
  readonly #transport: Transport
  readonly #spec: ResourceSpec
  readonly #schema: v.GenericSchema<unknown, R>
  readonly #base: string

  constructor(
    transport: Transport,
    spec: ResourceSpec,
    schema: v.GenericSchema<unknown, R>,
    params: PathParams = {},
  ) {
    this.#transport = transport
    this.#spec = spec
    this.#schema = schema
    this.#base = fillPath(spec.path, params)
  }

  /** `GET /{path}.json?page=&limit=`: one page of records. */
  async list(options: ListOptions = {}): Promise<Page<R>> {
    const page = options.page ?? 1
    const path = this.#path('list')
    const { status, body } = await this.#transport.send('GET', path, {
      query: { page, limit: options.limit },
    })

    const envelope = v.safeParse(ListEnvelopeSchema, body)
    if (!envelope.success) {
      throw this.#transport.invalid(
        'GET',
        path,
        status,
        `a list without data: ${summary(envelope.issues)}`,
      )
    }
    const items = envelope.output.data.map((row) => this.#record('GET', path, status, row))
    const pagination = envelope.output.pagination
    return {
      items,
      page: pagination?.page ?? page,
      pageCount: pagination?.page_count ?? (items.length > 0 ? page : 0),
      total: pagination?.total_results ?? items.length,
    }
  }

  /** Every record, page by page from `startPage` until the last page Enerpize reports. */
  async *iterate(options: IterateOptions = {}): AsyncGenerator<R, void, undefined> {
    let page = options.startPage ?? 1
    for (;;) {
      const result = await this.list(
        options.limit === undefined ? { page } : { page, limit: options.limit },
      )
      yield* result.items
      if (result.items.length === 0 || result.page >= result.pageCount) return
      page = result.page + 1
    }
  }

  /** `GET /{path}/{id}.json`: one record. */
  async get(id: string | number): Promise<R> {
    const path = this.#path('get', id)
    const { status, body } = await this.#transport.send('GET', path)

    const envelope = v.safeParse(OneEnvelopeSchema, body)
    if (!envelope.success) {
      throw this.#transport.invalid('GET', path, status, `no record: ${summary(envelope.issues)}`)
    }
    return this.#record('GET', path, status, envelope.output.data)
  }

  /**
   * `POST /{path}.json` with `{"<Model>": input}`: adds a record and returns its id. Enerpize
   * answers 202 with the id as a string.
   */
  async create(input: I): Promise<string> {
    const path = this.#path('create')
    const { status, body } = await this.#transport.send('POST', path, {
      body: { [this.#writeModel]: input },
    })

    const envelope = v.safeParse(CreatedEnvelopeSchema, body)
    if (!envelope.success) {
      // The record may well exist: retrying blindly could add it twice.
      throw this.#transport.invalid('POST', path, status, `a create without an id`)
    }
    return envelope.output.id
  }

  /** `PUT /{path}/{id}.json` with `{"<Model>": changes}`: changes the fields given. */
  async update(id: string | number, changes: Partial<I>): Promise<void> {
    await this.#done('PUT', this.#path('update', id), { [this.#writeModel]: changes })
  }

  /** `DELETE /{path}/{id}.json`. */
  async delete(id: string | number): Promise<void> {
    await this.#done('DELETE', this.#path('delete', id))
  }

  /** `GET /{path}.json` for a lookup that answers one object: its `data`, checked with `schema`. */
  async read(): Promise<R> {
    const path = this.#path('read')
    const { status, body } = await this.#transport.send('GET', path)

    const envelope = v.safeParse(DataEnvelopeSchema, body)
    if (!envelope.success) throw this.#transport.invalid('GET', path, status, 'no data')
    const data = v.safeParse(this.#schema, envelope.output.data)
    if (!data.success) {
      throw this.#transport.invalid('GET', path, status, `data: ${summary(data.issues)}`)
    }
    return data.output
  }

  get #writeModel(): string {
    return this.#spec.writeModel ?? this.#spec.model
  }

  async #done(method: HttpMethod, path: string, body?: unknown): Promise<void> {
    const reply = await this.#transport.send(method, path, body === undefined ? {} : { body })

    if (!v.safeParse(OkEnvelopeSchema, reply.body).success) {
      throw this.#transport.invalid(method, path, reply.status, 'not a JSON object')
    }
  }

  /** The path of an operation, after checking the reference documents it for this resource. */
  #path(operation: Operation, id?: string | number): string {
    if (!this.#spec.operations.includes(operation)) {
      throw new Error(`Enerpize documents no ${operation} for ${this.#spec.path}`)
    }
    const suffix = this.#spec.jsonSuffix === false ? '' : '.json'
    const idPart = id === undefined ? '' : `/${encodeURIComponent(String(id))}`
    return `/${this.#base}${idPart}${suffix}`
  }

  /** Takes the record out of its model key and checks it. */
  #record(method: string, path: string, status: number, wrapped: Record<string, unknown>): R {
    const keys = [this.#spec.model, ...(this.#spec.alsoReadAs ?? [])]
    const key = keys.find((k) => wrapped[k] !== undefined && wrapped[k] !== null)
    if (key === undefined) {
      throw this.#transport.invalid(method, path, status, `no ${keys.join(' or ')} record`)
    }
    const record = v.safeParse(this.#schema, wrapped[key])
    if (!record.success) {
      throw this.#transport.invalid(method, path, status, `${key}: ${summary(record.issues)}`)
    }
    return record.output
  }
}

function fillPath(template: string, params: PathParams): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`the path ${template} needs a value for ${name}`)
    return encodeURIComponent(String(value))
  })
}

/** The first few problems valibot found, as `path: message`. */
function summary(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const where = v.getDotPath(issue)
      return where === null ? issue.message : `${where}: ${issue.message}`
    })
    .join('; ')
}
