#!/usr/bin/env node
// Bundles the main process and the preload to CommonJS in dist/electron with
// Vite (Rolldown): the sandboxed preload must be a single CommonJS file, and
// the main process loads faster from one bundle.
import { build } from 'vite';
import { builtinModules } from 'node:module';

const external = ['electron', 'electron-updater', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

for (const [entry, name] of [
  ['electron/main/index.ts', 'main'],
  ['electron/preload/index.ts', 'preload'],
]) {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: 'dist/electron',
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      sourcemap: true,
      ssr: true,
      lib: { entry, formats: ['cjs'], fileName: () => `${name}.cjs` },
      rollupOptions: { external },
    },
  });
}
console.log('dist/electron/main.cjs et dist/electron/preload.cjs construits.');
