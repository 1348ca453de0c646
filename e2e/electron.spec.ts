import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

/**
 * The real desktop window, through Playwright's Electron driver. It runs where
 * an Electron binary is installed (a connected machine after `npm install`
 * and a first `npm start`, or ELECTRON_OVERRIDE_DIST_PATH pointing at an
 * unpacked Electron) and a display is available (xvfb-run on a CI). Elsewhere
 * it is skipped and says why. It never triggers the download itself: with
 * electron 45, require('electron') downloads the binary on first use, so the
 * binary is looked for without requiring the package.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

function findElectron(): { path: string } | { reason: string } {
  const pkg = nodePath.join(root, 'node_modules', 'electron');
  if (!existsSync(pkg)) return { reason: 'the electron package is not installed (npm install)' };
  const pathFile = nodePath.join(pkg, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const platformPath =
    process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  const relative = existsSync(pathFile) ? readFileSyncSafe(pathFile) || platformPath : platformPath;
  const binary = override ? nodePath.join(override, relative) : nodePath.join(pkg, 'dist', relative);
  if (!existsSync(binary)) {
    return {
      reason: override
        ? `no Electron binary at ELECTRON_OVERRIDE_DIST_PATH (${binary})`
        : 'no Electron binary on this machine: electron 45 downloads it on first use (npm start on a connected machine), and this machine cannot download it; set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron to run this test',
    };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'an Electron binary is here but no display is: run the tests under xvfb-run' };
  }
  return { path: binary };
}

function readFileSyncSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

const found = findElectron();
const skipReason = 'reason' in found ? found.reason : '';
if (skipReason) console.log(`e2e/electron.spec.ts skipped: ${skipReason}`);

test.describe('the desktop app (Electron)', () => {
  test.skip(skipReason !== '', skipReason);

  let app: ElectronApplication;
  let page: Page;
  let backupFolder: string;

  test.beforeAll(async () => {
    if (!existsSync(nodePath.join(root, 'dist', 'renderer', 'index.html'))) {
      execFileSync(
        process.execPath,
        [nodePath.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts'],
        { cwd: root, stdio: 'inherit' },
      );
    }
    execFileSync(process.execPath, [nodePath.join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'inherit' });
    const userData = mkdtempSync(nodePath.join(tmpdir(), 'guichet-e2e-userdata-'));
    backupFolder = mkdtempSync(nodePath.join(tmpdir(), 'guichet-e2e-usb-'));
    mkdirSync(userData, { recursive: true });
    writeFileSync(nodePath.join(userData, 'guichet-shell.json'), JSON.stringify({ backupFolder, language: 'fr', syncServerUrl: null }));
    app = await electron.launch({
      executablePath: (found as { path: string }).path,
      args: [root, `--user-data-dir=${userData}`],
      cwd: root,
      env: { ...process.env, NODE_ENV: 'test' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('serves the app from app://guichet/', async () => {
    expect(page.url()).toMatch(/^app:\/\/guichet\//);
  });

  test('runs the window isolated and sandboxed, with no Node in the page', async () => {
    // (The options themselves are pinned by electron/main/security.test.ts and index.test.ts;
    // Electron has no API to read them back from a live window.)
    const page_ = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
      ipcRenderer: typeof (globalThis as { ipcRenderer?: unknown }).ipcRenderer,
      webview: typeof customElements.get('webview'),
    }));
    expect(page_).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      ipcRenderer: 'undefined',
      webview: 'undefined',
    });
  });

  test('exposes window.guichet with named operations only', async () => {
    const keys = await page.evaluate(() => Object.keys((window as unknown as { guichet: object }).guichet).sort());
    expect(keys).toContain('printPdf');
    expect(keys).toContain('onUpdateState');
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'on']) expect(keys).not.toContain(forbidden);
    const info = await page.evaluate(() => (window as unknown as { guichet: { getAppInfo(): Promise<unknown> } }).guichet.getAppInfo());
    expect(info).toMatchObject({ name: 'Guichet', shell: 'electron' });
  });

  test('enforces the Content-Security-Policy: no inline script, no foreign fetch, no frame', async () => {
    const result = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      const frame = document.createElement('iframe');
      frame.src = 'https://example.com/';
      document.body.appendChild(frame);
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.appendChild(script);
      let fetched = 'blocked';
      try {
        await fetch('https://example.com/');
        fetched = 'reached';
      } catch {
        fetched = 'blocked';
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      return {
        inline: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true,
        fetched,
        frameBlocked: violations.includes('frame-src') || violations.includes('child-src'),
        scriptBlocked: violations.includes('script-src-elem') || violations.includes('script-src'),
      };
    });
    expect(result).toEqual({ inline: false, fetched: 'blocked', frameBlocked: true, scriptBlocked: true });
  });

  test('refuses window.open and navigation away from the app', async () => {
    const before = (await app.windows()).length;
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    expect((await app.windows()).length).toBe(before);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/guichet\//);
  });

  test('writes an encrypted backup into the chosen folder', async () => {
    const result = await page.evaluate(() =>
      (window as unknown as { guichet: { runBackup(p: { bytes: Uint8Array }): Promise<unknown> } }).guichet.runBackup({
        bytes: new Uint8Array([1, 2, 3]),
      }),
    );
    expect(result).toMatchObject({ status: 'written', folder: backupFolder, size: 3 });
    expect(readdirSync(backupFolder).filter((n) => n.endsWith('.guichet-backup'))).toHaveLength(1);
  });

  test('lets a single instance run', async () => {
    const second = await electron
      .launch({
        executablePath: (found as { path: string }).path,
        args: [root, `--user-data-dir=${await app.evaluate(({ app: a }) => a.getPath('userData'))}`],
        cwd: root,
      })
      .catch(() => null);
    if (second) {
      // The second instance quits at once; the first one keeps its single window.
      await expect.poll(async () => second.process().exitCode, { timeout: 10_000 }).not.toBeNull();
    }
    expect((await app.windows()).length).toBe(1);
  });
});
