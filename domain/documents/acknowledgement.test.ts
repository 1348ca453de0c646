import { describe, expect, it } from 'vitest';
import catalogueJson from '../../resources/catalogue/categories.json';
import { addDays, addMonths, computeDueAt, formatFrenchDate, requestDueAt } from '../calendar';
import type { CategoryDoc, Channel, ImplicitDecision } from '../model';
import { ACKNOWLEDGEMENT_FR, acknowledgementDefinition, acknowledgementFacts, type AcknowledgementInput } from './acknowledgement';
import { definitionText } from './plain-text';

const settings: AcknowledgementInput['settings'] = {
  name: 'Saint-Aubin-sur-Meuse',
  address: '2 place de la Mairie',
  postalCode: '55220',
  city: 'Saint-Aubin-sur-Meuse',
  phone: '03 53 01 20 40',
  email: 'mairie@saint-aubin-sur-meuse.fr',
  openingHours: 'Lundi et jeudi de 14 h à 18 h',
  logoDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
  epciName: 'Communauté de communes du Val de Meuse',
  users: [{ id: 'u1', name: 'Bernard Thiébaut', role: 'mayor', active: true }],
};

const REMEDIES = 'Recours gracieux auprès du maire et recours contentieux devant le tribunal administratif dans un délai de deux mois.';

function category(implicitDecision: ImplicitDecision, months = 2): AcknowledgementInput['category'] {
  return {
    label: 'Associations et subventions',
    implicitDecision,
    implicitDecisionMonths: months,
    remedies: implicitDecision === 'rejection' ? REMEDIES : '',
  };
}

function input(overrides: Partial<AcknowledgementInput> & { channel?: Channel; receivedAt?: string } = {}): AcknowledgementInput {
  const { channel = 'mail', receivedAt = '2026-03-12T11:00:00.000Z', ...rest } = overrides;
  return {
    settings,
    request: {
      reference: '2026-A-0042',
      trackingCode: 'K7MQ-4QX2',
      channel,
      channelFacts: channel === 'mail' ? { postmarkDate: '2026-03-10', sender: 'Mme Hélène Lefèvre' } : {},
      receivedAt,
      subject: 'Demande de subvention annuelle',
      dueAt: '2026-05-07',
      competence: 'commune',
      transfer: null,
    },
    citizen: {
      civility: 'madame',
      firstName: 'Hélène',
      lastName: 'Lefèvre',
      address: '12 rue de l’Église',
      postalCode: '55220',
      city: 'Saint-Aubin-sur-Meuse',
    },
    category: category('rejection'),
    issuedOn: '2026-03-12',
    agentName: 'Sylvie Martin',
    ...rest,
  };
}

const text = (value: AcknowledgementInput): string => definitionText(acknowledgementDefinition(value)).replace(/\s+/g, ' ');

describe('acknowledgementFacts', () => {
  it('dates the implicit decision the category’s months after the day of receipt', () => {
    for (const decision of ['acceptance', 'rejection'] as const) {
      for (const months of [1, 2, 4]) {
        const facts = acknowledgementFacts(input({ category: category(decision, months) }));
        expect(facts.receivedOn).toBe('2026-03-12');
        expect(facts.implicitDecisionOn).toBe(addMonths('2026-03-12', months));
      }
    }
    expect(acknowledgementFacts(input({ category: category('acceptance', 2) })).implicitDecisionOn).toBe('2026-05-12');
  });

  it('ends a month delay on the last day of a shorter month', () => {
    const facts = acknowledgementFacts(input({ receivedAt: '2026-01-31T12:00:00.000Z', category: category('acceptance', 1) }));
    expect(facts.implicitDecisionOn).toBe('2026-02-28');
  });

  it('gives no date when silence is no decision', () => {
    expect(acknowledgementFacts(input({ category: category('none') })).implicitDecisionOn).toBeNull();
  });

  it('starts the acceptance delay only once missing pieces arrive, and keeps the rejection date (L114-5)', () => {
    const missingPieces = ['Budget prévisionnel'];
    const acceptance = acknowledgementFacts(input({ category: category('acceptance'), missingPieces }));
    expect(acceptance.incomplete).toBe(true);
    expect(acceptance.implicitDecisionOn).toBeNull();
    expect(acceptance.piecesDueOn).toBe('2026-04-12');
    const rejection = acknowledgementFacts(input({ category: category('rejection'), missingPieces, piecesDueOn: '2026-03-31' }));
    expect(rejection.implicitDecisionOn).toBe('2026-05-12');
    expect(rejection.piecesDueOn).toBe('2026-03-31');
  });

  it('knows electronic requests (email, online form) from the others', () => {
    expect(acknowledgementFacts(input({ channel: 'email' })).electronic).toBe(true);
    expect(acknowledgementFacts(input({ channel: 'web' })).electronic).toBe(true);
    for (const channel of ['counter', 'phone', 'mail', 'elected'] as const)
      expect(acknowledgementFacts(input({ channel })).electronic).toBe(false);
  });

  it('names the intercommunality when the request is its competence', () => {
    const base = input();
    expect(acknowledgementFacts({ ...base, request: { ...base.request, competence: 'epci' } }).forwardedTo).toBe(settings.epciName);
  });
});

