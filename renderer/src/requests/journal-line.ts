import { DOCUMENT_KINDS } from '../../../domain/documents';
import { REPLY_KINDS, type EventDoc } from '../../../domain/model';
import { isCouncilNote } from '../../../domain/council';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Events whose `text` is a code (a document kind, a reply kind, a count), never shown raw. */
const CODED_TEXT = new Set<EventDoc['type']>(['attachment_added', 'conflict', 'answered', 'document_issued']);

/**
 * One journal line in the interface's language (issue 13: no « Document émis ·
 * acknowledgement »). `reference` names the request the line is about, on a
 * resident's file where lines of several requests meet.
 */
export function journalLine(event: EventDoc, t: Translate, reference = ''): string {
  const line = describeEvent(event, t);
  return reference ? t('journal.ofRequest', { reference, line }) : line;
}

/** The free text shown under the line, or '' when the event's text is a code already in the line. */
export function journalText(event: EventDoc): string {
  return CODED_TEXT.has(event.type) ? '' : event.text;
}

function describeEvent(event: EventDoc, t: Translate): string {
  switch (event.type) {
    case 'status_changed':
      return t('journal.status_changed', {
        from: event.fromStatus ? t(`status.${event.fromStatus}`) : '—',
        to: event.toStatus ? t(`status.${event.toStatus}`) : '—',
      });
    case 'updated':
    case 'conflict':
      return t(`journal.${event.type}`, {
        fields: event.fields.map((field) => t(`fields.${field}`, { defaultValue: t('fields.other') })).join(', '),
      });
    case 'note':
      return isCouncilNote(event) ? t('council.journalNote') : t('journal.note');
    case 'attachment_added':
      return t('journal.attachment_added', { count: Number(event.text) || 1 });
    case 'created':
      // Without a request, the line is about the resident's file itself.
      return event.requestId ? t('journal.created') : t('journal.created_citizen');
    case 'answered':
      return (REPLY_KINDS as readonly string[]).includes(event.text) ? t(`journal.answered_${event.text}`) : t('journal.answered');
    case 'document_issued':
      return (DOCUMENT_KINDS as readonly string[]).includes(event.text)
        ? t('journal.document_issued_named', { document: t(`journal.document.${event.text}`) })
        : t('journal.document_issued');
    default:
      return t(`journal.${event.type}`);
  }
}
