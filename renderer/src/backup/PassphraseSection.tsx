import { useReducer, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { newPassphraseError, type NewPassphraseError } from '../../../domain/backups';
import type { KeychainStatus } from '../../../electron/common/api';
import { getPlatform, isDesktop } from '../platform';
import { MIN_PASSPHRASE_LENGTH } from '../platform/backup-crypto';
import { Field } from '../ui/Field';
import { Announce, type Message } from './Announce';
import type { BackupSecrets } from './useBackupSecrets';

interface PassphraseFormState {
  passphrase: string;
  confirm: string;
  error: NewPassphraseError | null;
  message: Message | null;
}

type PassphraseFormAction =
  | { type: 'typed'; field: 'passphrase' | 'confirm'; value: string }
  | { type: 'submitted' }
  | { type: 'refused'; error: NewPassphraseError }
  | { type: 'accepted' }
  | { type: 'stored'; key: string }
  | { type: 'cleared' };

const EMPTY: PassphraseFormState = { passphrase: '', confirm: '', error: null, message: null };

/** Every way the passphrase form changes: typed, refused, accepted, then stored (and emptied), or cleared. */
function passphraseFormReducer(state: PassphraseFormState, action: PassphraseFormAction): PassphraseFormState {
  switch (action.type) {
    case 'typed':
      return { ...state, [action.field]: action.value };
    case 'submitted':
      return { ...state, message: null };
    case 'refused':
      return { ...state, error: action.error };
    case 'accepted':
      return { ...state, error: null };
    case 'stored':
      return { ...state, passphrase: '', confirm: '', message: { key: action.key } };
    case 'cleared':
      return { ...state, message: { key: 'backup.passphrase.cleared' } };
  }
}

/** Where the passphrase is kept: the OS keychain, the session only, or the browser. */
function keychainKey(keychain: KeychainStatus | null, desktop: boolean): string | null {
  if (keychain === null) return null;
  if (!desktop) return 'backup.keychain.browser';
  return keychain === 'os-keychain' ? 'backup.keychain.os' : 'backup.keychain.none';
}

/** The backup passphrase: whether one is kept and where, setting a new one (twice), clearing it. */
export function PassphraseSection({ secrets }: { secrets: BackupSecrets }) {
  const { t } = useTranslation();
  const platform = getPlatform();
  const desktop = isDesktop();
  const { keychain, hasPassphrase, reload } = secrets;
  const [state, dispatch] = useReducer(passphraseFormReducer, EMPTY);
  const keychainText = keychainKey(keychain, desktop);

  async function save(event: FormEvent) {
    event.preventDefault();
    dispatch({ type: 'submitted' });
    const error = newPassphraseError(state.passphrase, state.confirm, MIN_PASSPHRASE_LENGTH);
    if (error) return dispatch({ type: 'refused', error });
    dispatch({ type: 'accepted' });
    const stored = await platform.storeBackupPassphrase(state.passphrase);
    dispatch({ type: 'stored', key: stored.storage === 'session-only' ? 'backup.passphrase.savedSession' : 'backup.passphrase.saved' });
    await reload();
  }

  async function clear() {
    await platform.clearBackupPassphrase();
    dispatch({ type: 'cleared' });
    await reload();
  }

  return (
    <section aria-labelledby="backup-passphrase-title">
      <h3 id="backup-passphrase-title">{t('backup.passphrase.title')}</h3>
      {hasPassphrase === null ? null : <p>{hasPassphrase ? t('backup.passphrase.isSet') : t('backup.passphrase.notSet')}</p>}
      {keychainText ? (
        <p className={keychain === 'os-keychain' && desktop ? 'muted' : 'notice notice--warn'} data-testid="backup-keychain">
          {t(keychainText)}
        </p>
      ) : null}
      <form className="form" onSubmit={(event) => void save(event)} noValidate>
        <Field
          label={t('backup.passphrase.label')}
          hint={t('backup.passphrase.hint', { min: MIN_PASSPHRASE_LENGTH })}
          error={state.error?.field === 'passphrase' ? state.error.key : undefined}
          required
        >
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={state.passphrase}
              onChange={(e) => dispatch({ type: 'typed', field: 'passphrase', value: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('backup.passphrase.confirm')} error={state.error?.field === 'confirm' ? state.error.key : undefined} required>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={state.confirm}
              onChange={(e) => dispatch({ type: 'typed', field: 'confirm', value: e.target.value })}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button button--primary">
            {t('backup.passphrase.save')}
          </button>
          {hasPassphrase ? (
            <button type="button" className="button" onClick={() => void clear()}>
              {t('backup.passphrase.clear')}
            </button>
          ) : null}
        </div>
      </form>
      <Announce message={state.message} />
    </section>
  );
}
