#!/usr/bin/env node
// Bundles the main process and the preload to CommonJS in dist/electron with
// Vite (Rolldown):
// - dist/electron/main.cjs: the main process with every dependency inside
//   (electron-updater included), so the packaged app needs no node_modules;
// - dist/electron/preload.cjs: the sandboxed preload, a single CommonJS file
//   that may require nothing but 'electron'.
// Each entry is its own build: rollupOptions.input + entryFileNames (the lib
// mode's fileName is not honoured in SSR builds, and two entries in one lib
// build would share chunks, which a sandboxed preload cannot load).
import { build } from 'vite';
import { builtinModules } from 'node:module';
import { readFile } from 'node:fs/promises';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

for (const { entry, name, external } of [
  { entry: 'electron/main/index.ts', name: 'main', external: ['electron', ...nodeBuiltins] },
  { entry: 'electron/preload/index.ts', name: 'preload', external: ['electron'] },
]) {
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    ssr: { noExternal: true, target: 'node' },
    build: {
      outDir: 'dist/electron',
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      ssr: entry,
      rollupOptions: {
        external,
        output: { format: 'cjs', entryFileNames: `${name}.cjs`, codeSplitting: false },
      },
    },
  });
}

// The sandboxed preload can only require('electron'): fail the build, not the app, if anything else slipped in.
const preload = await readFile('dist/electron/preload.cjs', 'utf8');
const required = [...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const unexpected = required.filter((m) => m !== 'electron');
if (unexpected.length > 0) {
  console.error(`Le preload requiert ${unexpected.join(', ')} : un preload sandboxé ne peut charger que « electron ».`);
  process.exit(1);
}
console.log('dist/electron/main.cjs et dist/electron/preload.cjs construits.');
