// electron-builder for real (`--dir`, Linux), on a copy of the project with a
// stand-in Electron binary that carries a fuse wire in Electron's format: no
// download, a few seconds. Checks what the installers will contain: the fuses
// flipped as quality.md (security 3) asks, and an app.asar holding the built
// app only (no sources, no maps, no node_modules).
import { chmodSync, cpSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const builder = require('electron-builder') as typeof import('electron-builder');
const { getCurrentFuseWire } = require('@electron/fuses') as { getCurrentFuseWire(p: string): Promise<Record<string, number | string>> };
const asar = require('@electron/asar') as { listPackage(p: string): string[] };

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults, in wire order: RunAsNode, CookieEncryption, NodeOptions,
// NodeCliInspect, EmbeddedAsarIntegrity, OnlyLoadAppFromAsar, BrowserV8Snapshot, FileProtocolExtras.
const DEFAULT_WIRE = '10110001';
const ON = 49;
const OFF = 48;

let out: string;

beforeAll(async () => {
  const project = mkdtempSync(nodePath.join(tmpdir(), 'guichet-pack-'));
  copyFileSync(nodePath.join(root, 'package.json'), nodePath.join(project, 'package.json'));
  copyFileSync(nodePath.join(root, 'electron-builder.yml'), nodePath.join(project, 'electron-builder.yml'));
  cpSync(nodePath.join(root, 'build'), nodePath.join(project, 'build'), { recursive: true });
  symlinkSync(nodePath.join(root, 'node_modules'), nodePath.join(project, 'node_modules'));
  for (const file of [
    'dist/electron/main.cjs',
    'dist/electron/main.cjs.map',
    'dist/electron/preload.cjs',
    'dist/renderer/index.html',
    'dist/renderer/assets/index.js',
    'dist/renderer/assets/index.js.map',
    'electron/main/index.ts',
    'sync-server/src/server.ts',
  ]) {
    mkdirSync(nodePath.dirname(nodePath.join(project, file)), { recursive: true });
    writeFileSync(nodePath.join(project, file), '// built');
  }
  const electronDist = mkdtempSync(nodePath.join(tmpdir(), 'guichet-fake-electron-'));
  const binary = nodePath.join(electronDist, 'electron');
  writeFileSync(
    binary,
    Buffer.concat([Buffer.from('#!/bin/sh\n# '), Buffer.from(SENTINEL), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE)]),
  );
  chmodSync(binary, 0o755);
  mkdirSync(nodePath.join(electronDist, 'resources'));
  out = nodePath.join(project, 'out');
  await builder.build({
    projectDir: project,
    targets: builder.Platform.LINUX.createTarget('dir', builder.Arch.x64),
    config: { electronDist, directories: { output: out } },
    publish: 'never',
  });
}, 120_000);

describe('the packed app (electron-builder --dir)', () => {
  it('has its fuses flipped: RunAsNode, NODE_OPTIONS and the inspector off; ASAR integrity and only-from-ASAR on', async () => {
    const wire = await getCurrentFuseWire(nodePath.join(out, 'linux-unpacked', 'guichet'));
    expect(wire).toMatchObject({
      0: OFF, // RunAsNode
      2: OFF, // EnableNodeOptionsEnvironmentVariable
      3: OFF, // EnableNodeCliInspectArguments
      4: ON, // EnableEmbeddedAsarIntegrityValidation
      5: ON, // OnlyLoadAppFromAsar
      7: OFF, // GrantFileProtocolExtraPrivileges
    });
  });

  it('packs the built app only, in app.asar: no sources, no maps, no node_modules', () => {
    const files = asar.listPackage(nodePath.join(out, 'linux-unpacked', 'resources', 'app.asar'));
    const regular = files.filter((f) => /\.[a-z]+$/.test(f)).sort();
    expect(regular).toEqual([
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/renderer/assets/index.js',
      '/dist/renderer/index.html',
      '/package.json',
    ]);
    expect(files.some((f) => f.includes('node_modules'))).toBe(false);
  });

  it("writes the updater's config for the generic provider", () => {
    const config = readFileSync(nodePath.join(out, 'linux-unpacked', 'resources', 'app-update.yml'), 'utf8');
    expect(config).toContain('provider: generic');
    expect(config).toMatch(/url: https:\/\//);
  });
});
