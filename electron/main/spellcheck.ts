import type { Language } from '../common/api';

/**
 * The spell checker. On Windows and Linux Chromium checks with Hunspell
 * dictionaries that it downloads, by default from Google's CDN. Guichet
 * takes them from the sync server instead (`<server>/dictionaries/`, the
 * files of Electron's hunspell_dictionaries.zip), and from nowhere while no
 * server is configured: the discard port of this computer answers nothing,
 * so spelling is simply not checked, and no third party is contacted.
 * (macOS uses its own spell checker and downloads nothing.)
 */
export const NO_DICTIONARY_SOURCE = 'http://127.0.0.1:9/';

export function dictionaryDownloadUrl(syncServerUrl: string | null): string {
  return syncServerUrl ? `${syncServerUrl.replace(/\/+$/, '')}/dictionaries/` : NO_DICTIONARY_SOURCE;
}

export function spellcheckLanguages(language: Language): string[] {
  return language === 'en' ? ['en-GB'] : ['fr'];
}
