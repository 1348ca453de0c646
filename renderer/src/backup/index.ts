/**
 * The public surface of backup/: what the shell and the features above it may use. Everything else in the
 * folder is its own business (the layering test, renderer/src/layers.test.ts, checks that no one reaches past
 * this file).
 */
export { BackupNotice } from './BackupNotice';
export { BackupSection } from './BackupSection';
export { RestoreBackupPanel } from './RestoreBackupPanel';
export { useDailyBackup } from './hooks';
export { backupStrings } from './strings';
