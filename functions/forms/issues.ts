import type * as v from 'valibot'

/** Valibot issues as `path: message` lines a sender can act on. */
export function issueLines(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const path = (issue.path ?? [])
      .map((item) =>
        typeof item.key === 'string' || typeof item.key === 'number' ? item.key : '?',
      )
      .join('.')
    return path === '' ? issue.message : `${path}: ${issue.message}`
  })
}
