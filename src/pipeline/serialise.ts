const tails = new Map<string, Promise<unknown>>()

/**
 * Runs `task` after every earlier task of the same key in this isolate has settled. Concurrent
 * requests to one isolate interleave at every `await`; this keeps read-then-write sequences on
 * one key (a dedupe claim, a client's e-mail) from interleaving.
 */
export async function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve()
  const run = previous.then(task, task)
  const tail = run.catch(() => undefined)
  tails.set(key, tail)
  try {
    return await run
  } finally {
    if (tails.get(key) === tail) tails.delete(key)
  }
}
