import type { DocumentDefinition, DocumentKind } from '../../../domain/documents';
import { documentFileName } from '../../../domain/documents';
import type { GuichetDatabase } from '../db/database';
import { journal, type Actor } from '../db/journal';
import { getPlatform } from '../platform';
import { renderPdf } from './render';

export type IssueMode = 'print' | 'save';

/** What happened, as an i18n key the panel shows. */
export type IssueOutcome = 'documents.printed' | 'documents.saved' | 'documents.downloaded' | 'documents.cancelled' | 'documents.failed';

/**
 * Renders a document in the page (definitions hold functions and cannot
 * cross IPC), then prints it or saves it through the platform: the native
 * dialogs on the desktop, a download in the browser. An issued document is
 * journaled on its request.
 */
export async function issueDocument(
  db: GuichetDatabase,
  actor: Actor,
  document: {
    kind: DocumentKind;
    key: string;
    title: string;
    definition: () => DocumentDefinition;
    requestId?: string;
    citizenId?: string;
  },
  mode: IssueMode,
): Promise<IssueOutcome> {
  try {
    const bytes = await renderPdf(document.definition());
    const platform = getPlatform();
    const outcome: IssueOutcome =
      mode === 'print'
        ? printOutcome((await platform.printPdf(bytes, document.title)).status)
        : saveOutcome((await platform.savePdf(bytes, documentFileName(document.kind, document.key))).status);
    if (outcome !== 'documents.cancelled' && outcome !== 'documents.failed' && document.requestId) {
      await journal(db, actor, {
        type: 'document_issued',
        requestId: document.requestId,
        citizenId: document.citizenId ?? '',
        text: document.kind,
      });
    }
    return outcome;
  } catch {
    return 'documents.failed';
  }
}

function printOutcome(status: string): IssueOutcome {
  if (status === 'printed' || status === 'browser-dialog') return 'documents.printed';
  if (status === 'downloaded') return 'documents.downloaded';
  if (status === 'cancelled') return 'documents.cancelled';
  return 'documents.failed';
}

function saveOutcome(status: string): IssueOutcome {
  if (status === 'saved') return 'documents.saved';
  if (status === 'downloaded') return 'documents.downloaded';
  if (status === 'cancelled') return 'documents.cancelled';
  return 'documents.failed';
}
