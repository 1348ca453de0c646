/**
 * Renders a document definition (domain/documents) to PDF bytes in Node, with
 * pdfmake 0.3: for `npm run documents`, the tests and the benchmark.
 *
 * The fonts are the Roboto files pdfmake ships in `build/vfs_fonts.js`, the
 * same bytes the browser build uses, loaded into pdfmake's virtual file
 * system: the PDF looks the same wherever it is made. pdfmake may fetch URLs
 * and read local files named in a definition (images, fonts); both are
 * refused, so a definition can never make Node reach the network or the disk.
 * Images must be data: URLs (the commune's logo is one).
 */
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { DocumentDefinition } from '../domain/documents/pdfmake-types';

const require = createRequire(import.meta.url);

export const ROBOTO = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

let ready = false;

function setUp(): void {
  if (ready) return;
  // pdfmake's vfs_fonts.js is a UMD file: in Node it exports { 'Roboto-Regular.ttf': base64, ... }
  const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
  for (const file of Object.values(ROBOTO)) {
    const base64 = vfs[file];
    if (!base64) throw new Error(`pdfmake's vfs_fonts.js has no ${file}`);
    pdfmake.virtualfs.writeFileSync(file, Buffer.from(base64, 'base64'));
  }
  pdfmake.setFonts({ Roboto: { ...ROBOTO } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
}

/**
 * The PDF of a definition. pdfmake changes the definition it is given (it
 * resolves styles and images in place): pass a fresh one to each call.
 */
export async function renderPdf(definition: DocumentDefinition): Promise<Uint8Array> {
  setUp();
  const buffer = await pdfmake.createPdf(definition).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
