import { readdirSync, readFileSync } from 'node:fs';
import nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A tripwire over the shell's sources: the settings that would undo
 * quality.md's security list (1–4, 10) must not appear anywhere, and the few
 * doors there are (the preload's one exposed object, shell.openExternal, IPC
 * handlers, loading a file) stay where they are checked. Comments are
 * stripped first, so the sources can still explain what they refuse.
 */
const here = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): Array<{ file: string; code: string }> {
  const out: Array<{ file: string; code: string }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = nodePath.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) {
      const code = readFileSync(full, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
      out.push({ file: nodePath.relative(here, full), code });
    }
  }
  return out;
}

const all = sources(here);
const where = (pattern: RegExp) => all.filter((s) => pattern.test(s.code)).map((s) => s.file);

describe('security tripwire over electron/', () => {
  it('reads the sources', () => {
    expect(all.map((s) => s.file)).toEqual(expect.arrayContaining(['main/index.ts', 'main/security.ts', 'preload/index.ts']));
  });

  it.each([
    ['nodeIntegration on', /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/],
    ['contextIsolation off', /contextIsolation\s*:\s*false/],
    ['sandbox off', /sandbox\s*:\s*false/],
    ['webSecurity off', /webSecurity\s*:\s*false/],
    ['insecure content', /allowRunningInsecureContent\s*:\s*true/],
    ['<webview>', /webviewTag\s*:\s*true/],
    ['experimental features', /experimentalFeatures\s*:\s*true|enableBlinkFeatures/],
    ['a scheme bypassing the CSP', /bypassCSP\s*:\s*true/],
    ['unsafe CSP sources', /'unsafe-(inline|eval|hashes)'|'wasm-unsafe-eval'/],
    ['plain-text secrets', /setUsePlainTextEncryption/],
    ['a forced dev update config', /forceDevUpdateConfig\s*=\s*true/],
    ['downgrades', /allowDowngrade\s*=\s*true/],
    ['a replaced signature check', /verifyUpdateCodeSignature\s*=/],
    ['Node in the renderer through the environment', /ELECTRON_RUN_AS_NODE|NODE_OPTIONS/],
    ['remote', /enableRemoteModule|@electron\/remote/],
    ['certificate errors accepted', /certificate-error|ignore-certificate-errors|setCertificateVerifyProc/],
    ['the app from file://', /loadURL\(\s*['"`]file:/],
  ])('never sets %s', (_label, pattern) => {
    expect(where(pattern)).toEqual([]);
  });

  it('exposes one object, window.guichet, from the preload only, and never ipcRenderer', () => {
    expect(where(/exposeInMainWorld/)).toEqual(['preload/index.ts']);
    const preload = all.find((s) => s.file === 'preload/index.ts')!.code;
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\('guichet', guichetApi\)/);
    expect(preload).not.toMatch(/:\s*ipcRenderer\s*[,}]|ipcRenderer\s*[,}]\s*\)|\.\.\.ipcRenderer/);
    expect(preload).not.toMatch(/ipcRenderer\.invoke\(\s*[a-z]+\s*[,)]/); // the channel is always a constant of INVOKE_CHANNELS
    expect(preload).not.toMatch(/ipcRenderer\.(send|sendSync|sendToHost|postMessage)\(/);
  });

  it('registers IPC handlers in ipc.ts only (where the sender is checked)', () => {
    expect(where(/ipcMain\.(on|once|handle|handleOnce)\s*\(/)).toEqual(['main/ipc.ts']);
  });

  it('calls shell.openExternal in one place, behind the allow-list', () => {
    expect(where(/shell\.openExternal\(/)).toEqual(['main/index.ts']);
    const index = all.find((s) => s.file === 'main/index.ts')!.code;
    expect(index).toMatch(
      /const allowed = allowedExternalUrl\(url\);\s*if \(!allowed\) return \{ status: 'refused' \};\s*await shell\.openExternal\(allowed\);/,
    );
  });

  it('loads a local file only in the print window', () => {
    expect(where(/\.loadFile\(/)).toEqual(['main/print.ts']);
  });

  it('creates windows only with the secure webPreferences factories', () => {
    for (const file of where(/webPreferences\s*:/)) {
      expect(['main/window.ts', 'main/print.ts']).toContain(file);
    }
    const window = all.find((s) => s.file === 'main/window.ts')!.code;
    expect(window).toMatch(/webPreferences: secureWebPreferences\(/);
    const print = all.find((s) => s.file === 'main/print.ts')!.code;
    expect(print).toMatch(/webPreferences: printWebPreferences\(\)/);
  });

  it('keeps electron/common free of runtime Electron and Node imports (the browser build uses it)', () => {
    for (const s of all.filter((x) => x.file.startsWith('common/'))) {
      expect(s.code, s.file).not.toMatch(/from 'electron'|from "electron"|from 'node:|require\(/);
    }
    const api = all.find((s) => s.file === 'common/api.ts')!.code;
    expect(api).not.toMatch(/^import (?!type)/m);
  });
});
