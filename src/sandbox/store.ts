import { SEED_CLIENTS, SEED_STAFF } from './seed'

/** A JSON value as the sandbox stores it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

/** A stored record: Enerpize's fields, numbers as strings, and a string `id`. */
export type StoredRecord = { readonly id: string } & Readonly<Record<string, Json>>

/** The record tables the sandbox keeps. */
export type Table = 'time_tracking' | 'clients' | 'client_appointments' | 'staff'

/** Every KV key the sandbox writes starts with this. */
export const KEY_PREFIX = 'sandbox:'

const SEEDED_KEY = `${KEY_PREFIX}seeded`
/** Bulk reads take at most 100 keys. */
const BULK_GET = 100

// Each record lives under its own key, its id zero-padded so that KV's lexicographic listing is
// numeric order; each table keeps its last id under one more key.
const recordPrefix = (table: Table) => `${KEY_PREFIX}${table}:record:`
const recordKey = (table: Table, id: string) => `${recordPrefix(table)}${id.padStart(10, '0')}`
const lastIdKey = (table: Table) => `${KEY_PREFIX}${table}:last-id`

let queue: Promise<unknown> = Promise.resolve()

/**
 * Runs `work` after every mutation queued before it in this isolate. KV has no transactions, so
 * the sandbox serialises its own writes: concurrent creates read and bump the last id one at a
 * time and get distinct ids. Workers KV is eventually consistent across locations, so this holds
 * within one isolate, which is what `npm start` and the tests run.
 */
export function serialise<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work)
  queue = run.catch(() => undefined)
  return run
}

/** The sandbox's data in a KV namespace. */
export class SandboxStore {
  readonly #kv: KVNamespace

  constructor(kv: KVNamespace) {
    this.#kv = kv
  }

  /** Writes the seed data the first time the sandbox is used with this namespace. */
  async ensureSeeded(): Promise<void> {
    if ((await this.#kv.get(SEEDED_KEY)) !== null) return
    await serialise(async () => {
      if ((await this.#kv.get(SEEDED_KEY)) !== null) return
      await Promise.all([
        ...SEED_STAFF.map((staff) => this.#put('staff', staff)),
        ...SEED_CLIENTS.map((client) => this.#put('clients', client)),
      ])
      await Promise.all([
        this.#kv.put(lastIdKey('staff'), String(SEED_STAFF.length - 1)),
        this.#kv.put(lastIdKey('clients'), String(SEED_CLIENTS.length)),
      ])
      await this.#kv.put(SEEDED_KEY, new Date().toISOString())
    })
  }

  /** One record by id; undefined when there is none (or the id is not a whole number). */
  async get(table: Table, id: string): Promise<StoredRecord | undefined> {
    if (!/^\d+$/.test(id)) return undefined
    return (
      (await this.#kv.get<StoredRecord>(recordKey(table, String(Number(id))), 'json')) ?? undefined
    )
  }

  /** One page of a table in id order, and how many records it holds in all. */
  async page(
    table: Table,
    page: number,
    limit: number,
  ): Promise<{ records: StoredRecord[]; total: number }> {
    const keys = await this.#keys(table)
    const slice = keys.slice((page - 1) * limit, page * limit)
    return { records: await this.#getMany(slice), total: keys.length }
  }

  /** Every record of a table, in id order. */
  async all(table: Table): Promise<StoredRecord[]> {
    return this.#getMany(await this.#keys(table))
  }

  /**
   * Adds a record with the next id. `build` receives the id and returns the record's fields;
   * call it inside `serialise`.
   */
  async insert(table: Table, build: (id: string) => Record<string, Json>): Promise<StoredRecord> {
    const last = Number((await this.#kv.get(lastIdKey(table))) ?? '0')
    const id = String(last + 1)
    const record: StoredRecord = { ...build(id), id }
    await Promise.all([this.#put(table, record), this.#kv.put(lastIdKey(table), id)])
    return record
  }

  /** Stores a record under its id, replacing what was there; call it inside `serialise`. */
  async replace(table: Table, record: StoredRecord): Promise<void> {
    await this.#put(table, record)
  }

  /** Removes a record; call it inside `serialise`. */
  async remove(table: Table, id: string): Promise<void> {
    await this.#kv.delete(recordKey(table, id))
  }

  async #put(table: Table, record: StoredRecord): Promise<void> {
    await this.#kv.put(recordKey(table, record.id), JSON.stringify(record))
  }

  async #keys(table: Table): Promise<string[]> {
    const keys: string[] = []
    let cursor: string | undefined
    do {
      const page = await this.#kv.list(
        cursor === undefined
          ? { prefix: recordPrefix(table) }
          : { prefix: recordPrefix(table), cursor },
      )
      keys.push(...page.keys.map((key) => key.name))
      cursor = page.list_complete ? undefined : page.cursor
    } while (cursor !== undefined)
    return keys
  }

  async #getMany(keys: readonly string[]): Promise<StoredRecord[]> {
    const records: StoredRecord[] = []
    for (let start = 0; start < keys.length; start += BULK_GET) {
      const chunk = keys.slice(start, start + BULK_GET)
      const values = await this.#kv.get<StoredRecord>(chunk, 'json')
      for (const key of chunk) {
        const record = values.get(key)
        // A key listed a moment ago may have been deleted since.
        if (record !== null && record !== undefined) records.push(record)
      }
    }
    return records
  }
}
