import type { ResourceClient } from '../../enerpize'

/**
 * Looks for a record among the most recent pages of a list, for reconciliation after a create
 * whose answer was lost. Enerpize documents no filters on these lists and no sort order, so
 * both ends are read: the first page and the last few.
 */
export async function findRecent<R>(
  resource: Pick<ResourceClient<R, never>, 'list'>,
  matches: (record: R) => boolean,
  options: { limit?: number; pages?: number } = {},
): Promise<R | undefined> {
  const limit = options.limit ?? 100
  const first = await resource.list({ page: 1, limit })
  const hit = first.items.find(matches)
  if (hit !== undefined) return hit

  const pages = options.pages ?? 3
  for (let page = first.pageCount; page > 1 && page > first.pageCount - pages; page--) {
    const { items } = await resource.list({ page, limit })
    const found = items.find(matches)
    if (found !== undefined) return found
  }
  return undefined
}
