import { describe, expect, it } from 'vitest';
import { failedSinceNewest, newPassphraseError } from './backups';

describe('a failed backup', () => {
  const failure = { lastFailure: 'no-folder', lastFailureAt: '2026-03-10T08:00:00.000Z' };

  it('is shown when no backup was ever made, or the newest is older than the failure', () => {
    expect(failedSinceNewest(failure, null)).toBe(true);
    expect(failedSinceNewest(failure, '2026-03-09T08:00:00.000Z')).toBe(true);
  });

  it('is forgotten once a later backup succeeded', () => {
    expect(failedSinceNewest(failure, '2026-03-10T09:00:00.000Z')).toBe(false);
    expect(failedSinceNewest(failure, failure.lastFailureAt)).toBe(false);
  });

  it('needs both what failed and when', () => {
    expect(failedSinceNewest({ lastFailure: null, lastFailureAt: failure.lastFailureAt }, null)).toBe(false);
    expect(failedSinceNewest({ lastFailure: 'failed', lastFailureAt: null }, null)).toBe(false);
  });
});

describe('a new backup passphrase', () => {
  it('is refused when too short, on the passphrase field', () => {
    expect(newPassphraseError('court', 'court', 12)).toEqual({ field: 'passphrase', key: 'backup.passphrase.tooShort' });
  });

  it('is refused when the confirmation differs, on the confirmation field', () => {
    expect(newPassphraseError('une longue phrase', 'une longue phrasE', 12)).toEqual({
      field: 'confirm',
      key: 'backup.passphrase.mismatch',
    });
  });

  it('is kept when long enough and confirmed', () => {
    expect(newPassphraseError('une longue phrase', 'une longue phrase', 12)).toBeNull();
    expect(newPassphraseError('123456789012', '123456789012', 12)).toBeNull();
  });
});
