import { describe, expect, it } from 'vitest';
import { generateDemoCommune } from '../demo';
import type { RequestDoc } from '../model';
import { ofCommune, recipientLines, signatureName, typeset } from './common';
import { depositReceiptDefinition } from './deposit-receipt';
import { documentFileName } from './index';
import {
  MAIL_REGISTER_FR,
  mailRegisterDefinition,
  mailRegisterEntries,
  type MailRegisterEntry,
  type MailRegisterSource,
} from './mail-register';
import { definitionText } from './plain-text';
import { letterParagraphs, replyLetterDefinition } from './reply-letter';
import { documentSamples } from './samples';

const demo = generateDemoCommune();
const samples = documentSamples(demo);
const flat = (text: string): string => text.replace(/\s+/g, ' ');

describe('common', () => {
  it('elides and contracts before a commune’s name', () => {
    expect(ofCommune('Saint-Aubin-sur-Meuse')).toBe('de Saint-Aubin-sur-Meuse');
    expect(ofCommune('Étain')).toBe('d’Étain');
    expect(ofCommune('Avocourt')).toBe('d’Avocourt');
    expect(ofCommune('Le Mesnil')).toBe('du Mesnil');
    expect(ofCommune('Les Islettes')).toBe('des Islettes');
    expect(ofCommune('La Chalade')).toBe('de La Chalade');
  });

  it('keeps French punctuation and numbers with what they belong to', () => {
    expect(typeset('Objet : clôture ; « oui »')).toBe('Objet\u00a0: clôture\u00a0; «\u00a0oui\u00a0»');
    expect(typeset('12 mars')).toBe('12\u00a0mars');
  });

  it('writes the address block as La Poste asks and signatures with the last name in capitals', () => {
    expect(
      recipientLines({
        civility: 'monsieur',
        firstName: 'Gaëtan',
        lastName: 'Œuvray',
        address: '3 rue des Écoles',
        postalCode: '55220',
        city: 'Saint-Aubin-sur-Meuse',
      }),
    ).toEqual(['Monsieur Gaëtan ŒUVRAY', '3 rue des Écoles', '55220 SAINT-AUBIN-SUR-MEUSE']);
    expect(signatureName('Bernard Thiébaut')).toBe('Bernard THIÉBAUT');
  });

  it('names files for the save dialog', () => {
    expect(documentFileName('acknowledgement', '2026-A-0042')).toBe('accuse-reception-2026-A-0042.pdf');
    expect(documentFileName('mailRegister', '2026-01-01 2026-03-31')).toBe('registre-courrier-2026-01-01-2026-03-31.pdf');
  });
});

describe('deposit receipt', () => {
  const definition = depositReceiptDefinition(samples.depositReceipt);
  const words = flat(definitionText(definition));

  it('is an A5 page with the tracking code in large type', () => {
    expect(definition.pageSize).toBe('A5');
    expect(JSON.stringify(definition.content)).toMatch(
      new RegExp(`"text":"${samples.depositReceipt.request.trackingCode}","noWrap":true,"fontSize":30`),
    );
  });

  it('says what was deposited, when, by whom, and what comes next', () => {
    expect(words).toContain(samples.depositReceipt.request.reference);
    expect(words).toContain('M. Gaëtan ŒUVRAY');
    expect(words).toContain('au guichet de la mairie');
    expect(words).toContain('Copie de la carte nationale d’identité');
    expect(words).toContain('Une réponse vous sera apportée au plus tard le');
    expect(words).toContain('Aucun de vos mots de passe n’a été conservé');
  });

  it('says the acknowledgement of receipt is handed over apart only for categories that need one', () => {
    expect(samples.depositReceipt.category.needsAcknowledgement).toBe(false);
    expect(words).not.toContain('vous est remis séparément');
    const input = samples.depositReceipt;
    const withAcknowledgement = flat(
      definitionText(depositReceiptDefinition({ ...input, category: { ...input.category, needsAcknowledgement: true } })),
    );
    expect(withAcknowledgement).toContain('vous est remis séparément');
    expect(withAcknowledgement).toContain('L112-3');
  });

  it('says the request goes to the intercommunality when it is its competence', () => {
    const input = samples.depositReceipt;
    const forwarded = flat(
      definitionText(
        depositReceiptDefinition({
          ...input,
          request: { ...input.request, competence: 'epci', onBehalf: null },
          category: { ...input.category, needsAcknowledgement: false },
        }),
      ),
    );
    expect(forwarded).toContain('Communauté de communes du Val de Meuse');
    expect(forwarded).not.toContain('remis séparément');
  });
});

