import { useReducer, type FormEvent } from 'react';
import type { ReadBackupResult } from '../../../electron/common/api';
import { getPlatform } from '../platform';
import type { Message } from './Announce';
import type { BackupCounts } from './bundle';
import { inspectBackup, refusalKey, refusalOf } from './run';

/** The backup to check: one of the folder's (by name), or a file opened from anywhere (its bytes). */
export type BackupSource = { kind: 'listed'; name: string; label: string } | { kind: 'file'; name: string; bytes: Uint8Array };

export interface BackupCheckState {
  source: BackupSource | null;
  passphrase: string;
  checking: boolean;
  message: Message | null;
  /** what the last check read: when it was made, and how many of each it holds */
  checked: { createdAt: string; counts: BackupCounts } | null;
}

type BackupCheckAction =
  | { type: 'picked'; source: BackupSource }
  | { type: 'typed'; passphrase: string }
  | { type: 'told'; message: Message }
  | { type: 'started' }
  | { type: 'read'; checked: NonNullable<BackupCheckState['checked']> }
  | { type: 'stopped' };

const INITIAL: BackupCheckState = { source: null, passphrase: '', checking: false, message: null, checked: null };

/** Every way a check changes: a backup picked (the last result goes), started, read or refused, stopped. */
function backupCheckReducer(state: BackupCheckState, action: BackupCheckAction): BackupCheckState {
  switch (action.type) {
    case 'picked':
      return { ...state, source: action.source, checked: null, message: null };
    case 'typed':
      return { ...state, passphrase: action.passphrase };
    case 'told':
      return { ...state, message: action.message };
    case 'started':
      return { ...state, checking: true, checked: null, message: null };
    case 'read':
      return { ...state, checked: action.checked };
    case 'stopped':
      return { ...state, checking: false };
  }
}

function alertOf(key: string, values?: Message['values']): Message {
  return values ? { key, values, alert: true } : { key, alert: true };
}

/** The bytes of the source: already there for a file, read from the folder for a listed one. */
async function readSource(source: BackupSource): Promise<ReadBackupResult> {
  if (source.kind === 'file') return { status: 'ok', name: source.name, bytes: source.bytes };
  return getPlatform().readBackup(source.name);
}

/** Checking a backup: decrypting and reading it with the passphrase typed, without restoring anything. */
export function useBackupCheck() {
  const [state, dispatch] = useReducer(backupCheckReducer, INITIAL);
  const tell = (message: Message) => dispatch({ type: 'told', message });

  const pick = (source: BackupSource) => dispatch({ type: 'picked', source });
  const typePassphrase = (passphrase: string) => dispatch({ type: 'typed', passphrase });

  async function pickFile() {
    const result = await getPlatform().openBackupFile();
    if (result.status === 'ok') pick({ kind: 'file', name: result.name, bytes: result.bytes });
    else if (result.status === 'failed') tell(alertOf('backup.errors.read-failed', { message: result.message }));
  }

  async function check(event: FormEvent) {
    event.preventDefault();
    const { source, passphrase } = state;
    if (!source) return tell(alertOf('backup.check.none'));
    if (!passphrase) return tell(alertOf('backup.restore.needPassphrase'));
    dispatch({ type: 'started' });
    try {
      const read = await readSource(source);
      if (read.status === 'not-found') return tell(alertOf('backup.errors.not-found'));
      if (read.status === 'failed') return tell(alertOf('backup.errors.read-failed', { message: read.message }));
      if (read.status !== 'ok') return;
      dispatch({ type: 'read', checked: await inspectBackup(read.bytes, passphrase) });
    } catch (error) {
      tell(alertOf(refusalKey(refusalOf(error))));
    } finally {
      dispatch({ type: 'stopped' });
    }
  }

  return { ...state, pick, pickFile, typePassphrase, check };
}

export type BackupCheck = ReturnType<typeof useBackupCheck>;
