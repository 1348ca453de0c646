import type { ReplyKind, ReplyTemplateDoc } from '../../../domain/model';
import { PLACEHOLDERS, renderTemplate } from '../../../domain/templates';

export interface TemplateForm {
  title: string;
  kind: ReplyKind;
  body: string;
  categoryIds: string[];
}

export interface TemplateErrors {
  title?: string;
  body?: string;
  /** the placeholders written in the body that Guichet does not know (typos), and stray braces */
  unknown: string[];
}

export const EMPTY_TEMPLATE: TemplateForm = { title: '', kind: 'final', body: '', categoryIds: [] };

export { PLACEHOLDERS };

export function templateFormOf(template: ReplyTemplateDoc): TemplateForm {
  return { title: template.title, kind: template.kind, body: template.body, categoryIds: [...template.categoryIds] };
}

/** Placeholders of the body that would never be filled: `{{usager.nmo}}`, a `{{` never closed. */
export function unknownPlaceholders(body: string): string[] {
  const result = renderTemplate(body, {});
  return result.ok ? [] : result.unknown;
}

export function validateTemplate(form: TemplateForm): TemplateErrors {
  const errors: TemplateErrors = { unknown: [] };
  if (!form.title.trim()) errors.title = 'settings.templates.errors.titleRequired';
  else if (form.title.trim().length > 1_000) errors.title = 'settings.errors.tooLong';
  if (!form.body.trim()) errors.body = 'settings.templates.errors.bodyRequired';
  else if (form.body.length > 100_000) errors.body = 'settings.errors.tooLong';
  else {
    errors.unknown = unknownPlaceholders(form.body);
    if (errors.unknown.length > 0) errors.body = 'settings.templates.errors.unknownPlaceholder';
  }
  return errors;
}

export function hasTemplateErrors(errors: TemplateErrors): boolean {
  return Boolean(errors.title || errors.body);
}

/** Inserts `{{name}}` where the caret is, and says where the caret goes next. */
export function insertPlaceholder(body: string, name: string, start: number, end: number): { body: string; caret: number } {
  const text = `{{${name}}}`;
  const before = body.slice(0, start);
  return { body: `${before}${text}${body.slice(end)}`, caret: before.length + text.length };
}
