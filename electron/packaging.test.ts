import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nodePath from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

/**
 * electron-builder.yml, read the way electron-builder reads it (YAML, then its
 * own JSON schema), and the security settings it must keep (quality.md,
 * security 3).
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
// js-yaml is electron-updater's own dependency (it reads latest.yml with it).
const yaml = createRequire(require.resolve('electron-updater'))('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(nodePath.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const pkg = JSON.parse(readFileSync(nodePath.join(root, 'package.json'), 'utf8')) as { main: string; version: string };

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder 26 (its own schema)', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    delete schema.$schema;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('sets the fuses: RunAsNode, NODE_OPTIONS and the inspector off; ASAR integrity and only-from-ASAR on', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the built app only, in an ASAR', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toBeUndefined();
    const include = (config.files as string[]).filter((p) => !p.startsWith('!'));
    expect(include.sort()).toEqual(['dist/electron/**', 'dist/renderer/**', 'package.json']);
    expect(config.files).toContain('!**/*.map');
    expect(config.files).toContain('!node_modules/**'); // everything is bundled into main.cjs
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('names the app and its resources', () => {
    expect(config.appId).toBe('fr.guichet.app');
    expect(config.productName).toBe('Guichet');
    expect(config.directories).toEqual({ buildResources: 'build', output: 'release' });
  });

  it('builds a French, per-user NSIS installer for Windows that keeps the data on uninstall', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      language: '1036',
      installerLanguages: ['fr_FR'],
      deleteAppDataOnUninstall: false,
    });
  });

  it('builds an AppImage and a deb for Linux, in Office', () => {
    expect(config.linux.target.map((t: { target: string }) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toBeTruthy();
    expect(config.deb.depends).toContain('libsecret-1-0'); // safeStorage's keychain on Linux
  });

  it("publishes to a generic https feed (the sync server's /updates/ at run time)", () => {
    expect(config.publish).toMatchObject({ provider: 'generic' });
    expect(new URL(config.publish.url).protocol).toBe('https:');
    expect(config.publish.url).toMatch(/\/updates\/$/);
  });

  it('has the icons it names: 512 and 256 pixels', () => {
    expect(pngSize(nodePath.join(root, 'build', config.win.icon))).toEqual({ width: 512, height: 512 });
    expect(pngSize(nodePath.join(root, 'build', 'icons', '512x512.png'))).toEqual({ width: 512, height: 512 });
    expect(pngSize(nodePath.join(root, 'build', 'icons', '256x256.png'))).toEqual({ width: 256, height: 256 });
    expect(existsSync(nodePath.join(root, 'build', config.linux.icon))).toBe(true);
  });
});
