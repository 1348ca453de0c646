/**
 * Every string the user sees, French first: the shell composes each feature's own strings (the i18n layer
 * below the features only knows their shape). `i18n/i18n.test.ts` fails when a key exists in one language and
 * not the other, or when the code uses a key that exists in neither.
 */
import { common } from '../i18n/common';
import { initI18n, type Language } from '../i18n';
import { mergeStrings } from '../i18n/resources';
import { requestStrings } from '../requests';
import { intakeStrings } from '../intake';
import { citizenStrings } from '../citizens';
import { settingsStrings } from '../settings';
import { setupStrings } from '../setup';
import { documentStrings } from '../documents';
import { backupStrings } from '../backup';
import { statsStrings } from '../stats';
import { councilStrings } from '../council';
import { syncStrings } from '../sync/strings';
import { assistedStrings } from '../assisted';

export const resources = mergeStrings([
  common,
  requestStrings,
  intakeStrings,
  citizenStrings,
  settingsStrings,
  setupStrings,
  documentStrings,
  backupStrings,
  statsStrings,
  councilStrings,
  syncStrings,
  assistedStrings,
]);

/** i18next with the app's strings, in the stored language unless told otherwise. */
export function initAppI18n(language?: Language): ReturnType<typeof initI18n> {
  return initI18n(resources, language);
}
