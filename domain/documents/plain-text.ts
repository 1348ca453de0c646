/**
 * The words of a document definition, in reading order, as one string: what
 * the tests check the legal mentions against without rendering a PDF, and a
 * plain-text fallback (a screen reader, an email body) for anyone who needs it.
 * No-break spaces become plain spaces.
 */
import type { Content, DocumentDefinition } from './pdfmake-types';

function collect(content: Content | undefined, out: string[]): void {
  if (content === undefined || content === null) return;
  if (typeof content === 'string') {
    out.push(content);
    return;
  }
  if (Array.isArray(content)) {
    for (const item of content) collect(item, out);
    return;
  }
  if ('text' in content) {
    const text = content.text;
    if (typeof text === 'string') out.push(text);
    else out.push(text.map((part) => (typeof part === 'string' ? part : plainInline(part))).join(''));
    return;
  }
  if ('stack' in content) collect(content.stack, out);
  else if ('columns' in content) collect(content.columns, out);
  else if ('table' in content) for (const row of content.table.body) collect(row as Content[], out);
  else if ('ul' in content || 'ol' in content) collect(('ul' in content ? content.ul : content.ol) ?? [], out);
}

function plainInline(part: { text: string | Array<string | { text: unknown }> }): string {
  const text = part.text;
  if (typeof text === 'string') return text;
  return text.map((inner) => (typeof inner === 'string' ? inner : plainInline(inner as { text: string }))).join('');
}

/** Every text of the definition, header and footer of page 1 included, one line per text node. */
export function definitionText(definition: DocumentDefinition, page = 1, pages = 1): string {
  const out: string[] = [];
  const header = typeof definition.header === 'function' ? definition.header(page, pages) : definition.header;
  const footer = typeof definition.footer === 'function' ? definition.footer(page, pages) : definition.footer;
  collect(header, out);
  collect(definition.content, out);
  collect(footer, out);
  return out.join('\n').replace(/[\u00a0\u202f]/g, ' ');
}
