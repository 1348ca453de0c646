import nodePath from 'node:path';
import { tmpdir } from 'node:os';
import { promises as nodeFs } from 'node:fs';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { PrintResult } from '../common/api';
import { isPdf } from './pdf';
import { printWebPreferences } from './security';

/**
 * Printing a PDF through the system print dialog. Decision: the PDF is written
 * to a private temporary folder and opened in a hidden window that has no API,
 * no access to the app's storage (an in-memory session of its own), and the
 * sandbox; Chromium's PDF viewer renders it and webContents.print() opens the
 * native dialog. The file is deleted when the dialog closes.
 *
 * Why not print from the app window: the PDF viewer is a plugin, which the
 * app window must not have; and printing the page would print the app, not
 * the document. Why not hand the file to the system's PDF reader: one more
 * window and no way to know the outcome. Electron ≥ 32 prints PDF documents
 * correctly (electron/electron#43309 fixed the blank pages).
 */

export interface PrintWindowLike {
  loadFile(file: string): Promise<void>;
  destroy(): void;
  isDestroyed(): boolean;
  webContents: {
    print(options: { silent: boolean; printBackground: boolean }, callback: (success: boolean, failureReason: string) => void): void;
  };
}

export interface PdfPrinterOptions {
  createWindow(options: BrowserWindowConstructorOptions): PrintWindowLike;
  fs?: Pick<typeof nodeFs, 'mkdtemp' | 'writeFile' | 'rm'>;
  tempRoot?: string;
  /** Time for the PDF viewer to lay out the document once loaded. */
  settleMs?: number;
  wait?: (ms: number) => Promise<void>;
}

export function cleanTitle(title: unknown): string {
  const text = typeof title === 'string' ? title.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() : '';
  return (text || 'Guichet').slice(0, 200);
}

export function createPdfPrinter(options: PdfPrinterOptions) {
  const fs = options.fs ?? nodeFs;
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return async function printPdf(bytes: Uint8Array, title: string, parent?: unknown): Promise<PrintResult> {
    if (!isPdf(bytes)) return { status: 'failed', message: 'not-a-pdf' };
    const dir = await fs.mkdtemp(nodePath.join(options.tempRoot ?? tmpdir(), 'guichet-print-'));
    const file = nodePath.join(dir, 'document.pdf');
    let win: PrintWindowLike | null = null;
    try {
      await fs.writeFile(file, bytes, { mode: 0o600 });
      win = options.createWindow({
        show: false,
        title: cleanTitle(title),
        ...(parent ? { parent: parent as BrowserWindowConstructorOptions['parent'] } : {}),
        webPreferences: printWebPreferences(),
      });
      await win.loadFile(file);
      await wait(options.settleMs ?? 600);
      const printing = win;
      return await new Promise<PrintResult>((resolve) => {
        printing.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
          if (success) resolve({ status: 'printed' });
          else if (/cancel/i.test(failureReason ?? '')) resolve({ status: 'cancelled' });
          else resolve({ status: 'failed', message: String(failureReason || 'print failed').slice(0, 200) });
        });
      });
    } catch (error) {
      return { status: 'failed', message: error instanceof Error ? error.message.slice(0, 200) : 'print failed' };
    } finally {
      if (win && !win.isDestroyed()) win.destroy();
      await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  };
}
