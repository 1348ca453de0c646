import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The fault-test page: the renderer's own store modules (openDatabase,
 * saveIntake), built apart from the app into dist/e2e-faults (never shipped)
 * and served by the tests on the app's origin through a route, so that both
 * open the same IndexedDB database in the same profile.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/e2e-faults', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    minify: false,
    chunkSizeWarningLimit: 8000,
  },
});
