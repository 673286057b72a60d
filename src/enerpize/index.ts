export { EnerpizeClient, type RecordResourceName } from './client'
export { EnerpizeError, parseRetryAfter, type EnerpizeErrorKind, type RetryAdvice } from './error'
export {
  ResourceClient,
  type IterateOptions,
  type ListOptions,
  type Page,
  type PathParams,
} from './resource-client'
export { RESOURCES, type Operation, type ResourceName, type ResourceSpec } from './resources'
export * from './schemas'
export type { EnerpizeClientOptions, HttpMethod, RequestOptions } from './transport'
