import { describe, expect, it } from 'vitest';
import { EMPTY_CITIZEN, isValidEmail, isValidPhone, validateCitizen } from './validation';

const today = new Date('2026-03-12T10:00:00Z');

describe('validateCitizen', () => {
  it('needs only the last name', () => {
    expect(validateCitizen({ ...EMPTY_CITIZEN, lastName: 'Lefèvre' }, today)).toEqual({});
    expect(validateCitizen({ ...EMPTY_CITIZEN, lastName: '   ' }, today)).toEqual({ lastName: 'citizens.errors.lastNameRequired' });
  });

  it('reports a bad email, phone, postal code and birth date next to their fields', () => {
    const errors = validateCitizen(
      { ...EMPTY_CITIZEN, lastName: 'Lefèvre', email: 'helene@', phone: '06 12 34', postalCode: '54 000 000 000', birthDate: '2030-01-01' },
      today,
    );
    expect(errors).toEqual({
      email: 'citizens.errors.emailInvalid',
      phone: 'citizens.errors.phoneInvalid',
      postalCode: 'citizens.errors.tooLong',
      birthDate: 'citizens.errors.birthDateInvalid',
    });
  });

  it('refuses a civility the schema does not know', () => {
    expect(validateCitizen({ ...EMPTY_CITIZEN, lastName: 'X', civility: 'mlle' as never }, today)).toEqual({
      civility: 'citizens.errors.civilityInvalid',
    });
  });

  it('refuses texts longer than the store accepts', () => {
    expect(validateCitizen({ ...EMPTY_CITIZEN, lastName: 'x'.repeat(101) }, today)).toEqual({ lastName: 'citizens.errors.tooLong' });
  });
});

describe('phone and email formats', () => {
  it.each([
    '06 12 34 56 78',
    '06.12.34.56.78',
    '0612345678',
    '+33 6 12 34 56 78',
    '+33 (0)6 12 34 56 78',
    '0033612345678',
    '+44 20 7946 0958',
    '+262 692 12 34 56',
  ])('accepts %s', (phone) => expect(isValidPhone(phone)).toBe(true));
  it.each(['06 12 34', '12345', 'zéro six', '06 12 34 56 78 90', '+33 6 12 34'])('refuses %s', (phone) =>
    expect(isValidPhone(phone)).toBe(false),
  );

  it('checks the shape of an email address', () => {
    expect(isValidEmail('helene.lefevre@example.fr')).toBe(true);
    expect(isValidEmail(' Helene@Example.FR ')).toBe(true);
    expect(isValidEmail('helene lefevre@example.fr')).toBe(false);
    expect(isValidEmail('helene@example')).toBe(false);
    expect(isValidEmail('@example.fr')).toBe(false);
  });
});
