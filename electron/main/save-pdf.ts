import nodePath from 'node:path';
import type { SaveDialogOptions } from 'electron';
import type { SaveResult } from '../common/api';
import { atomicWriteFile } from './atomic-write';
import { isPdf, safePdfFileName } from './pdf';

/** Saving a PDF where the secretary chooses, through the native save dialog (Documents by default). */
export interface PdfSaverOptions {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  documentsDir: () => string;
  language: () => 'fr' | 'en';
  write?: (file: string, bytes: Uint8Array) => Promise<void>;
}

export function createPdfSaver(options: PdfSaverOptions) {
  const write = options.write ?? ((file, bytes) => atomicWriteFile(file, bytes, { mode: 0o644 }));
  return async function savePdf(bytes: Uint8Array, suggestedName: string): Promise<SaveResult> {
    if (!isPdf(bytes)) return { status: 'failed', message: 'not-a-pdf' };
    const en = options.language() === 'en';
    const choice = await options.showSaveDialog({
      title: en ? 'Save the PDF' : 'Enregistrer le PDF',
      defaultPath: nodePath.join(options.documentsDir(), safePdfFileName(suggestedName)),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) return { status: 'cancelled' };
    const target = /\.pdf$/i.test(choice.filePath) ? choice.filePath : `${choice.filePath}.pdf`;
    try {
      await write(target, bytes);
      return { status: 'saved', path: target };
    } catch (error) {
      return { status: 'failed', message: error instanceof Error ? error.message.slice(0, 200) : 'write failed' };
    }
  };
}
