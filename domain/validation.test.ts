import { describe, expect, it } from 'vitest';
import { sampleDocuments } from './schemas/samples';
import {
  emailAddressOf,
  isValidBirthDate,
  isValidEmail,
  isValidFrenchPhone,
  isValidPhone,
  isValidPostalCode,
  parseFormDateTime,
  validateIntake,
  type IntakeInput,
} from './validation';

const now = new Date(2026, 2, 12, 15, 0); // 12 March 2026, 15:00 local
const category = {
  ...sampleDocuments.categories,
  extraFields: [
    { key: 'lieu', label: 'Lieu', type: 'text' as const, options: [], required: true },
    { key: 'bac', label: 'Bac', type: 'select' as const, options: ['120 L', '240 L'], required: false },
    { key: 'date_evenement', label: 'Date', type: 'date' as const, options: [], required: false },
  ],
};

function form(overrides: Partial<IntakeInput> = {}): IntakeInput {
  return {
    channel: 'counter',
    channelFacts: { residentPresent: true },
    receivedAt: '2026-03-12T10:15',
    anonymous: false,
    citizenId: null,
    citizen: { firstName: 'Hélène', lastName: 'Lefèvre', phone: '06 12 34 56 78', email: '', postalCode: '54600' },
    categoryId: category.id,
    categoryFields: { lieu: 'rue Saint-Éloi' },
    subject: 'Lampadaire éteint',
    description: '',
    ...overrides,
  };
}

function errorsOf(input: IntakeInput) {
  return validateIntake(input, { now, category });
}

describe('validateIntake', () => {
  it('accepts a complete counter request', () => {
    expect(errorsOf(form())).toEqual({});
  });

  it('requires subject, category and channel', () => {
    expect(errorsOf(form({ subject: '  ', categoryId: '', channel: '' }))).toEqual({
      subject: 'validation.required',
      categoryId: 'validation.required',
      channel: 'validation.required',
    });
    expect(errorsOf(form({ channel: 'fax' }))).toEqual({ channel: 'validation.channel.invalid' });
    expect(errorsOf(form({ subject: 'x'.repeat(1001) }))).toEqual({ subject: 'validation.tooLong' });
  });

  it('refuses an unknown or retired category', () => {
    expect(validateIntake(form(), { now, category: null })).toEqual({ categoryId: 'validation.category.unknown' });
    expect(validateIntake(form(), { now, category: { ...category, active: false } })).toEqual({
      categoryId: 'validation.category.inactive',
    });
  });

  it('checks the category’s extra fields', () => {
    expect(errorsOf(form({ categoryFields: { bac: '360 L', date_evenement: '2026-02-30' } }))).toEqual({
      'categoryFields.lieu': 'validation.required',
      'categoryFields.bac': 'validation.choice.invalid',
      'categoryFields.date_evenement': 'validation.date.invalid',
    });
  });

  it('checks the date of receipt: real, not in the future beyond a clock difference', () => {
    expect(errorsOf(form({ receivedAt: '' }))).toEqual({ receivedAt: 'validation.required' });
    expect(errorsOf(form({ receivedAt: '2026-02-30T10:00' }))).toEqual({ receivedAt: 'validation.date.invalid' });
    expect(errorsOf(form({ receivedAt: '2026-03-12T25:00' }))).toEqual({ receivedAt: 'validation.date.invalid' });
    expect(errorsOf(form({ receivedAt: '2026-03-13T09:00' }))).toEqual({ receivedAt: 'validation.date.future' });
    expect(errorsOf(form({ receivedAt: '2026-03-12T15:04' }))).toEqual({});
  });

  it('needs the postmark date and sender of a letter', () => {
    const letter = { channel: 'mail', channelFacts: {} };
    expect(errorsOf(form(letter))).toEqual({
      'channelFacts.postmarkDate': 'validation.required',
      'channelFacts.sender': 'validation.required',
    });
    const withFacts = (postmarkDate: string) => form({ channel: 'mail', channelFacts: { postmarkDate, sender: 'M. Dupont' } });
    expect(errorsOf(withFacts('2026-03-10'))).toEqual({});
    expect(errorsOf(withFacts('10/03/2026'))).toEqual({ 'channelFacts.postmarkDate': 'validation.date.invalid' });
    expect(errorsOf(withFacts('2026-03-13'))).toEqual({ 'channelFacts.postmarkDate': 'validation.date.future' });
    // received in the morning of the 11th, postmarked the 12th: impossible
    expect(errorsOf({ ...withFacts('2026-03-12'), receivedAt: '2026-03-11T09:00' })).toEqual({
      'channelFacts.postmarkDate': 'validation.postmarkDate.afterReceipt',
    });
  });

  it('needs a usable sender address for an email', () => {
    expect(errorsOf(form({ channel: 'email', channelFacts: { sender: 'Marie Dupont <marie.dupont@example.fr>' } }))).toEqual({});
    expect(errorsOf(form({ channel: 'email', channelFacts: { sender: 'marie.dupont@' } }))).toEqual({
      'channelFacts.sender': 'validation.email.invalid',
    });
    expect(errorsOf(form({ channel: 'email', channelFacts: {} }))).toEqual({ 'channelFacts.sender': 'validation.required' });
  });

  it('accepts a call from a hidden number but not a malformed one', () => {
    expect(errorsOf(form({ channel: 'phone', channelFacts: {} }))).toEqual({});
    expect(errorsOf(form({ channel: 'phone', channelFacts: { phoneNumber: '06 12 34' } }))).toEqual({
      'channelFacts.phoneNumber': 'validation.phone.invalid',
    });
  });

  it('needs a name for a new resident, not for an existing file or an anonymous report', () => {
    const nameless = { firstName: 'Hélène', lastName: '', phone: '', email: '', postalCode: '' };
    expect(errorsOf(form({ citizen: nameless }))).toEqual({ 'citizen.lastName': 'validation.citizen.nameRequired' });
    expect(errorsOf(form({ citizen: nameless, citizenId: 'a3f9' }))).toEqual({});
    expect(errorsOf(form({ citizen: nameless, anonymous: true }))).toEqual({});
  });

  it('checks the new resident’s contact details when given', () => {
    const citizen = { firstName: '', lastName: 'Dupont', phone: '12 34', email: 'dupont.fr', postalCode: '546' };
    expect(errorsOf(form({ citizen }))).toEqual({
      'citizen.phone': 'validation.phone.invalid',
      'citizen.email': 'validation.email.invalid',
      'citizen.postalCode': 'validation.postalCode.invalid',
    });
  });
});

