/**
 * Each document rendered to a real PDF in Node and read back with Debian's
 * poppler-utils: `pdftotext` must give back every legal mention and the
 * accents, `pdftoppm` must draw the first page (and draw something on it).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFrenchDate, implicitDecisionDate } from '../domain/calendar';
import { generateDemoCommune } from '../domain/demo';
import {
  acknowledgementDefinition,
  depositReceiptDefinition,
  documentFileName,
  documentSamples,
  DOCUMENT_KINDS,
  type DocumentDefinition,
} from '../domain/documents';
import { sampleFiles } from './documents';
import { renderPdf } from './pdf-node';

const run = promisify(execFile);
const demo = generateDemoCommune();
const samples = documentSamples(demo);
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'guichet-pdf-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Renders, writes, and reads the text back, with whitespace (and line breaks after a hyphen) folded. */
async function renderAndRead(name: string, definition: DocumentDefinition): Promise<{ file: string; text: string; pages: number }> {
  const pdf = await renderPdf(definition);
  expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  // -raw: in content order, and without poppler's de-hyphenation ("Saint-\nAubin" would come back "SaintAubin")
  const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']);
  const { stdout: info } = await run('pdfinfo', [file]);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  return { file, text: stdout.replace(/-\s*\n\s*/g, '-').replace(/\s+/g, ' '), pages };
}

/** The first page drawn at 50 dpi: a PNG, and the share of its pixels that are not white (from a grey map). */
async function drawFirstPage(file: string): Promise<{ pngBytes: number; ink: number }> {
  const prefix = file.replace(/\.pdf$/, '');
  await run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
  const png = await readFile(`${prefix}.png`);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  await run('pdftoppm', ['-gray', '-r', '20', '-f', '1', '-l', '1', '-singlefile', file, `${prefix}-grey`]);
  const pgm = await readFile(`${prefix}-grey.pgm`);
  // binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PGM');
  const pixels = pgm.subarray(header[0].length);
  let inked = 0;
  for (const value of pixels) if (value < 200) inked += 1;
  return { pngBytes: (await stat(`${prefix}.png`)).size, ink: inked / pixels.length };
}

const dateOfDecision = (input: typeof samples.acknowledgementAcceptance): string =>
  formatFrenchDate(implicitDecisionDate(input.request.receivedAt, input.category.implicitDecisionMonths));

