import { useCallback, useEffect, useState } from 'react';
import type { KeychainStatus } from '../../../electron/common/api';
import { getPlatform } from '../platform';

export interface BackupSecrets {
  /** null while the platform answers */
  keychain: KeychainStatus | null;
  /** whether a passphrase is kept on this device; null while the platform answers */
  hasPassphrase: boolean | null;
  /** asks the platform again, after the passphrase was saved or cleared */
  reload: () => Promise<void>;
}

/** What the platform keeps of the backup passphrase, and where it can keep it. */
export function useBackupSecrets(): BackupSecrets {
  const platform = getPlatform();
  const [keychain, setKeychain] = useState<KeychainStatus | null>(null);
  const [hasPassphrase, setHasPassphrase] = useState<boolean | null>(null);
  const reload = useCallback(async () => {
    setKeychain(await platform.keychainStatus());
    setHasPassphrase((await platform.readBackupPassphrase()) !== null);
  }, [platform]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { keychain, hasPassphrase, reload };
}