describe('phones', () => {
  it('accepts French numbers however written', () => {
    for (const phone of [
      '06 12 34 56 78',
      '06.12.34.56.78',
      '+33 6 12 34 56 78',
      '+33 (0)3 83 00 00 00',
      '0033612345678',
      '+262 692 12 34 56',
    ]) {
      expect(isValidFrenchPhone(phone), phone).toBe(true);
    }
  });

  it('refuses short, long, letter-bearing and 00-leading national numbers', () => {
    for (const phone of ['06 12 34 56', '06 12 34 56 78 9', '06 12 34 56 7a', '00 12 34 56 78', '']) {
      expect(isValidFrenchPhone(phone), phone).toBe(false);
    }
  });

  it('accepts foreign numbers only with their country code', () => {
    expect(isValidPhone('+32 470 12 34 56')).toBe(true);
    expect(isValidFrenchPhone('+32 470 12 34 56')).toBe(false);
    expect(isValidPhone('470 12 34 56')).toBe(false);
  });
});

describe('emails, postal codes, date-times', () => {
  it('checks email addresses plausibly', () => {
    expect(isValidEmail('mairie@villers-les-nancy.fr')).toBe(true);
    expect(isValidEmail('prenom.nom+guichet@example.co.uk')).toBe(true);
    for (const bad of ['mairie@', '@example.fr', 'a b@example.fr', 'a@example', 'a..b@example.fr', 'a@b@example.fr']) {
      expect(isValidEmail(bad), bad).toBe(false);
    }
    expect(emailAddressOf('"Dupont, Marie" <marie@example.fr>')).toBe('marie@example.fr');
    expect(emailAddressOf(' marie@example.fr ')).toBe('marie@example.fr');
  });

  it('checks postal codes', () => {
    expect(isValidPostalCode('20000')).toBe(true);
    expect(isValidPostalCode('2A000')).toBe(false);
  });

  it('reads local and zoned date-times', () => {
    expect(parseFormDateTime('2026-03-12T10:15')?.getTime()).toBe(new Date(2026, 2, 12, 10, 15).getTime());
    expect(parseFormDateTime('2026-03-12T09:15:00.000Z')?.toISOString()).toBe('2026-03-12T09:15:00.000Z');
    expect(parseFormDateTime('12/03/2026 10:15')).toBeNull();
  });
});

