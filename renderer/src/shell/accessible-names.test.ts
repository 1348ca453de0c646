import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from './strings';

/**
 * Controls whose accessible name says more than their visible label
 * (`aria-label`), as [visible label, accessible name, values]. WCAG 2.5.3
 * (label in name): the visible words start the accessible name, so that
 * « cliquer sur Utiliser ce dossier » works by voice (issue 13). A visible
 * label given as `{{…}}` is the value shown (a name, a title).
 */
const PAIRS: Array<[string, string, Record<string, string>]> = [
  ['intake.useFile', 'intake.useFileOf', { name: 'LEFÈVRE Hélène' }],
  ['common.remove', 'intake.removeAttachment', { name: 'photo.jpg' }],
  ['citizen.merge.choose', 'citizen.merge.chooseNamed', { name: 'LEFÈVRE Hélène' }],
  ['{{name}}', 'assisted.start.choose', { name: 'LEFÈVRE Hélène' }],
  ['{{procedure}}', 'assisted.table.openNamed', { procedure: 'Carte d’identité', date: '3 déc. 2026' }],
  ['settings.edit', 'assisted.settings.editNamed', { title: 'Carte d’identité' }],
  ['settings.edit', 'settings.categories.editNamed', { label: 'Voirie' }],
  ['settings.edit', 'settings.templates.editNamed', { title: 'Réponse favorable' }],
  ['settings.templates.insert', 'settings.templates.insertNamed', { label: 'nom de l’usager' }],
  ['stats.exportCsv', 'stats.exportCsvNamed', { name: 'Par canal' }],
  ['backup.list.check', 'backup.list.checkLabel', { date: '3 déc. 2026' }],
  ['documents.print', 'documents.printNamed', { name: 'Accusé de réception' }],
  ['documents.save', 'documents.saveNamed', { name: 'Accusé de réception' }],
];

describe('accessible names start with the visible label (WCAG 2.5.3, issue 13)', () => {
  for (const language of ['fr', 'en'] as const) {
    it(`in ${language}`, async () => {
      const instance = i18next.createInstance();
      await instance.init({
        resources: { [language]: { translation: resources[language] } },
        lng: language,
        fallbackLng: false,
        interpolation: { escapeValue: false },
      });
      for (const [visibleKey, nameKey, values] of PAIRS) {
        const visible = visibleKey.startsWith('{{') ? (values[visibleKey.slice(2, -2)] ?? '') : instance.t(visibleKey);
        const name = instance.t(nameKey, values);
        expect(name, `${nameKey} (${language})`).not.toBe(nameKey);
        expect(name.startsWith(visible), `« ${name} » should start with « ${visible} »`).toBe(true);
      }
    });
  }
});
