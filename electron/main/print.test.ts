import nodePath from 'node:path';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import type { SaveDialogOptions } from 'electron';
import { createPdfPrinter } from './print';
import { createFileSaver, createPdfSaver } from './save-pdf';
import { isPdf, safeFileName, safePdfFileName } from './pdf';

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n% Accusé de réception\n%%EOF\n'));

function fakePrintWindow(outcome: [boolean, string]) {
  const win = {
    options: null as any,
    loaded: '' as string,
    loadedBytes: null as Buffer | null,
    destroyed: false,
    loadFile: vi.fn(async (file: string) => {
      win.loaded = file;
      win.loadedBytes = await readFile(file);
    }),
    destroy: vi.fn(() => {
      win.destroyed = true;
    }),
    isDestroyed: () => win.destroyed,
    webContents: { print: vi.fn((_o: unknown, cb: (ok: boolean, reason: string) => void) => cb(...outcome)) },
  };
  return win;
}

describe('printing a PDF', () => {
  async function print(outcome: [boolean, string]) {
    const tempRoot = await mkdtemp(nodePath.join(tmpdir(), 'guichet-print-test-'));
    const win = fakePrintWindow(outcome);
    const printer = createPdfPrinter({
      createWindow: (options) => {
        win.options = options;
        return win;
      },
      tempRoot,
      wait: async () => {},
    });
    const result = await printer(PDF, 'Accusé de réception\u0007 2025-0042');
    return { result, win, tempRoot };
  }

  it('shows the PDF in a hidden, sandboxed window without API or shared storage, opens the print dialog, then cleans up', async () => {
    const { result, win, tempRoot } = await print([true, '']);
    expect(result).toEqual({ status: 'printed' });
    expect(win.options.show).toBe(false);
    expect(win.options.title).toBe('Accusé de réception  2025-0042');
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      partition: 'guichet-print',
    });
    expect(win.options.webPreferences.preload).toBeUndefined();
    expect(win.loadedBytes).toEqual(Buffer.from(PDF));
    expect(win.webContents.print).toHaveBeenCalledWith({ silent: false, printBackground: true }, expect.any(Function));
    expect(win.destroy).toHaveBeenCalled();
    expect(await readdir(tempRoot)).toEqual([]); // the temporary copy is gone
  });

  it('tells a cancelled dialog from a failure', async () => {
    expect((await print([false, 'Print job canceled'])).result).toEqual({ status: 'cancelled' });
    const failed = await print([false, 'Print job failed']);
    expect(failed.result).toEqual({ status: 'failed', message: 'Print job failed' });
    expect(await readdir(failed.tempRoot)).toEqual([]);
  });

  it('prints only PDFs', async () => {
    const printer = createPdfPrinter({ createWindow: vi.fn() as never, wait: async () => {} });
    expect(await printer(new Uint8Array(Buffer.from('<html><script>')), 'x')).toEqual({ status: 'failed', message: 'not-a-pdf' });
    expect(isPdf(PDF)).toBe(true);
    expect(isPdf(Buffer.from('%PDF'))).toBe(false);
  });
});

describe('saving a PDF', () => {
  it('asks where, in Documents by default with a safe name, and writes there', async () => {
    const dir = await mkdtemp(nodePath.join(tmpdir(), 'guichet-save-'));
    const showSaveDialog = vi.fn(async (_options: SaveDialogOptions) => ({
      canceled: false,
      filePath: nodePath.join(dir, 'Accusé 2025-0042'),
    }));
    const saver = createPdfSaver({ showSaveDialog, documentsDir: () => '/home/secretaire/Documents', language: () => 'fr' });
    const result = await saver(PDF, '../../Accusé: 2025/0042.pdf');
    expect(showSaveDialog.mock.calls[0]![0]).toMatchObject({
      title: 'Enregistrer le PDF',
      defaultPath: '/home/secretaire/Documents/Accusé 2025 0042.pdf',
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    expect(result).toEqual({ status: 'saved', path: nodePath.join(dir, 'Accusé 2025-0042.pdf') });
    expect(await readFile(nodePath.join(dir, 'Accusé 2025-0042.pdf'))).toEqual(Buffer.from(PDF));
  });

  it('writes nothing when cancelled', async () => {
    const write = vi.fn();
    const saver = createPdfSaver({
      showSaveDialog: async () => ({ canceled: true }),
      documentsDir: () => '/tmp',
      language: () => 'en',
      write,
    });
    expect(await saver(PDF, 'x')).toEqual({ status: 'cancelled' });
    expect(write).not.toHaveBeenCalled();
  });

  it('makes file names safe on Windows and Linux', () => {
    expect(safePdfFileName('Récépissé 2025-0042')).toBe('Récépissé 2025-0042.pdf');
    expect(safePdfFileName('a/b\\c:d*e?f"g<h>i|j')).toBe('a b c d e f g h i j.pdf');
    expect(safePdfFileName('CON')).toBe('document.pdf');
    expect(safePdfFileName('...')).toBe('document.pdf');
    expect(safePdfFileName('')).toBe('document.pdf');
    expect(safePdfFileName(42)).toBe('document.pdf');
    expect(safePdfFileName('x'.repeat(500)).length).toBe(124);
  });
});

describe('saving another file (an attachment, a CSV export)', () => {
  it('keeps its extension, filters on it, and writes only where the secretary chose', async () => {
    const dir = await mkdtemp(nodePath.join(tmpdir(), 'guichet-save-'));
    const showSaveDialog = vi.fn(async (_options: SaveDialogOptions) => ({ canceled: false, filePath: nodePath.join(dir, 'chiffres') }));
    const saver = createFileSaver({ showSaveDialog, documentsDir: () => '/home/secretaire/Documents', language: () => 'en' });
    const bytes = new TextEncoder().encode('\uFEFFcanal;demandes\r\n');
    const result = await saver(bytes, '../Chiffres: 2026.CSV');
    expect(showSaveDialog.mock.calls[0]![0]).toMatchObject({
      title: 'Save the file',
      defaultPath: '/home/secretaire/Documents/Chiffres 2026.csv',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    expect(result).toEqual({ status: 'saved', path: nodePath.join(dir, 'chiffres.csv') });
    expect(new Uint8Array(await readFile(nodePath.join(dir, 'chiffres.csv')))).toEqual(bytes);
  });

  it('makes any name safe, and keeps only a plain extension', () => {
    expect(safeFileName('photo trottoir.JPEG')).toBe('photo trottoir.jpeg');
    expect(safeFileName('lettre.pdf')).toBe('lettre.pdf');
    expect(safeFileName('nul.txt')).toBe('document.txt');
    expect(safeFileName('a/b.c:d')).toBe('a b.c d');
    expect(safeFileName('sans extension')).toBe('sans extension');
  });
});
