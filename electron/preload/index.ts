import { contextBridge, ipcRenderer } from 'electron';
import type { GuichetApi, UpdateState } from '../common/api';
import { INVOKE_CHANNELS, UPDATE_STATE_EVENT } from '../common/channels';

/**
 * The preload of the app window (sandboxed: it can only require 'electron').
 * It exposes `window.guichet`: one named function per operation, each one
 * fixed IPC channel. Never ipcRenderer itself, never a generic invoke, never
 * an IPC event object (it would hand the page `sender`).
 */
const c = INVOKE_CHANNELS;

const guichetApi = {
  printPdf: (bytes, title) => ipcRenderer.invoke(c.printPdf, bytes, title),
  savePdf: (bytes, suggestedName) => ipcRenderer.invoke(c.savePdf, bytes, suggestedName),
  saveFile: (bytes, suggestedName) => ipcRenderer.invoke(c.saveFile, bytes, suggestedName),
  chooseBackupFolder: () => ipcRenderer.invoke(c.chooseBackupFolder),
  runBackup: (payload) => ipcRenderer.invoke(c.runBackup, { bytes: payload?.bytes }),
  listBackups: () => ipcRenderer.invoke(c.listBackups),
  readBackup: (name) => ipcRenderer.invoke(c.readBackup, name),
  openBackupFile: () => ipcRenderer.invoke(c.openBackupFile),
  storeDeviceToken: (token) => ipcRenderer.invoke(c.storeDeviceToken, token),
  readDeviceToken: () => ipcRenderer.invoke(c.readDeviceToken),
  clearDeviceToken: () => ipcRenderer.invoke(c.clearDeviceToken),
  storeBackupPassphrase: (passphrase) => ipcRenderer.invoke(c.storeBackupPassphrase, passphrase),
  readBackupPassphrase: () => ipcRenderer.invoke(c.readBackupPassphrase),
  clearBackupPassphrase: () => ipcRenderer.invoke(c.clearBackupPassphrase),
  keychainStatus: () => ipcRenderer.invoke(c.keychainStatus),
  getAppInfo: () => ipcRenderer.invoke(c.getAppInfo),
  setLanguage: (language) => ipcRenderer.invoke(c.setLanguage, language),
  setSyncServer: (url) => ipcRenderer.invoke(c.setSyncServer, url),
  getUpdateState: () => ipcRenderer.invoke(c.getUpdateState),
  onUpdateState: (callback) => {
    if (typeof callback !== 'function') throw new TypeError('callback');
    const listener = (_event: unknown, state: UpdateState) => callback(state);
    ipcRenderer.on(UPDATE_STATE_EVENT, listener);
    return () => {
      ipcRenderer.removeListener(UPDATE_STATE_EVENT, listener);
    };
  },
  openExternal: (url) => ipcRenderer.invoke(c.openExternal, url),
} satisfies GuichetApi;

contextBridge.exposeInMainWorld('guichet', guichetApi);
