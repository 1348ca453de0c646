import nodePath from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell } from 'electron';
import type { WebContents } from 'electron';
import { autoUpdater } from 'electron-updater';
import type { AppInfo, Language, OpenExternalResult, SetSyncServerResult, UpdateState } from '../common/api';
import { UPDATE_STATE_EVENT } from '../common/channels';
import { allowedExternalUrl } from '../common/external-urls';
import { checkSyncServerUrl } from '../common/sync-server';
import { createBackupService } from './backups';
import { registerIpc } from './ipc';
import { aboutText, menuTemplate } from './menu';
import { createPdfPrinter } from './print';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol';
import { createFileSaver, createPdfSaver, type PdfSaverOptions } from './save-pdf';
import { hardenSession, hardenWebContents, PRINT_PARTITION, restrictNetwork } from './security';
import { openShellConfig } from './shell-config';
import { dictionaryDownloadUrl, spellcheckLanguages } from './spellcheck';
import { createSecretStore } from './token-store';
import { createUpdateService, type UpdaterLike } from './updater';
import { openMainWindow } from './window';
import { loadWindowState, restoreWindowState, trackWindowState, windowStateSaver } from './window-state';

/**
 * The main process: app lifecycle and wiring. Every concern lives in its own
 * module with its dependencies passed in (and is tested there); this file
 * only hands them the real Electron.
 */

// Before `ready`: the app's own origin, and the sandbox for every renderer.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

const here = __dirname; // dist/electron (inside app.asar when packaged)
const RENDERER_ROOT = nodePath.join(here, '..', 'renderer');
const PRELOAD = nodePath.join(here, 'preload.cjs');

const appWindows = new Set<BrowserWindow>();
const isKnownWebContents = (sender: unknown): boolean =>
  [...appWindows].some((win) => !win.isDestroyed() && win.webContents === sender && !win.webContents.isDestroyed());

async function openExternal(url: string): Promise<OpenExternalResult> {
  const allowed = allowedExternalUrl(url);
  if (!allowed) return { status: 'refused' };
  await shell.openExternal(allowed);
  return { status: 'opened' };
}

