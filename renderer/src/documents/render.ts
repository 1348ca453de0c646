/**
 * Renders a document definition (domain/documents) to PDF bytes in the
 * renderer (Electron's page, or the browser build), with pdfmake's browser
 * build and the Roboto fonts of its vfs_fonts.js: the same fonts as the Node
 * renderer (scripts/pdf-node.ts), so a printed page looks like the samples.
 *
 * pdfmake (about 1 MB minified, plus 0.8 MB of fonts) is loaded on first use,
 * not with the app: call `preloadPdfRenderer()` when a screen that prints
 * opens, so the first print does not wait. pdfmake may fetch URLs named in a
 * definition; every URL is refused (the CSP would too): images are data: URLs.
 *
 * The bytes go to the preload API to print or save (Electron), or to a
 * download (browser build).
 */
import type { DocumentDefinition } from '../../../domain/documents/pdfmake-types';

interface PdfmakeBrowser {
  addVirtualFileSystem(vfs: Record<string, string>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  createPdf(definition: object): { getBuffer(): Promise<Uint8Array> };
}

let loading: Promise<PdfmakeBrowser> | null = null;

/** A CommonJS module seen through a bundler: its value is the default export, or the namespace itself. */
function moduleValue<T>(module: unknown): T {
  const withDefault = module as { default?: T };
  return (withDefault.default ?? module) as T;
}

function loadPdfmake(): Promise<PdfmakeBrowser> {
  loading ??= (async () => {
    const [pdfmakeModule, vfsModule] = await Promise.all([import('pdfmake/build/pdfmake'), import('pdfmake/build/vfs_fonts')]);
    const pdfMake = moduleValue<PdfmakeBrowser>(pdfmakeModule);
    pdfMake.addVirtualFileSystem(moduleValue<Record<string, string>>(vfsModule));
    pdfMake.setUrlAccessPolicy(() => false);
    return pdfMake;
  })().catch((error: unknown) => {
    loading = null; // let a later call try again (a chunk that failed to load)
    throw error;
  });
  return loading;
}

/** Starts loading pdfmake and its fonts in the background. */
export function preloadPdfRenderer(): void {
  void loadPdfmake().catch(() => undefined);
}

/**
 * The PDF of a definition. pdfmake changes the definition it is given (it
 * resolves styles and images in place): pass a fresh one to each call.
 */
export async function renderPdf(definition: DocumentDefinition): Promise<Uint8Array> {
  const pdfMake = await loadPdfmake();
  const buffer = await pdfMake.createPdf(definition).getBuffer();
  // a Buffer polyfill is a Uint8Array subclass: hand out a plain Uint8Array
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** The PDF as a Blob, for a download link or an <iframe> preview (blob: URLs are allowed by the CSP). */
export async function renderPdfBlob(definition: DocumentDefinition): Promise<Blob> {
  const bytes = await renderPdf(definition);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}
