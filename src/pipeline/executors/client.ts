import type { Client, ClientInput } from '../../enerpize'
import { EnerpizeError } from '../../enerpize'
import { sha256Hex } from '../body'
import type { DeliveryContext } from '../context'
import type { ClientDraft, Operation, OperationResult } from '../operations'
import { serialised } from '../serialise'
import { findRecent } from './find-record'

type UpsertOperation = Extract<Operation, { kind: 'client.upsert' }>

/** The client a submission or booking ended up with, and what happened to it. */
export interface ClientOutcome {
  readonly id: string
  readonly action: 'created' | 'updated' | 'matched'
}

const FILLABLE = [
  'first_name',
  'last_name',
  'business_name',
  'email',
  'phone1',
  'phone2',
  'address1',
  'address2',
  'city',
  'state',
  'postal_code',
  'country_code',
] as const satisfies readonly (keyof ClientDraft & keyof ClientInput)[]

/** E-mail addresses compare without case and surrounding space. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

async function indexKey(email: string): Promise<string> {
  return `clients:email:${await sha256Hex(normaliseEmail(email))}`
}

/** A value worth writing: not absent, not blank. */
function textOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

/**
 * Finds the client with an e-mail address (case-insensitive): first through the bridge's KV
 * index of e-mail → client id, checked against Enerpize; else by paging through every client,
 * since Enerpize documents no e-mail filter on its client list. A blank address finds nothing:
 * it would otherwise match every client that has none.
 */
export async function findClientByEmail(
  ctx: Pick<DeliveryContext, 'enerpize' | 'kv'>,
  email: string,
): Promise<Client | undefined> {
  const wanted = normaliseEmail(email)
  if (wanted === '') return undefined
  const key = await indexKey(wanted)

  const indexed = await ctx.kv.get(key)
  if (indexed !== null) {
    try {
      const client = await ctx.enerpize.clients.get(indexed)
      if (normaliseEmail(client.email ?? '') === wanted) return client
    } catch (error) {
      if (!(error instanceof EnerpizeError) || error.status !== 404) throw error
    }
    await ctx.kv.delete(key)
  }

  for await (const client of ctx.enerpize.clients.iterate({ limit: 1000 })) {
    if (normaliseEmail(client.email ?? '') === wanted) {
      await remember(ctx.kv, wanted, client.id)
      return client
    }
  }
  return undefined
}

/**
 * Writes the e-mail index. The index only saves a scan, and the scan is what decides, so a
 * failed write is not worth failing (and so retrying) a delivery whose client already exists.
 */
async function remember(kv: KVNamespace, email: string, id: string): Promise<void> {
  try {
    await kv.put(await indexKey(email), id)
  } catch {
    // The next submission with this address scans and writes the index again.
  }
}

function sameName(draft: ClientDraft) {
  return (client: Client): boolean =>
    (draft.business_name ?? '') === (client.business_name ?? '') &&
    (draft.first_name ?? '') === (client.first_name ?? '') &&
    (draft.last_name ?? '') === (client.last_name ?? '')
}

/**
 * What a submission adds to a client's notes: the line recording it, then what the person wrote
 * that no field took.
 */
function noteText(draft: ClientDraft, note: string | undefined): string {
  return [textOf(note), textOf(draft.notes)].filter((part) => part !== undefined).join('\n')
}

/**
 * Notes with `addition` appended, or `undefined` when nothing is to be added: the addition is
 * empty, or the notes already hold it (the same event delivered again). After an attempt that
 * may have created the client without hearing back (`uncertain`), notes that already hold the
 * draft's own notes were written by that create, and get nothing more.
 */
function appendedNotes(
  existing: string | undefined,
  addition: string,
  draftNotes: string | undefined,
  uncertain: boolean,
): string | undefined {
  const current = existing ?? ''
  if (addition === '' || current.includes(addition)) return undefined
  if (uncertain && draftNotes !== undefined && current.includes(draftNotes)) return undefined
  return textOf(current) === undefined ? addition : `${current}\n\n${addition}`
}

/**
 * Finds the client by e-mail or creates it. An existing client is never overwritten: only its
 * empty fields are filled, and `note` (a line recording the submission or booking) with the
 * draft's notes is appended to its notes. Upserts of one e-mail address are serialised within
 * the isolate, so concurrent deliveries make one client.
 *
 * A create whose answer was lost (a timeout after the request went out) is reconciled by
 * looking the client up before anything is created again.
 */
export async function ensureClient(
  draft: ClientDraft,
  note: string | undefined,
  ctx: DeliveryContext,
): Promise<ClientOutcome> {
  const given = textOf(draft.email)
  const email = given === undefined ? undefined : normaliseEmail(given)
  const lockKey =
    email === undefined
      ? `client-name:${JSON.stringify([draft.business_name, draft.first_name, draft.last_name])}`
      : `client:${email}`

  return serialised(lockKey, async () => {
    // Reuse the client with this e-mail, filling only what is empty. Without an e-mail there is
    // nothing reliable to match on, except a client this very event may have created already.
    const existing =
      email === undefined
        ? ctx.uncertain
          ? await findRecent(ctx.enerpize.clients, sameName(draft))
          : undefined
        : await findClientByEmail(ctx, email)
    if (existing) {
      const patch: Partial<ClientInput> = {}
      for (const field of FILLABLE) {
        const value = textOf(draft[field])
        if (value !== undefined && textOf(existing[field]) === undefined) patch[field] = value
      }
      const notes = appendedNotes(
        existing.notes,
        noteText(draft, note),
        textOf(draft.notes),
        ctx.uncertain,
      )
      if (notes !== undefined) patch.notes = notes
      if (Object.keys(patch).length === 0) return { id: existing.id, action: 'matched' }
      await ctx.enerpize.clients.update(existing.id, patch)
      return { id: existing.id, action: 'updated' }
    }

    // Create it, and index its e-mail so the next submission finds it without a scan.
    const input: ClientInput = { type: draft.type }
    for (const field of FILLABLE) {
      const value = textOf(draft[field])
      if (value !== undefined) input[field] = value
    }
    const notes = textOf(draft.notes)
    if (notes !== undefined) input.notes = notes
    let id: string
    try {
      id = await ctx.enerpize.clients.create(input)
    } catch (error) {
      if (!(error instanceof EnerpizeError) || error.retry !== 'unknown') throw error
      // The create went out unanswered: it may have happened.
      const found =
        email === undefined
          ? await findRecent(ctx.enerpize.clients, sameName(draft))
          : await findClientByEmail(ctx, email)
      if (found === undefined) throw error
      id = found.id
    }
    if (email !== undefined) await remember(ctx.kv, email, id)
    return { id, action: 'created' }
  })
}

/** Performs a `client.upsert` operation. */
export async function upsertClient(
  op: UpsertOperation,
  ctx: DeliveryContext,
): Promise<OperationResult> {
  const outcome = await ensureClient(op.client, op.submissionNote, ctx)
  return { resource: 'clients', id: outcome.id, action: outcome.action }
}