if (!app.requestSingleInstanceLock()) {
  // Another Guichet is running: it gets the focus (second-instance below), this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = [...appWindows][0];
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (error) => {
    console.error(error);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId('fr.guichet.app');
  const userData = app.getPath('userData');
  const config = await openShellConfig(nodePath.join(userData, 'guichet-shell.json'));
  const syncOrigin = () => {
    const url = config.get().syncServerUrl;
    const check = url ? checkSyncServerUrl(url) : null;
    return check?.ok ? check.origin : null;
  };

  // Sessions: the app's, and the print window's throwaway one.
  const appSession = session.defaultSession;
  hardenSession(appSession);
  restrictNetwork(appSession, syncOrigin);
  hardenSession(session.fromPartition(PRINT_PARTITION));
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: RENDERER_ROOT, syncServerOrigin: syncOrigin }));

  const secrets = createSecretStore({ safeStorage, platform: process.platform, dir: nodePath.join(userData, 'secrets') });
  const backups = createBackupService({ config, showOpenDialog: (o) => openDialog(o) });
  const printPdf = createPdfPrinter({ createWindow: (o) => new BrowserWindow(o) });
  const saverOptions: PdfSaverOptions = {
    showSaveDialog: (o) => {
      const parent = BrowserWindow.getFocusedWindow();
      return parent ? dialog.showSaveDialog(parent, o) : dialog.showSaveDialog(o);
    },
    documentsDir: () => app.getPath('documents'),
    language: () => config.get().language,
  };
  const savePdf = createPdfSaver(saverOptions);
  const saveFile = createFileSaver(saverOptions);

  function openDialog(options: Electron.OpenDialogOptions) {
    const parent = BrowserWindow.getFocusedWindow();
    return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
  }

  const broadcast = (state: UpdateState) => {
    for (const win of appWindows) if (!win.isDestroyed()) win.webContents.send(UPDATE_STATE_EVENT, state);
  };
  const updates = createUpdateService({
    updater: autoUpdater as unknown as UpdaterLike,
    isPackaged: app.isPackaged,
    syncServerUrl: () => config.get().syncServerUrl,
    onState: broadcast,
  });

  const applyLanguage = (language: Language) => {
    const template = menuTemplate(
      language,
      { developer: !app.isPackaged },
      {
        openExternal: (url) => void openExternal(url),
        showAbout: () => {
          const text = aboutText(language, {
            version: app.getVersion(),
            electron: process.versions.electron,
            chrome: process.versions.chrome,
          });
          void dialog.showMessageBox({ type: 'info', title: text.title, message: text.message, detail: text.detail, buttons: ['OK'] });
        },
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    appSession.setSpellCheckerLanguages(spellcheckLanguages(language));
  };
  const applyDictionarySource = () => appSession.setSpellCheckerDictionaryDownloadURL(dictionaryDownloadUrl(config.get().syncServerUrl));
  applyDictionarySource();
  applyLanguage(config.get().language);

  const appInfo = (): AppInfo => ({
    name: 'Guichet',
    version: app.getVersion(),
    shell: 'electron',
    platform: process.platform === 'win32' || process.platform === 'linux' || process.platform === 'darwin' ? process.platform : 'other',
    electron: process.versions.electron,
    chrome: process.versions.chrome,
  });

  const windowOf = (sender: unknown) => BrowserWindow.fromWebContents(sender as WebContents) ?? undefined;

  registerIpc({
    ipcMain,
    isKnownWebContents,
    onRefused: (channel, reason) => console.warn(`IPC refusé (${reason}) : ${channel}`),
    handlers: {
      printPdf: ({ sender }, bytes, title) => printPdf(bytes, title, windowOf(sender)),
      savePdf: (_context, bytes, name) => savePdf(bytes, name),
      saveFile: (_context, bytes, name) => saveFile(bytes, name),
      chooseBackupFolder: () => backups.chooseFolder(),
      runBackup: (_context, payload) => backups.run(payload),
      listBackups: () => backups.list(),
      readBackup: (_context, name) => backups.read(name),
      openBackupFile: () => backups.openFile(),
      storeDeviceToken: (_context, token) => secrets.store('device-token', token),
      readDeviceToken: () => secrets.read('device-token'),
      clearDeviceToken: () => secrets.clear('device-token'),
      storeBackupPassphrase: (_context, passphrase) => secrets.store('backup-passphrase', passphrase),
      readBackupPassphrase: () => secrets.read('backup-passphrase'),
      clearBackupPassphrase: () => secrets.clear('backup-passphrase'),
      keychainStatus: () => secrets.status(),
      getAppInfo: () => appInfo(),
      setLanguage: async (_context, language) => {
        await config.update({ language });
        applyLanguage(language);
      },
      setSyncServer: async (_context, url): Promise<SetSyncServerResult> => {
        const before = syncOrigin();
        if (url === null) {
          await config.update({ syncServerUrl: null });
          updates.reconfigure();
          applyDictionarySource();
          return { status: 'ok', url: null, reloadRequired: false };
        }
        const check = checkSyncServerUrl(url);
        if (!check.ok) return { status: 'refused', reason: check.reason };
        await config.update({ syncServerUrl: check.url });
        updates.reconfigure();
        applyDictionarySource();
        return { status: 'ok', url: check.url, reloadRequired: check.origin !== before };
      },
      getUpdateState: () => updates.state(),
      openExternal: (_context, url) => openExternal(url),
    },
  });

  const stateFile = nodePath.join(userData, 'window-state.json');
  const display = screen.getPrimaryDisplay();
  const state = restoreWindowState(
    await loadWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
    display.workArea,
  );
  const win = openMainWindow((options) => new BrowserWindow(options), {
    preload: PRELOAD,
    state,
    devTools: !app.isPackaged,
  });
  appWindows.add(win);
  win.on('closed', () => appWindows.delete(win));
  trackWindowState(win, windowStateSaver(stateFile));

  updates.start();
}
