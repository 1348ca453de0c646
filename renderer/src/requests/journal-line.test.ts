import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS } from '../../../domain/documents';
import { EVENT_TYPES, REPLY_KINDS, type EventDoc } from '../../../domain/model';
import { sampleDocuments } from '../../../domain/schemas/samples';
import { resources } from '../shell/strings';
import { journalLine, journalText } from './journal-line';

const base: EventDoc = sampleDocuments.events;
const languages = ['fr', 'en'] as const;
const translators = new Map<string, (key: string, options?: Record<string, unknown>) => string>();

beforeAll(async () => {
  for (const language of languages) {
    const instance = i18next.createInstance();
    await instance.init({
      resources: { [language]: { translation: resources[language] } },
      lng: language,
      fallbackLng: false,
      interpolation: { escapeValue: false },
    });
    translators.set(language, (key, options) => instance.t(key, options ?? {}));
  }
});

/**
 * Code words that must never reach the screen (issue 13: « Document émis ·
 * acknowledgement », « replyLetter »). In English, plain words such as
 * "exported" are real words: there, only the identifiers (camelCase,
 * snake_case, i18n keys) are looked for.
 */
const CODES = [...DOCUMENT_KINDS, ...REPLY_KINDS, ...EVENT_TYPES, 'journal.', 'fields.', 'searchText', 'categoryFields'];
const INTERNAL = { fr: CODES, en: CODES.filter((code) => /[A-Z_.]/.test(code)) };

function events(): EventDoc[] {
  const lines: EventDoc[] = EVENT_TYPES.map((type) => ({
    ...base,
    type,
    text: '',
    fields: ['status', 'categoryFields', 'civility', 'searchText'],
  }));
  for (const kind of DOCUMENT_KINDS) lines.push({ ...base, type: 'document_issued', text: kind });
  for (const kind of REPLY_KINDS) lines.push({ ...base, type: 'answered', text: kind });
  return lines;
}

describe('journal lines (issue 13)', () => {
  for (const language of languages) {
    it(`read in ${language}, without an internal name, for every event type and code`, () => {
      const t = translators.get(language)!;
      for (const event of events()) {
        const line = journalLine(event, t);
        for (const word of INTERNAL[language])
          expect(line, `${event.type}/${event.text}`).not.toMatch(new RegExp(`\\b${word.replace('.', '\\.')}\\b`));
        expect(journalText(event) === '' || journalText(event) === event.text).toBe(true);
      }
    });
  }

  it('names the document issued and the kind of reply, and hides their codes', () => {
    const t = translators.get('fr')!;
    expect(journalLine({ ...base, type: 'document_issued', text: 'acknowledgement' }, t)).toBe('Document émis : accusé de réception');
    expect(journalLine({ ...base, type: 'answered', text: 'holding' }, t)).toBe('Réponse d’attente enregistrée');
    expect(journalText({ ...base, type: 'document_issued', text: 'replyLetter' })).toBe('');
    expect(
      translators.get('en')!('journal.document_issued_named', { document: translators.get('en')!('journal.document.replyLetter') }),
    ).toBe('Document issued: reply letter');
  });

  it('says which request a line of a resident’s file is about, and tells the file’s own creation apart', () => {
    const t = translators.get('fr')!;
    expect(journalLine({ ...base, type: 'created' }, t, '2026-A-0003')).toBe('2026-A-0003 · Création');
    expect(journalLine({ ...base, type: 'created', requestId: '' }, t)).toBe('Création de la fiche usager');
  });
});
