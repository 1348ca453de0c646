import nodePath from 'node:path';
import type { SaveDialogOptions } from 'electron';
import type { SaveResult } from '../common/api';
import { atomicWriteFile } from './atomic-write';
import { isPdf, safeFileName, safePdfFileName } from './pdf';

/** Saving a file where the secretary chooses, through the native save dialog (Documents by default). */
export interface PdfSaverOptions {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  documentsDir: () => string;
  language: () => 'fr' | 'en';
  write?: (file: string, bytes: Uint8Array) => Promise<void>;
}

/** A generated document: the bytes must be a PDF. */
export function createPdfSaver(options: PdfSaverOptions) {
  const save = createDialogSaver(options);
  return async function savePdf(bytes: Uint8Array, suggestedName: string): Promise<SaveResult> {
    if (!isPdf(bytes)) return { status: 'failed', message: 'not-a-pdf' };
    return save(bytes, safePdfFileName(suggestedName), 'pdf', options.language() === 'en' ? 'Save the PDF' : 'Enregistrer le PDF');
  };
}

/**
 * Any other file the secretary asks to keep: an attachment a resident gave,
 * a CSV export of the figures. The name keeps its extension when it is a
 * plain one; the file is written only where the secretary chose.
 */
export function createFileSaver(options: PdfSaverOptions) {
  const save = createDialogSaver(options);
  return async function saveFile(bytes: Uint8Array, suggestedName: string): Promise<SaveResult> {
    const name = safeFileName(suggestedName);
    const extension = nodePath.extname(name).slice(1).toLowerCase();
    return save(bytes, name, extension, options.language() === 'en' ? 'Save the file' : 'Enregistrer le fichier');
  };
}

function createDialogSaver(options: PdfSaverOptions) {
  const write = options.write ?? ((file, bytes) => atomicWriteFile(file, bytes, { mode: 0o644 }));
  return async function save(bytes: Uint8Array, fileName: string, extension: string, title: string): Promise<SaveResult> {
    const choice = await options.showSaveDialog({
      title,
      defaultPath: nodePath.join(options.documentsDir(), fileName),
      filters: extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) return { status: 'cancelled' };
    const wanted =
      extension && !choice.filePath.toLowerCase().endsWith(`.${extension}`) ? `${choice.filePath}.${extension}` : choice.filePath;
    try {
      await write(wanted, bytes);
      return { status: 'saved', path: wanted };
    } catch (error) {
      return { status: 'failed', message: error instanceof Error ? error.message.slice(0, 200) : 'write failed' };
    }
  };
}
