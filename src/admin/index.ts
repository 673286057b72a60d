import { Hono } from 'hono'
import type { AppEnv } from '../http/app-env'
import { adminApi } from './api'
import { adminConsole } from './console'

/**
 * The operator's side of the bridge: `/admin` (pages) and `/admin/api/*` (JSON), both answering
 * 404 while `ADMIN_TOKEN` is unset.
 */
export const admin = new Hono<AppEnv>().route('/', adminApi).route('/', adminConsole)
