import { useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuichetDatabase } from '../db/database';
import type { Actor } from '../db/journal';
import { getPlatform, isDesktop } from '../platform';
import { formatBytes } from '../ui/format';
import { Announce, type Message } from './Announce';
import { type BackupRunOutcome, runBackupNow } from './run';

interface RunState {
  running: boolean;
  message: Message | null;
}

type RunAction = { type: 'started' } | { type: 'told'; message: Message } | { type: 'stopped' };

/** A backup by hand: it starts (the last message goes), says how it went, stops. */
function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'started':
      return { running: true, message: null };
    case 'told':
      return { ...state, message: action.message };
    case 'stopped':
      return { ...state, running: false };
  }
}

/** What to say of a backup run: the file written or downloaded and its size, or why it failed. */
function messageOf(outcome: BackupRunOutcome): Message {
  if (!outcome.ok) return { key: `backup.failure.${outcome.failure}`, alert: true };
  const { result } = outcome;
  return {
    key: result.status === 'written' ? 'backup.now.written' : 'backup.now.downloaded',
    values: { name: result.name, size: formatBytes(result.size) },
  };
}

/** Runs a backup now, and `onDone` afterwards so the listing and the last backup follow. */
function useBackupRun(db: GuichetDatabase, actor: Actor, onDone: () => void) {
  const [state, dispatch] = useReducer(runReducer, { running: false, message: null });
  async function run() {
    dispatch({ type: 'started' });
    try {
      dispatch({ type: 'told', message: messageOf(await runBackupNow(db, getPlatform(), actor)) });
      onDone();
    } finally {
      dispatch({ type: 'stopped' });
    }
  }
  return { ...state, run };
}

/** "Sauvegarder maintenant": to the folder on the desktop, as a download in the browser; needs the passphrase. */
export function BackupNowSection({
  db,
  actor,
  hasPassphrase,
  onDone,
}: {
  db: GuichetDatabase;
  actor: Actor;
  hasPassphrase: boolean | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const desktop = isDesktop();
  const { running, message, run } = useBackupRun(db, actor, onDone);
  return (
    <section aria-labelledby="backup-now-title">
      <h3 id="backup-now-title">{t('backup.now.title')}</h3>
      <div className="actions actions--inline">
        <button
          type="button"
          className="button button--primary"
          disabled={running || !hasPassphrase}
          aria-describedby={hasPassphrase ? undefined : 'backup-now-hint'}
          onClick={() => void run()}
        >
          {running ? t('backup.now.running') : desktop ? t('backup.now.run') : t('backup.now.download')}
        </button>
      </div>
      {hasPassphrase === false ? (
        <p id="backup-now-hint" className="field__hint">
          {t('backup.now.needsPassphrase')}
        </p>
      ) : null}
      <Announce message={message} />
    </section>
  );
}
