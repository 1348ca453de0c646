import { describe, expect, it } from 'vitest';
import { sampleDocuments } from '../../../domain/schemas/samples';
import { cleanCommune, communeFormOf, isValidInseeCode, LOGO_MAX_BYTES, logoDataUrlOf, validateCommune } from './commune';

const form = communeFormOf(sampleDocuments.settings);

describe("the commune's identity", () => {
  it('accepts the INSEE codes of mainland France and Corsica, and nothing else', () => {
    for (const code of ['55029', '2A004', '2b033', ' 97411 ']) expect(isValidInseeCode(code), code).toBe(true);
    for (const code of ['5502', '550290', '2C004', '2A04', 'ABCDE', '']) expect(isValidInseeCode(code), code).toBe(false);
  });

  it('reports each bad field with its own message', () => {
    expect(validateCommune(form)).toEqual({});
    expect(validateCommune({ ...form, name: ' ', inseeCode: '123', postalCode: '5410', phone: '12', email: 'mairie@' })).toEqual({
      name: 'settings.errors.nameRequired',
      inseeCode: 'settings.errors.inseeInvalid',
      postalCode: 'settings.errors.postalCodeInvalid',
      phone: 'settings.errors.phoneInvalid',
      email: 'settings.errors.emailInvalid',
    });
    expect(validateCommune({ ...form, postalCode: '', phone: '', email: '' })).toEqual({});
    expect(validateCommune({ ...form, openingHours: 'x'.repeat(1_001) })).toEqual({ openingHours: 'settings.errors.tooLong' });
  });

  it('stores the INSEE code in capitals and trims the rest', () => {
    expect(cleanCommune({ ...form, inseeCode: ' 2a004 ', name: ' Ajaccio ' })).toMatchObject({ inseeCode: '2A004', name: 'Ajaccio' });
  });
});

describe('the logo', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);

  it('becomes a data: URL the settings schema accepts', () => {
    const result = logoDataUrlOf(png, 'image/png');
    expect(result).toEqual({ ok: true, dataUrl: `data:image/png;base64,${Buffer.from(png).toString('base64')}` });
    expect(logoDataUrlOf(jpeg, 'image/jpeg')).toMatchObject({ ok: true, dataUrl: expect.stringMatching(/^data:image\/jpeg;base64,/) });
  });

  it('is refused when it is not really a PNG or a JPEG', () => {
    expect(logoDataUrlOf(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml')).toEqual({
      ok: false,
      error: 'settings.errors.logoType',
    });
    expect(logoDataUrlOf(new TextEncoder().encode('not an image'), 'image/png')).toEqual({ ok: false, error: 'settings.errors.logoType' });
    expect(logoDataUrlOf(png, 'image/gif')).toEqual({ ok: false, error: 'settings.errors.logoType' });
  });

  it('is refused above 300 KB', () => {
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(png);
    expect(logoDataUrlOf(big, 'image/png')).toEqual({ ok: false, error: 'settings.errors.logoTooLarge' });
    const justRight = new Uint8Array(LOGO_MAX_BYTES);
    justRight.set(png);
    expect(logoDataUrlOf(justRight, 'image/png').ok).toBe(true);
  });
});
