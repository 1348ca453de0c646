/**
 * Turns a storage failure into an i18n key the secretary can act on.
 * A full disk or quota error (quality.md, reliability 8) must say so plainly;
 * what was already saved stays readable because IndexedDB aborts only the
 * failed transaction.
 */
export function describeStorageError(error: unknown): string {
  const text = errorText(error);
  if (/quota|QuotaExceeded|disk.*full|ENOSPC|no space/i.test(text)) return 'errors.storageFull';
  if (/VersionError|UpgradeError|DM\d|migration/i.test(text)) return 'errors.storageMigration';
  if (/VD2|schema|validation|does not match/i.test(text)) return 'errors.invalidDocument';
  return 'errors.storageUnknown';
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const inner = (error as Error & { parameters?: { error?: unknown }; cause?: unknown }).parameters?.error ?? error.cause;
    return `${error.name} ${error.message} ${inner ? errorText(inner) : ''}`;
  }
  return String(error);
}
