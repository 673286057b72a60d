import type { ResourceClient } from '../../enerpize'

type Listable<R> = Pick<ResourceClient<R, never>, 'list'>

interface ScanOptions {
  /** Records per page; Enerpize allows up to 1000. */
  readonly limit?: number
  /** How many pages from the end are read after the first. */
  readonly pages?: number
}

/**
 * Reads the most recent records of a list: the first page and the last few. Enerpize documents
 * no filters on these lists and no sort order, so both ends are read. `visit` returns `true` to
 * stop early.
 */
async function scanEnds<R>(
  resource: Listable<R>,
  visit: (records: readonly R[]) => boolean,
  options: ScanOptions,
): Promise<void> {
  const limit = options.limit ?? 100
  const first = await resource.list({ page: 1, limit })
  if (visit(first.items)) return

  const pages = options.pages ?? 3
  for (let page = first.pageCount; page > 1 && page > first.pageCount - pages; page--) {
    const { items } = await resource.list({ page, limit })
    if (visit(items)) return
  }
}

/**
 * Looks for a record among the most recent pages of a list, for reconciliation after a create
 * whose answer was lost.
 */
export async function findRecent<R>(
  resource: Listable<R>,
  matches: (record: R) => boolean,
  options: ScanOptions = {},
): Promise<R | undefined> {
  let found: R | undefined
  await scanEnds(
    resource,
    (records) => {
      found = records.find(matches)
      return found !== undefined
    },
    options,
  )
  return found
}

/** Every record among the most recent pages of a list that matches. */
export async function filterRecent<R>(
  resource: Listable<R>,
  matches: (record: R) => boolean,
  options: ScanOptions = {},
): Promise<R[]> {
  const found: R[] = []
  await scanEnds(
    resource,
    (records) => {
      found.push(...records.filter(matches))
      return false
    },
    options,
  )
  return found
}