describe('acknowledgementDefinition', () => {
  it('states the date of receipt and the service’s designation, postal address, email and phone (R112-5 1° and 2°)', () => {
    const words = text(input());
    expect(words).toContain('12 mars 2026');
    expect(words).toContain('Secrétariat de mairie — Mairie de Saint-Aubin-sur-Meuse');
    expect(words).toContain('2 place de la Mairie, 55220 Saint-Aubin-sur-Meuse');
    expect(words).toContain('mairie@saint-aubin-sur-meuse.fr');
    expect(words).toContain('03 53 01 20 40');
    expect(words).toContain('Cachet de la poste 10 mars 2026');
    expect(words).toContain('2026-A-0042');
    expect(words).toContain('K7MQ-4QX2');
    expect(words).toContain('Réponse au plus tard le 7 mai 2026');
    expect(words).toContain('Madame Hélène LEFÈVRE');
    expect(words).toContain('L112-3');
    expect(words).toContain('R112-5');
    expect(words).toContain('L112-6');
  });

  it('says silence is worth acceptance, when, and that an attestation can be asked (L231-1, L232-3)', () => {
    const words = text(input({ category: category('acceptance', 1) }));
    expect(words).toContain('vaut décision d’acceptation');
    expect(words).toContain('L231-1');
    expect(words).toContain(`réputée acceptée le ${formatFrenchDate('2026-04-12')}.`);
    expect(words).toContain('attestation');
    expect(words).toContain('L232-3');
    expect(words).not.toContain('rejet');
    expect(words).not.toContain(ACKNOWLEDGEMENT_FR.remedies);
  });

  it('says silence is worth rejection, when, and the remedies and their delays', () => {
    const words = text(input({ category: category('rejection', 2) }));
    expect(words).toContain('vaut décision de rejet');
    expect(words).toContain(`réputée rejetée le ${formatFrenchDate('2026-05-12')}.`);
    expect(words).toContain(ACKNOWLEDGEMENT_FR.remedies);
    expect(words).toContain(REMEDIES);
    expect(words).toContain('L232-4');
    expect(words).not.toContain('L232-3');
  });

  it('falls back on the general remedies when the category states none', () => {
    const words = text(input({ category: { ...category('rejection'), remedies: '' } }));
    expect(words).toContain('recours gracieux auprès du maire');
    expect(words).toContain('tribunal administratif');
  });

  it('says nothing of an implicit decision when silence is none', () => {
    const words = text(input({ category: category('none') }));
    expect(words).not.toContain('réputée');
    expect(words).not.toContain(ACKNOWLEDGEMENT_FR.implicitDecision);
  });

  it('adds "sous réserve que la demande soit complète" for an electronic request only (R112-11-1)', () => {
    for (const channel of ['email', 'web'] as const) {
      const words = text(input({ channel, category: category('acceptance') }));
      expect(words).toContain('réputée acceptée le 12 mai 2026, sous réserve que la demande soit complète.');
      expect(words).toContain('R112-11-1');
      expect(words).toContain(ACKNOWLEDGEMENT_FR.titleElectronic.toLocaleUpperCase('fr-FR'));
    }
    const onPaper = text(input({ channel: 'mail', category: category('acceptance') }));
    expect(onPaper).not.toContain('sous réserve');
    expect(onPaper).not.toContain('R112-11-1');
  });

  it('lists missing pieces with their deadline and the effect on the delay (L114-5)', () => {
    const missingPieces = ['Budget prévisionnel', 'Relevé d’identité bancaire'];
    const rejection = text(input({ missingPieces, piecesDueOn: '2026-04-10' }));
    expect(rejection).toContain('au plus tard le 10 avril 2026');
    for (const piece of missingPieces) expect(rejection).toContain(piece);
    expect(rejection).toContain('est suspendu pendant le délai fixé');
    expect(rejection).toContain('L114-5');
    const acceptance = text(input({ missingPieces, category: category('acceptance') }));
    expect(acceptance).toContain('ne court qu’à compter de la réception de ces pièces');
    expect(acceptance).toContain('deux mois après la réception des pièces manquantes');
    expect(text(input())).not.toContain(ACKNOWLEDGEMENT_FR.missingPieces);
  });

  it('says where a request outside the commune’s competence was sent (L114-2)', () => {
    const base = input();
    const words = text({
      ...base,
      request: {
        ...base.request,
        competence: 'epci',
        transfer: {
          to: 'epci',
          toId: null,
          toName: 'Communauté de communes du Val de Meuse',
          at: '2026-03-13T09:00:00.000Z',
          by: 'u',
          note: '',
        },
      },
    });
    expect(words).toContain('transmise le 13 mars 2026');
    expect(words).toContain('L114-2');
  });

  it('prints the logo only when the commune has one, and works for an anonymous request', () => {
    expect(acknowledgementDefinition(input()).images).toHaveProperty('logo');
    const noLogo = acknowledgementDefinition(input({ settings: { ...settings, logoDataUrl: '' }, citizen: null }));
    expect(noLogo.images).toEqual({});
    expect(definitionText(noLogo)).not.toContain('LEFÈVRE');
  });

  it('takes its words from the dictionary it is given', () => {
    const english = { ...ACKNOWLEDGEMENT_FR, title: 'Acknowledgement of receipt' };
    expect(text(input({ labels: english }))).toContain('ACKNOWLEDGEMENT OF RECEIPT');
  });
});

