import { common } from './common';
import { requestStrings } from '../requests/strings';
import { intakeStrings } from '../intake/strings';
import { citizenStrings } from '../citizens/strings';
import { settingsStrings } from '../settings/strings';
import { setupStrings } from '../setup/strings';
import { documentStrings } from '../documents/strings';
import { backupStrings } from '../backup/strings';
import { statsStrings } from '../stats/strings';
import { councilStrings } from '../council/strings';
import { syncStrings } from '../sync/strings';
import { assistedStrings } from '../assisted/strings';

/**
 * Every string the user sees, French first. Each feature folder owns its
 * strings (`<feature>/strings.ts`, `{ fr, en }` with the same keys); they are
 * merged here under their own top-level keys. `i18n.test.ts` fails when a key
 * exists in one language and not the other, or when the code uses a key that
 * exists in neither.
 */
export interface Strings {
  [key: string]: string | Strings;
}

export interface FeatureStrings {
  fr: Strings;
  en: Strings;
}

const features: FeatureStrings[] = [
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
];

function merge(language: 'fr' | 'en'): Strings {
  return Object.assign({}, ...features.map((feature) => feature[language])) as Strings;
}

export const resources = { fr: merge('fr'), en: merge('en') };