describe('documents rendered in Node with pdfmake', () => {
  it('acknowledgement, silence worth acceptance: every mention of R112-5, in one page', async () => {
    const input = samples.acknowledgementAcceptance;
    const { file, text, pages } = await renderAndRead('ar-acceptance', acknowledgementDefinition(input));
    expect(pages).toBe(1);
    for (const mention of [
      'ACCUSÉ DE RÉCEPTION',
      'L112-3',
      'R112-5',
      `reçue par courrier le ${formatFrenchDate(input.request.receivedAt.slice(0, 10))}`,
      'Secrétariat de mairie — Mairie de Saint-Aubin-sur-Meuse',
      '2 place de la Mairie, 55220 Saint-Aubin-sur-Meuse',
      'mairie@saint-aubin-sur-meuse.fr',
      '03 53 01 20 40',
      'vaut décision d’acceptation',
      'L231-1',
      `réputée acceptée le ${dateOfDecision(input)}.`,
      'attestation de cette décision implicite d’acceptation',
      'L232-3',
      'L112-6',
      input.request.reference,
      input.request.trackingCode,
      `Réponse au plus tard le ${formatFrenchDate(input.request.dueAt)}`,
      'Madame Hélène LEFÈVRE',
    ]) {
      expect(text).toContain(mention);
    }
    expect(text).not.toContain('sous réserve');
    const { pngBytes, ink } = await drawFirstPage(file);
    expect(pngBytes).toBeGreaterThan(5_000);
    expect(ink).toBeGreaterThan(0.01);
  });

  it('acknowledgement, silence worth rejection, electronic and incomplete: remedies, R112-11-1, L114-5, in one page', async () => {
    const input = samples.acknowledgementRejection;
    const { file, text, pages } = await renderAndRead('ar-rejection', acknowledgementDefinition(input));
    expect(pages).toBe(1);
    for (const mention of [
      'ACCUSÉ DE RÉCEPTION D’UNE DEMANDE ÉLECTRONIQUE',
      'R112-11-1',
      'par le formulaire en ligne',
      'vaut décision de rejet',
      `réputée rejetée le ${dateOfDecision(input)}, sous réserve que la demande soit complète`,
      'Voies et délais de recours',
      'recours gracieux auprès du maire',
      'tribunal administratif',
      'L232-4',
      'Pièces manquantes',
      ...(input.missingPieces ?? []),
      `au plus tard le ${formatFrenchDate(input.piecesDueOn ?? '')}`,
      'L114-5',
      'Monsieur Gaëtan ŒUVRAY',
    ]) {
      expect(text).toContain(mention);
    }
    expect((await drawFirstPage(file)).ink).toBeGreaterThan(0.01);
  });

  it('acknowledgement without implicit decision: no decision date, the refusal’s remedies', async () => {
    const { text } = await renderAndRead('ar-none', acknowledgementDefinition(samples.acknowledgementNone));
    expect(text).not.toContain('réputée');
    expect(text).toContain('En cas de refus');
    expect(text).toContain('commission de contrôle');
    expect(text).toContain('au guichet de la mairie');
  });

  it('writes a sample of every kind of document, the bordereau du jour included (issue 13)', () => {
    const files = sampleFiles().map((sample) => sample.file);
    for (const kind of DOCUMENT_KINDS) {
      const prefix = documentFileName(kind, '').replace(/\.pdf$/, '');
      expect(
        files.some((file) => file.startsWith(prefix)),
        kind,
      ).toBe(true);
    }
  });

  it('every sample renders, reads back with its accents, and draws', async () => {
    const texts: string[] = [];
    for (const sample of sampleFiles()) {
      const { file, text } = await renderAndRead(sample.file.replace(/\.pdf$/, ''), sample.definition());
      expect(text.length, sample.file).toBeGreaterThan(300);
      expect(text, sample.file).toContain('Saint-Aubin-sur-Meuse');
      expect(text, sample.file).toContain('’');
      const { pngBytes, ink } = await drawFirstPage(file);
      expect(pngBytes, sample.file).toBeGreaterThan(3_000);
      expect(ink, sample.file).toBeGreaterThan(0.005);
      texts.push(text);
    }
    const all = texts.join(' ');
    for (const word of [
      'Hélène Lefèvre',
      'Hélène LEFÈVRE',
      'Œ',
      'Gaëtan',
      'Thiébaut'.toLocaleUpperCase('fr-FR'),
      'Récépissé'.toLocaleUpperCase('fr-FR'),
      'Registre du courrier arrivé'.toLocaleUpperCase('fr-FR'),
      'Télérecours',
    ]) {
      expect(all).toContain(word);
    }
  });

  it('gives the tracking code back in one piece, as a resident would copy it from the PDF', async () => {
    // "GQTV-Y599" came back "GQT V-Y599" from pdftotext -layout while the code was letter-spaced.
    for (const trackingCode of ['GQTV-Y599', 'WMWM-7AJT', 'K7MQ-4QX2']) {
      const definition = depositReceiptDefinition({
        ...samples.depositReceipt,
        request: { ...samples.depositReceipt.request, trackingCode },
      });
      const file = join(dir, `code-${trackingCode}.pdf`);
      await writeFile(file, await renderPdf(definition));
      const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
      expect(stdout).toContain(trackingCode);
    }
  });

  it('repeats the register’s header row on each page and numbers them', async () => {
    const register = samples.mailRegister;
    const entry = register.entries[0] ?? {
      number: 'C-2026-A-0001',
      arrivedOn: '2026-03-02',
      postmarkOn: '',
      sender: 'Mme Hélène Lefèvre',
      subject: 'Lampadaire',
      category: 'Éclairage public',
      outcome: 'En cours',
    };
    const entries = Array.from({ length: 70 }, (_, index) => ({ ...entry, number: `C-2026-A-${String(index + 1).padStart(4, '0')}` }));
    const { mailRegisterDefinition } = await import('../domain/documents');
    const { text, pages } = await renderAndRead('register-long', mailRegisterDefinition({ ...register, entries }));
    expect(pages).toBeGreaterThan(1);
    expect(text.split('N° d’enregistrement').length - 1).toBe(pages);
    expect(text).toContain(`Page ${pages} sur ${pages}`);
    expect(text).toContain('70 courriers enregistrés');
  });

  it('refuses to fetch a URL or read a local file named in a definition', async () => {
    const base = acknowledgementDefinition(samples.acknowledgementNone);
    await expect(renderPdf({ ...base, images: { logo: 'https://example.org/logo.png' } })).rejects.toThrow(/denied|policy/i);
    await expect(
      renderPdf({ ...acknowledgementDefinition(samples.acknowledgementNone), images: { logo: '/etc/hostname' } }),
    ).rejects.toThrow(/denied|policy/i);
  });
});
