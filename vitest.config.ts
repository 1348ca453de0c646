import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node. Browser behaviour is tested by
// Playwright in Debian's Chromium (e2e/), not here.
export default defineConfig({
  test: {
    include: ['domain/**/*.test.ts', 'renderer/**/*.test.ts', 'electron/**/*.test.ts', 'sync-server/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
