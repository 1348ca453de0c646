/**
 * The shipped catalogue (resources/catalogue/): every category is a valid
 * CategoryDoc once the commune's id is added, the legal facts printed on
 * receipts are consistent, and every reply template renders.
 */
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import categories from '../../resources/catalogue/categories.json';
import replyTemplates from '../../resources/catalogue/reply-templates.json';
import type { CategoryDoc } from '../model';
import { categorySchema, replyTemplateSchema, toValidationSchema } from '../schemas';
import { PLACEHOLDERS, listPlaceholders, renderTemplate, type TemplateValues } from '../templates';

type CatalogueCategory = Omit<CategoryDoc, 'id' | 'communeId' | 'updatedAt'>;
const catalogue = categories as CatalogueCategory[];
const ajv = new Ajv({ allErrors: true, strict: false });

describe('category catalogue', () => {
  const validate = ajv.compile(toValidationSchema(categorySchema));

  it('holds valid categories with unique codes', () => {
    for (const category of catalogue) {
      const doc: CategoryDoc = { ...category, id: `cat-${category.code}`, communeId: 'c1', updatedAt: '2026-01-01T00:00:00.000Z' };
      expect(validate(doc), `${category.code}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    expect(new Set(catalogue.map((category) => category.code)).size).toBe(catalogue.length);
  });

  it('covers the kinds of request of domain.md', () => {
    const groups = new Set(catalogue.map((category) => category.group));
    for (const group of [
      'État civil',
      'Élections',
      'Signalement',
      'Déchets',
      'Vie locale',
      'Urbanisme',
      'Enfance',
      'Associations',
      'Autre',
    ]) {
      expect(groups).toContain(group);
    }
  });

  it('states remedies wherever silence is worth rejection, and a delay wherever silence is a decision', () => {
    for (const category of catalogue) {
      if (category.implicitDecision === 'rejection') {
        expect(category.remedies, category.code).toMatch(/recours gracieux/);
        expect(category.remedies, category.code).toMatch(/tribunal administratif/);
        expect(category.needsAcknowledgement, category.code).toBe(true);
      }
      if (category.implicitDecision !== 'none') expect(category.implicitDecisionMonths, category.code).toBeGreaterThan(0);
    }
  });

  it('gives the urbanism delays of the code de l’urbanisme (silence worth a tacit certificate or non-opposition)', () => {
    const byCode = new Map(catalogue.map((category) => [category.code, category]));
    expect(byCode.get('urbanisme-cu-information')).toMatchObject({ implicitDecision: 'acceptance', implicitDecisionMonths: 1 });
    expect(byCode.get('urbanisme-cu-operationnel')).toMatchObject({ implicitDecision: 'acceptance', implicitDecisionMonths: 2 });
    expect(byCode.get('urbanisme-declaration-prealable')).toMatchObject({ implicitDecision: 'acceptance', implicitDecisionMonths: 1 });
    expect(byCode.get('associations-subventions')).toMatchObject({ implicitDecision: 'rejection', implicitDecisionMonths: 2 });
    expect(byCode.get('dechets-bac-badge')?.competence).toBe('epci');
    expect(byCode.get('reservation-salle')?.extraFields.map((field) => field.key)).toEqual(['salle', 'date', 'horaire']);
  });
});

describe('reply templates', () => {
  const validate = ajv.compile(toValidationSchema(replyTemplateSchema));
  const codes = new Set(catalogue.map((category) => category.code));
  const values: TemplateValues = Object.fromEntries(PLACEHOLDERS.map((name) => [name, `<${name}>`]));

  it('name existing categories, use only known placeholders and render', () => {
    for (const template of replyTemplates) {
      for (const code of template.categoryCodes) expect(codes, template.title).toContain(code);
      for (const name of listPlaceholders(template.body)) expect(PLACEHOLDERS as readonly string[], template.title).toContain(name);
      const rendered = renderTemplate(template.body, values);
      expect(rendered.ok, template.title).toBe(true);
      const doc = {
        id: 't1',
        communeId: 'c1',
        title: template.title,
        kind: template.kind,
        categoryIds: [],
        body: template.body,
        updatedAt: '2026-01-01T00:00:00.000Z',
      };
      expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);
    }
  });
});
