import { describe, expect, it } from 'vitest';
import { sampleDocuments } from './schemas/samples';
import { listPlaceholders, PLACEHOLDERS, renderTemplate, buildTemplateContext, type TemplateSources } from './templates';

const sources: TemplateSources = {
  // local noon, so the day of receipt is 12 March in any time zone
  request: { ...sampleDocuments.requests, receivedAt: new Date(2026, 2, 12, 12, 0).toISOString() },
  citizen: sampleDocuments.citizens,
  settings: sampleDocuments.settings,
  agentName: 'Sylvie Martin',
  today: '2026-03-16',
};

describe('listPlaceholders', () => {
  it('lists each placeholder once, in order, known or not, spaces inside braces allowed', () => {
    expect(listPlaceholders('{{usager.nom}} {{ demande.reference }} {{usager.nom}} {{usager.age}}')).toEqual([
      'usager.nom',
      'demande.reference',
      'usager.age',
    ]);
  });
});

describe('buildTemplateContext', () => {
  it('fills every placeholder from the request, the resident and the commune', () => {
    expect(buildTemplateContext(sources)).toEqual({
      'usager.civilite': 'Madame',
      'usager.prenom': 'Hélène',
      'usager.nom': 'LEFÈVRE',
      'demande.reference': '2026-A-0042',
      'demande.objet': 'Lampadaire éteint rue Saint-Éloi',
      'demande.date_reception': '12 mars 2026',
      'demande.echeance': '26 mars 2026',
      'demande.code_suivi': 'K7MQ-4QX2',
      'commune.nom': 'Villers-lès-Nancy',
      'commune.adresse': '1 place de la Mairie, 54600 Villers-lès-Nancy',
      'commune.telephone': '03 83 00 00 00',
      date_du_jour: '16 mars 2026',
      'agent.nom': 'Sylvie Martin',
    });
    expect(Object.keys(buildTemplateContext(sources)).sort()).toEqual([...PLACEHOLDERS].sort());
    expect(buildTemplateContext({ ...sources, today: new Date(2026, 2, 16, 9, 30) }).date_du_jour).toBe('16 mars 2026');
  });
});

describe('renderTemplate', () => {
  it('renders the sample template as a letter', () => {
    const result = renderTemplate(sampleDocuments.replytemplates.body, buildTemplateContext(sources));
    expect(result).toEqual({
      ok: true,
      text: 'Madame LEFÈVRE,\n\nVotre signalement 2026-A-0042 du 12 mars 2026 a été transmis à nos services techniques.',
    });
  });

  it('greets with « Madame, Monsieur » when the civility is not known, as French letters do', () => {
    const { civility: _civility, ...withoutCivility } = sampleDocuments.citizens;
    const result = renderTemplate('{{usager.civilite}},', buildTemplateContext({ ...sources, citizen: withoutCivility }));
    expect(result).toEqual({ ok: true, text: 'Madame, Monsieur,' });
  });

  it('reports a missing name instead of printing a blank (anonymous request)', () => {
    const result = renderTemplate('{{usager.civilite}} {{usager.nom}},', buildTemplateContext({ ...sources, citizen: null }));
    expect(result).toEqual({ ok: false, missing: ['usager.nom'], unknown: [] });
  });

  it('reports every resident placeholder as missing on an anonymous request', () => {
    const result = renderTemplate('{{usager.prenom}} {{usager.nom}} {{commune.nom}}', buildTemplateContext({ ...sources, citizen: null }));
    expect(result).toEqual({ ok: false, missing: ['usager.prenom', 'usager.nom'], unknown: [] });
  });

  it('reports unknown placeholders and unclosed braces, never prints them raw', () => {
    const result = renderTemplate('Bonjour {{usager.nom}} {{usager.age}} {{demande.reference', buildTemplateContext(sources));
    expect(result).toEqual({ ok: false, missing: [], unknown: ['usager.age', '{{demande.reference'] });
  });

  it('leaves text without placeholders alone', () => {
    expect(renderTemplate('Merci de votre patience.', {})).toEqual({ ok: true, text: 'Merci de votre patience.' });
  });

  it('inserts values literally, even ones that look like placeholders or replacement patterns', () => {
    expect(renderTemplate('Objet : {{demande.objet}}', { 'demande.objet': 'Prix $& {{usager.nom}}' })).toEqual({
      ok: true,
      text: 'Objet : Prix $& {{usager.nom}}',
    });
  });
});
