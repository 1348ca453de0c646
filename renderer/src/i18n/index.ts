import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Resources } from './resources';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_KEY = 'guichet.language';

export function storedLanguage(): Language {
  const value = globalThis.localStorage?.getItem(LANGUAGE_KEY);
  return value === 'en' ? 'en' : 'fr';
}

/** French first: it is the language of the mairie; English is complete for other users. */
export async function initI18n(resources: Resources, language: Language = storedLanguage()): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { fr: { translation: resources.fr }, en: { translation: resources.en } },
    lng: language,
    fallbackLng: false, // a missing key must show, not hide behind French (a test checks none is missing)
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  globalThis.localStorage?.setItem(LANGUAGE_KEY, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export { i18next };
