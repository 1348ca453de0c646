/**
 * Reply templates: standard answers with placeholders such as
 * `{{usager.nom}}`, filled from the request, the resident and the commune.
 *
 * A letter must never go out with a raw `{{...}}` in it, nor with a blank
 * where a name should be: `renderTemplate` refuses to render when a
 * placeholder is unknown (a typo in the template) or has no value (the
 * resident's civility was never recorded), and says which, so the secretary
 * fixes the template or fills the file.
 */
import { formatFrenchDate, localDateOf } from './calendar';
import type { CitizenDoc, RequestDoc, SettingsDoc } from './model';

export const PLACEHOLDERS = [
  'usager.civilite',
  'usager.prenom',
  'usager.nom',
  'demande.reference',
  'demande.objet',
  'demande.date_reception',
  'demande.echeance',
  'demande.code_suivi',
  'commune.nom',
  'commune.adresse',
  'commune.telephone',
  'date_du_jour',
  'agent.nom',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** i18n key describing a placeholder in the template editor, e.g. `template.placeholder.usager.nom`. */
export function placeholderLabelKey(placeholder: Placeholder): string {
  return `template.placeholder.${placeholder}`;
}

export type TemplateValues = Partial<Record<Placeholder, string>>;

/** `{{ name }}`: letters, digits, dots and underscores, spaces inside the braces allowed. */
const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** Every placeholder written in the body, known or not, once each, in order of appearance. */
export function listPlaceholders(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1] ?? ''))];
}

export type RenderResult = { ok: true; text: string } | { ok: false; missing: Placeholder[]; unknown: string[] };

/** Braces left once the placeholders are taken out: a `{{` never closed, or a lone `}}`. */
function strayBraces(body: string): string[] {
  const rest = body.replace(PLACEHOLDER_PATTERN, '');
  return [...rest.matchAll(/\{\{[^}\n]{0,30}|[^{\n]{0,30}\}\}/g)].map((match) => match[0].trim());
}

/**
 * Fills the placeholders of `body`. Values are inserted as they are (the
 * output is plain text; HTML or PDF escaping is the printer's business).
 */
export function renderTemplate(body: string, values: TemplateValues): RenderResult {
  const names = listPlaceholders(body);
  const unknown = [...names.filter((name) => !isPlaceholder(name)), ...strayBraces(body)];
  const missing = names.filter(isPlaceholder).filter((name) => (values[name] ?? '').trim() === '');
  if (unknown.length > 0 || missing.length > 0) return { ok: false, missing, unknown };
  const text = body.replace(PLACEHOLDER_PATTERN, (_match, name: string) => (isPlaceholder(name) ? (values[name] ?? '') : ''));
  return { ok: true, text };
}

const CIVILITY_LABELS = { madame: 'Madame', monsieur: 'Monsieur' } as const;
/** The salutation of French administrative letters when the civility is not known. */
const UNKNOWN_CIVILITY = 'Madame, Monsieur';

export interface TemplateSources {
  request: Pick<RequestDoc, 'reference' | 'subject' | 'receivedAt' | 'dueAt' | 'trackingCode'>;
  /** null for an anonymous request: its placeholders are then missing */
  citizen: Pick<CitizenDoc, 'civility' | 'firstName' | 'lastName'> | null;
  settings: Pick<SettingsDoc, 'name' | 'address' | 'postalCode' | 'city' | 'phone'>;
  agentName: string;
  /** today at the mairie: a `YYYY-MM-DD` date, or the current moment */
  today: string | Date;
}

/**
 * The values of every placeholder for one request. Dates are French long
 * dates ("12 mars 2026"); the commune's address is one line with its postal
 * code and city; the last name is in capitals, as French letters write it.
 */
export function buildTemplateContext(sources: TemplateSources): TemplateValues {
  const { request, citizen, settings } = sources;
  const postalLine = [settings.postalCode, settings.city].filter((part) => part.trim() !== '').join(' ');
  return {
    'usager.civilite': citizen?.civility ? CIVILITY_LABELS[citizen.civility] : UNKNOWN_CIVILITY,
    'usager.prenom': citizen?.firstName ?? '',
    'usager.nom': citizen?.lastName.toLocaleUpperCase('fr-FR') ?? '',
    'demande.reference': request.reference,
    'demande.objet': request.subject,
    'demande.date_reception': formatFrenchDate(localDateOf(request.receivedAt)),
    'demande.echeance': request.dueAt ? formatFrenchDate(request.dueAt) : '',
    'demande.code_suivi': request.trackingCode,
    'commune.nom': settings.name,
    'commune.adresse': [settings.address, postalLine].filter((part) => part.trim() !== '').join(', '),
    'commune.telephone': settings.phone,
    date_du_jour: formatFrenchDate(typeof sources.today === 'string' ? sources.today : localDateOf(sources.today)),
    'agent.nom': sources.agentName,
  };
}
