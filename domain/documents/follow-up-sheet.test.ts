import { describe, expect, it } from 'vitest';
import { generateDemoCommune } from '../demo';
import { documentFileName } from './index';
import { followUpSheetSample } from './follow-up-sample';
import { followUpSheetDefinition, SecretInDocumentError } from './follow-up-sheet';
import { definitionText } from './plain-text';

const demo = generateDemoCommune();
const flat = (text: string): string => text.replace(/\s+/g, ' ');
const followUpSample = followUpSheetSample(demo);

describe('follow-up sheet (fiche de suivi)', () => {
  const definition = followUpSheetDefinition(followUpSample);
  const words = flat(definitionText(definition));

  it('says what was done, what comes next, what to bring, and the tracking code in large type', () => {
    expect(words).toContain('FICHE DE SUIVI');
    expect(words).toContain('Mme Hélène LEFÈVRE');
    expect(words).toContain('Se connecter avec FranceConnect ou créer un compte ANTS'); // done
    expect(words).toContain('Prendre rendez-vous dans une mairie équipée'); // still to do
    expect(words).toContain('Prendre rendez-vous à la mairie de Verdun'); // the secretary's next steps
    expect(words).toContain('Photo d’identité de moins de six mois');
    expect(words).toContain('19 mars 2026');
    expect(words).toContain('La démarche est commencée');
    expect(JSON.stringify(definition.content)).toMatch(/"text":"PD-2026-123456","noWrap":true,"fontSize":24/);
  });

  it('gives the mairie’s opening hours and phone, and says no password was kept', () => {
    expect(words).toContain(demo.settings.phone);
    expect(words).toContain(flat(demo.settings.openingHours));
    expect(words).toContain('n’a noté ni conservé aucun de vos mots de passe');
  });

  it('is in large type: nothing in the body under 12 points', () => {
    expect(definition.defaultStyle?.fontSize).toBeGreaterThanOrEqual(14);
    const sizes = [...JSON.stringify(definition.content).matchAll(/"fontSize":(\d+(?:\.\d+)?)/g)].map((match) => Number(match[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  });

  it('says when it is blocked and why, and that nothing remains once done', () => {
    const blocked = flat(
      definitionText(
        followUpSheetDefinition({
          ...followUpSample,
          session: { ...followUpSample.session, outcome: 'blocked', blockedReason: 'Justificatif de domicile manquant' },
        }),
      ),
    );
    expect(blocked).toContain('Raison : Justificatif de domicile manquant');
    const done = flat(
      definitionText(
        followUpSheetDefinition({
          ...followUpSample,
          session: { ...followUpSample.session, outcome: 'done', nextSteps: '', followUpDate: '' },
        }),
      ),
    );
    expect(done).toContain('La démarche est terminée.');
    expect(done).toContain('vous n’avez plus rien à faire');
  });

  it('refuses to print a session holding something like a password', () => {
    expect(() =>
      followUpSheetDefinition({ ...followUpSample, session: { ...followUpSample.session, nextSteps: 'mot de passe : Tulipe1948' } }),
    ).toThrow(SecretInDocumentError);
  });

  it('is named for the save dialog', () => {
    expect(documentFileName('followUpSheet', 'Lefèvre 2026-03-12')).toBe('fiche-suivi-Lefèvre-2026-03-12.pdf');
    // decomposed « e + accent grave » (as macOS may give it) is composed; separators never reach the name
    expect(documentFileName('followUpSheet', 'Lefe\u0300vre/..\\Hélène: 2026')).toBe('fiche-suivi-Lefèvre-Hélène-2026.pdf');
  });
});
