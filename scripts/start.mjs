#!/usr/bin/env node
// Starts the bridge under wrangler's local runtime (workerd, local KV, Queues and Cron).
// On first run it copies .dev.vars.example to .dev.vars so every route has a local secret.
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync } from 'node:fs'

if (!existsSync('.dev.vars')) {
  copyFileSync('.dev.vars.example', '.dev.vars')
  console.log('Created .dev.vars from .dev.vars.example (local secrets for the local runtime).')
}

const port = process.env.PORT ?? '8787'
const child = spawn(
  'npx',
  [
    'wrangler',
    'dev',
    '--port',
    port,
    '--ip',
    '127.0.0.1',
    '--test-scheduled',
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