describe('bounds of every date and time field (issue 13, item 4)', () => {
  const catalogue = {
    ...sampleDocuments.categories,
    extraFields: [
      { key: 'date_acte', label: 'Date de naissance', type: 'date' as const, options: [], required: false },
      { key: 'date', label: 'Date souhaitée', type: 'date' as const, options: [], required: false },
      { key: 'horaire', label: 'Horaire (de … à …)', type: 'text' as const, options: [], required: false },
      { key: 'date_evenement', label: 'Date', type: 'date' as const, options: [], required: false },
    ],
  };
  const check = (overrides: Partial<IntakeInput>) =>
    validateIntake(form({ categoryFields: {}, ...overrides }), { now, category: catalogue });

  it('refuses a receipt in 1900, accepts one of last month', () => {
    expect(check({ receivedAt: '1900-01-01T09:00' })).toEqual({ receivedAt: 'validation.receivedAt.tooOld' });
    expect(check({ receivedAt: '2025-03-11T09:00' })).toEqual({ receivedAt: 'validation.receivedAt.tooOld' });
    expect(check({ receivedAt: '2026-02-12T09:00' })).toEqual({});
  });

  it('refuses a postmark more than a year before the receipt', () => {
    const letter = (postmarkDate: string) => check({ channel: 'mail', channelFacts: { postmarkDate, sender: 'M. Dupont' } });
    expect(letter('1999-01-01')).toEqual({ 'channelFacts.postmarkDate': 'validation.postmarkDate.tooOld' });
    expect(letter('2026-03-01')).toEqual({});
  });

  it('an act’s date is past, and not before the civil registers (1792)', () => {
    expect(check({ categoryFields: { date_acte: '2099-03-14' } })).toEqual({ 'categoryFields.date_acte': 'validation.actDate.range' });
    expect(check({ categoryFields: { date_acte: '1700-01-01' } })).toEqual({ 'categoryFields.date_acte': 'validation.actDate.range' });
    expect(check({ categoryFields: { date_acte: '1948-03-03' } })).toEqual({});
  });

  it('a booking is from the day of receipt to three years after', () => {
    expect(check({ categoryFields: { date: '1999-01-01' } })).toEqual({ 'categoryFields.date': 'validation.bookingDate.range' });
    expect(check({ categoryFields: { date: '2030-01-01' } })).toEqual({ 'categoryFields.date': 'validation.bookingDate.range' });
    expect(check({ categoryFields: { date: '2026-06-20' } })).toEqual({});
  });

  it('any other date lies within a year before the receipt and three years after', () => {
    expect(check({ categoryFields: { date_evenement: '1900-01-01' } })).toEqual({
      'categoryFields.date_evenement': 'validation.date.outOfRange',
    });
    expect(check({ categoryFields: { date_evenement: '2026-03-01' } })).toEqual({});
  });

  it('hours are hours: « de 25h à 99h » is refused, « de 14h à 18h30 » and « de 20h à 2h » are not', () => {
    expect(check({ categoryFields: { horaire: 'de 25h à 99h' } })).toEqual({ 'categoryFields.horaire': 'validation.timeRange.invalid' });
    expect(check({ categoryFields: { horaire: 'de 14h à 18h75' } })).toEqual({ 'categoryFields.horaire': 'validation.timeRange.invalid' });
    expect(check({ categoryFields: { horaire: 'de 14 à 99' } })).toEqual({ 'categoryFields.horaire': 'validation.timeRange.invalid' });
    for (const horaire of ['de 14h à 18h30', '14:00-18:00', 'de 20h à 2h', 'de 9h à 24h', 'toute la journée']) {
      expect(check({ categoryFields: { horaire } }), horaire).toEqual({});
    }
  });

  it('a birth date is a real past date, after 1890', () => {
    const today = new Date(2026, 2, 12);
    expect(isValidBirthDate('1948-03-03', today)).toBe(true);
    expect(isValidBirthDate('2099-01-01', today)).toBe(false);
    expect(isValidBirthDate('1850-01-01', today)).toBe(false);
    expect(isValidBirthDate('1948-02-30', today)).toBe(false);
  });
});