const catalogue = catalogueJson as Array<Pick<CategoryDoc, 'code' | 'label' | 'delayDays' | 'implicitDecision' | 'implicitDecisionMonths'>>;

describe('the desk’s due date and the implicit decision agree, for every category of the catalogue (issue 13)', () => {
  // Every day of 2026 and 2027, holidays and year ends included, for every category and channel.
  const days = Array.from({ length: 730 }, (_, index) => addDays('2026-01-01', index));
  const channels: Channel[] = ['counter', 'mail', 'email', 'web'];

  it('never promises an answer after the day silence is worth a decision', () => {
    for (const entry of catalogue) {
      for (const day of days) {
        const receivedAt = `${day}T10:00:00.000Z`;
        const dueAt = requestDueAt(receivedAt, entry);
        for (const channel of channels) {
          const facts = acknowledgementFacts(
            input({
              channel,
              receivedAt,
              category: { ...entry, remedies: '' },
              request: { ...input().request, channel, receivedAt, dueAt },
            }),
          );
          expect(facts.answerBy, `${entry.code} ${day}`).toBe(dueAt);
          if (facts.implicitDecisionOn)
            expect(
              dueAt < facts.implicitDecisionOn,
              `${entry.code} received ${day}: due ${dueAt}, decision ${facts.implicitDecisionOn}`,
            ).toBe(true);
        }
      }
    }
  });

  it('keeps the category’s working-day delay when it ends before the implicit decision', () => {
    for (const entry of catalogue) {
      for (const day of days) {
        const due = computeDueAt(day, entry.delayDays);
        const decision = entry.implicitDecision === 'none' ? null : addMonths(day, entry.implicitDecisionMonths);
        if (!decision || due < decision) expect(requestDueAt(day, entry), `${entry.code} ${day}`).toBe(due);
      }
    }
  });

  it('prints one consistent pair for a certificat d’urbanisme received on 4 December 2026, even with an old due date', () => {
    const cu = catalogue.find((entry) => entry.code === 'urbanisme-cu-information')!;
    const receivedAt = '2026-12-04T10:00:00.000Z';
    // recorded before the rule: 21 working days, past the implicit acceptance of 4 January 2027
    const old = input({ receivedAt, category: { ...cu, remedies: '' }, request: { ...input().request, receivedAt, dueAt: '2027-01-06' } });
    const printed = text(old);
    expect(printed).toContain('réputée acceptée le 4 janvier 2027');
    expect(printed).toContain('Réponse au plus tard le 31 décembre 2026');
    expect(printed).not.toContain('6 janvier 2027');
  });
});
