/**
 * The bordereau du jour rendered to PDF in Node and read back with
 * poppler-utils' `pdftotext`: its three parts, the late and waiting marks,
 * accented names, and its header row repeated on every page.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCommune } from '../domain/demo';
import { bordereauDefinition, bordereauSections, documentFileName, type BordereauEntry } from '../domain/documents';
import type { RequestDoc } from '../domain/model';
import { renderPdf } from './pdf-node';

const run = promisify(execFile);
const demo = generateDemoCommune();
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'guichet-bordereau-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function renderAndRead(name: string, definition: ReturnType<typeof bordereauDefinition>): Promise<{ text: string; pages: number }> {
  const pdf = await renderPdf(definition);
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']);
  const { stdout: info } = await run('pdfinfo', [file]);
  return { text: stdout.replace(/-\s*\n\s*/g, '-').replace(/\s+/g, ' '), pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0) };
}

/** The demo commune, plus one dossier received today whose answer waits for the mayor. */
function dayOfDemo(): { requests: RequestDoc[]; waiting: RequestDoc } {
  const base = demo.requests[0]!;
  const helene = demo.citizens.find((citizen) => citizen.firstName === 'Hélène')!;
  const waiting: RequestDoc = {
    ...base,
    id: 'waiting-today',
    reference: '2026-A-0999',
    receivedAt: `${demo.today}T08:15:00.000Z`,
    subject: 'Réservation de la salle des fêtes — mariage',
    citizenId: helene.id,
    status: 'in_progress',
    dueAt: '2026-12-04',
    flags: { needsMayor: true, sensitive: false },
    answer: {
      text: 'Accord.',
      kind: 'final',
      templateId: null,
      answeredAt: `${demo.today}T09:00:00.000Z`,
      by: demo.users.secretary.id,
      approvedBy: null,
      approvedAt: null,
    },
  };
  return { requests: [...demo.requests, waiting], waiting };
}

describe('the bordereau du jour', () => {
  it('lists the day’s, the late and the waiting dossiers, read back from the PDF', async () => {
    const { requests, waiting } = dayOfDemo();
    const sections = bordereauSections({ requests, categories: demo.categories, citizens: demo.citizens, today: demo.today });
    expect(sections.today.map((entry) => entry.reference)).toContain(waiting.reference);
    expect(sections.awaiting.map((entry) => entry.reference)).toEqual([waiting.reference]);
    expect(sections.late.length).toBeGreaterThan(0);
    expect(sections.late.every((entry) => entry.late && entry.status.includes('en retard'))).toBe(true);

    const { text } = await renderAndRead(
      'bordereau',
      bordereauDefinition({ settings: demo.settings, sections, day: demo.today, issuedOn: demo.today }),
    );
    expect(text).toContain('BORDEREAU DU JOUR');
    expect(text).toContain('Dossiers du 20 novembre 2026');
    expect(text).toContain(`Dossiers du jour (reçus ou à échéance) — ${sections.today.length} dossier`);
    expect(text).toContain(`Dossiers en retard — ${sections.late.length} dossiers`);
    expect(text).toContain('Réponses en attente du maire — 1 dossier');
    expect(text).toContain(waiting.reference);
    expect(text).toContain('Réservation de la salle des fêtes');
    expect(text).toContain('Mme Hélène LEFÈVRE');
    expect(text).toContain('En cours, en attente du maire');
    expect(text).toContain(sections.late[0]!.reference);
    expect(text).toContain('Vu, le Maire');
    expect(text).toContain('Mairie de Saint-Aubin-sur-Meuse');
  });

  it('says so when a part is empty, and repeats its header row on every page', async () => {
    const entry: BordereauEntry = {
      reference: '2026-A-0001',
      receivedOn: '2026-11-20',
      subject: 'Lampadaire éteint, rue de l’Œuvre',
      resident: 'M. Gaëtan Œuvray',
      category: 'Éclairage public',
      status: 'En cours',
      dueOn: '2026-11-30',
      late: false,
    };
    const today = Array.from({ length: 80 }, (_, index) => ({ ...entry, reference: `2026-A-${String(index + 1).padStart(4, '0')}` }));
    const { text, pages } = await renderAndRead(
      'bordereau-long',
      bordereauDefinition({
        settings: demo.settings,
        sections: { today, late: [], awaiting: [] },
        day: '2026-11-20',
        issuedOn: '2026-11-20',
      }),
    );
    expect(pages).toBeGreaterThan(1);
    expect(text.split('Référence Reçue le Objet').length - 1).toBeGreaterThanOrEqual(pages);
    expect(text).toContain(`Page ${pages} sur ${pages}`);
    expect(text).toContain('Aucun dossier.');
    expect(text).toContain('M. Gaëtan Œuvray');
  });

  it('is saved as bordereau-du-jour-<date>.pdf', () => {
    expect(documentFileName('councilBordereau', '2026-11-20')).toBe('bordereau-du-jour-2026-11-20.pdf');
  });
});
