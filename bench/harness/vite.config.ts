import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The benchmark harness page: the renderer's own store modules, built apart
 * from the app (dist/bench, never shipped) and served from the same origin
 * as dist/renderer, so that both open the same IndexedDB database.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/bench', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    minify: false,
    chunkSizeWarningLimit: 8000,
  },
});
