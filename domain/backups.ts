/**
 * Rules of the backups that need neither the platform nor the database: when a failure is still news, and
 * whether a new passphrase may be kept. (Making and reading backups is renderer/src/backup/.)
 */

/** The last automatic attempt failed after the newest backup known (or there is none): the failure is shown. */
export function failedSinceNewest(state: { lastFailure: string | null; lastFailureAt: string | null }, newest: string | null): boolean {
  if (!state.lastFailure || !state.lastFailureAt) return false;
  return !newest || Date.parse(state.lastFailureAt) > Date.parse(newest);
}

/** Which field of the new-passphrase form is wrong, and the i18n key saying why; null when it may be kept. */
export type NewPassphraseError = { field: 'passphrase' | 'confirm'; key: string };

export function newPassphraseError(passphrase: string, confirm: string, minLength: number): NewPassphraseError | null {
  if (passphrase.length < minLength) return { field: 'passphrase', key: 'backup.passphrase.tooShort' };
  if (confirm !== passphrase) return { field: 'confirm', key: 'backup.passphrase.mismatch' };
  return null;
}
