import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { testBindings } from './test/support/bindings'
import { outboundService } from './test/support/outbound-service'

export default defineConfig({
  plugins: [
    cloudflareTest({
      main: './src/index.ts',
      wrangler: { configPath: './wrangler.toml' },
      miniflare: { bindings: testBindings, outboundService },
    }),
  ],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/reliability/**', 'test/browser/**'],
    testTimeout: 30_000,
    // The bridge's structured log lines are shown for failing tests only.
    silent: 'passed-only',
  },
})