describe('reply letter', () => {
  const definition = replyLetterDefinition(samples.replyLetter);
  const words = flat(definitionText(definition));

  it('has the letterhead, the recipient, the references, the subject, the body and the mayor’s signature', () => {
    expect(definition.images).toHaveProperty('logo');
    expect(words).toContain('MAIRIE DE SAINT-AUBIN-SUR-MEUSE');
    expect(words).toContain('Madame Hélène LEFÈVRE');
    expect(words).toContain(`Objet : ${samples.replyLetter.request.subject}`);
    expect(words).toContain(samples.replyLetter.request.reference);
    expect(words).toContain('Affaire suivie par : Sylvie Martin');
    expect(words).toContain('Madame,');
    expect(words).toContain('Le Maire');
    expect(words).toContain('Bernard THIÉBAUT');
    expect(words).toContain('Saint-Aubin-sur-Meuse, le 20 novembre 2026');
  });

  it('splits the body into paragraphs on blank lines', () => {
    expect(letterParagraphs('Madame,\r\n\r\nPremier.\nSuite.\n\n\nSecond.\n')).toEqual(['Madame,', 'Premier.\nSuite.', 'Second.']);
  });

  it('signs with whoever is given', () => {
    const signed = flat(
      definitionText(
        replyLetterDefinition({
          ...samples.replyLetter,
          signatory: { title: 'Pour le Maire et par délégation, l’Adjointe', name: 'Cécile Noël' },
        }),
      ),
    );
    expect(signed).toContain('Pour le Maire et par délégation, l’Adjointe');
    expect(signed).toContain('Cécile NOËL');
  });
});

describe('mail register', () => {
  const mail = (n: number, date: string, status: RequestDoc['status'] = 'in_progress'): MailRegisterSource['requests'][number] => ({
    reference: `2026-A-${String(n).padStart(4, '0')}`,
    channel: 'mail',
    channelFacts: { postmarkDate: date, sender: `Expéditeur ${n}`, mailRegisterNumber: `C-2026-A-${String(n).padStart(4, '0')}` },
    receivedAt: `${date}T10:00:00.000Z`,
    subject: `Courrier ${n}`,
    categoryId: 'cat-1',
    citizenId: '',
    status,
    statusReason: '',
    answer:
      status === 'answered'
        ? {
            text: 'ok',
            kind: 'final',
            templateId: null,
            answeredAt: '2026-03-20T10:00:00.000Z',
            by: 'u',
            approvedBy: null,
            approvedAt: null,
          }
        : null,
    transfer: null,
  });

  it('lists the letters of the period in register order, with what was done', () => {
    const entries = mailRegisterEntries({
      requests: [
        mail(3, '2026-03-05', 'answered'),
        mail(1, '2026-02-27'),
        mail(2, '2026-03-02'),
        { ...mail(9, '2026-03-03'), channel: 'email' },
        mail(4, '2026-04-01'),
      ],
      categories: [{ id: 'cat-1', label: 'Autre demande' }],
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(entries.map((entry) => entry.number)).toEqual(['C-2026-A-0002', 'C-2026-A-0003']);
    expect(entries[1]).toMatchObject({
      arrivedOn: '2026-03-05',
      sender: 'Expéditeur 3',
      category: 'Autre demande',
      outcome: 'Répondue · Réponse du 20 mars 2026',
    });
  });

  it('repeats its header row on every page and numbers the pages', () => {
    const entries: MailRegisterEntry[] = Array.from({ length: 90 }, (_, index) => ({
      number: `C-2026-A-${String(index + 1).padStart(4, '0')}`,
      arrivedOn: '2026-03-02',
      postmarkOn: '',
      sender: 'Mme Hélène LEFÈVRE',
      subject: 'Lampadaire éteint',
      category: 'Éclairage public',
      outcome: 'En cours',
    }));
    const definition = mailRegisterDefinition({
      settings: demo.settings,
      entries,
      from: '2026-03-01',
      to: '2026-03-31',
      issuedOn: '2026-04-01',
    });
    expect(definition.pageOrientation).toBe('landscape');
    const table = (definition.content as Array<{ table?: { headerRows?: number; body: unknown[] } }>).find((item) => item.table);
    expect(table?.table?.headerRows).toBe(1);
    expect(table?.table?.body).toHaveLength(91);
    expect(flat(definitionText(definition, 2, 4))).toContain('Page 2 sur 4');
    expect(flat(definitionText(definition))).toContain('90 courriers enregistrés');
  });

  it('says so when the period has no letter', () => {
    const definition = mailRegisterDefinition({
      settings: demo.settings,
      entries: [],
      from: '2026-03-01',
      to: '2026-03-31',
      issuedOn: '2026-04-01',
    });
    expect(definitionText(definition)).toContain(MAIL_REGISTER_FR.empty);
  });
});
