import type { GuichetInvokeMethod } from './api';

/**
 * The IPC channel of each named operation: `guichet:<method>`. The preload
 * invokes exactly these and the main process handles exactly these; a test
 * checks both sides against this list, so an operation cannot be exposed
 * without a handler that checks its sender and its arguments.
 */
export const INVOKE_CHANNELS = {
  printPdf: 'guichet:printPdf',
  savePdf: 'guichet:savePdf',
  saveFile: 'guichet:saveFile',
  chooseBackupFolder: 'guichet:chooseBackupFolder',
  runBackup: 'guichet:runBackup',
  listBackups: 'guichet:listBackups',
  readBackup: 'guichet:readBackup',
  openBackupFile: 'guichet:openBackupFile',
  storeDeviceToken: 'guichet:storeDeviceToken',
  readDeviceToken: 'guichet:readDeviceToken',
  clearDeviceToken: 'guichet:clearDeviceToken',
  storeBackupPassphrase: 'guichet:storeBackupPassphrase',
  readBackupPassphrase: 'guichet:readBackupPassphrase',
  clearBackupPassphrase: 'guichet:clearBackupPassphrase',
  keychainStatus: 'guichet:keychainStatus',
  getAppInfo: 'guichet:getAppInfo',
  setLanguage: 'guichet:setLanguage',
  setSyncServer: 'guichet:setSyncServer',
  getUpdateState: 'guichet:getUpdateState',
  openExternal: 'guichet:openExternal',
} as const satisfies { [K in GuichetInvokeMethod]: `guichet:${K}` };

/** Main → renderer: the update state changed (payload: UpdateState). */
export const UPDATE_STATE_EVENT = 'guichet:update-state';
