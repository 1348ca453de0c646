/**
 * The follow-up sheet rendered to a real PDF in Node and read back with
 * pdftotext: the words a resident reads must be there, accents included, on
 * one page, and no password ever.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCommune } from '../domain/demo';
import { followUpSheetDefinition, followUpSheetSample } from '../domain/documents';
import { renderPdf } from './pdf-node';

const run = promisify(execFile);
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'guichet-follow-up-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('follow-up sheet PDF', () => {
  it('reads back with pdftotext: what was done, what comes next, what to bring, the code, the mairie’s hours and phone', async () => {
    const demo = generateDemoCommune();
    const sample = followUpSheetSample(demo);
    const pdf = await renderPdf(followUpSheetDefinition(sample));
    const file = join(dir, 'fiche-suivi.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']);
    const text = stdout.replace(/-\s*\n\s*/g, '-').replace(/\s+/g, ' ');
    const { stdout: info } = await run('pdfinfo', [file]);

    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(1);
    for (const expected of [
      'FICHE DE SUIVI',
      'Mme Hélène LEFÈVRE',
      'Carte nationale d’identité',
      'Ce qui a été fait',
      'Remplir la pré-demande',
      'Ce qui reste à faire',
      'Prendre rendez-vous dans une mairie équipée',
      'À apporter la prochaine fois',
      'Photo d’identité de moins de six mois',
      'PD-2026-123456',
      '19 mars 2026',
      demo.settings.phone,
      'Accueil du public',
      'ants.gouv.fr',
      'aucun de vos mots de passe',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text.replace(/\s+/g, ' ')).toContain(demo.settings.openingHours.replace(/\s+/g, ' ').slice(0, 20));
  });
});
