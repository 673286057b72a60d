import { defineConfig } from 'vitest/config'

/**
 * `npm run test:browser`: the admin console in headless Chromium, against the bridge running
 * under `wrangler dev` on a loopback port. It runs in Node, not workerd: the browser and the
 * local runtime are real processes this suite starts and stops.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
})
