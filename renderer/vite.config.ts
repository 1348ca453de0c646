import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// The renderer is a static app: the same build runs in Electron (served from
// the app:// protocol) and in a plain browser (npm run web, the tablet).
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    // GUICHET_RENDERER_OUT: another folder, so that two builds (a test run and a benchmark) do not overwrite each other.
    outDir: process.env.GUICHET_RENDERER_OUT ?? fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
});
