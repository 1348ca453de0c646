/**
 * `npm run documents -- --samples --out DIR [--seed N] [--today YYYY-MM-DD]`
 *
 * Writes one PDF of each kind of document (and the acknowledgement in its
 * three legal cases) from the demo commune Saint-Aubin-sur-Meuse, so that
 * anyone can look at them without running the app.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDemoCommune } from '../domain/demo';
import {
  acknowledgementDefinition,
  bordereauDefinition,
  bordereauSections,
  depositReceiptDefinition,
  followUpSheetDefinition,
  followUpSheetSample,
  documentSamples,
  mailRegisterDefinition,
  replyLetterDefinition,
  type DocumentDefinition,
} from '../domain/documents';
import { renderPdf } from './pdf-node';

export interface SampleFile {
  file: string;
  description: string;
  definition: () => DocumentDefinition;
}

/** The sample documents of a demo commune: file name, what it shows, and its definition. */
export function sampleFiles(options: { seed?: number; today?: string } = {}): SampleFile[] {
  const demo = generateDemoCommune(options);
  const samples = documentSamples(demo);
  return [
    {
      file: 'accuse-reception-acceptation.pdf',
      description: 'accusé de réception, silence vaut acceptation (déclaration préalable, par courrier)',
      definition: () => acknowledgementDefinition(samples.acknowledgementAcceptance),
    },
    {
      file: 'accuse-reception-rejet-electronique.pdf',
      description: 'accusé de réception, silence vaut rejet, demande en ligne incomplète (subvention)',
      definition: () => acknowledgementDefinition(samples.acknowledgementRejection),
    },
    {
      file: 'accuse-reception-sans-decision-implicite.pdf',
      description: 'accusé de réception sans décision implicite (listes électorales, au guichet)',
      definition: () => acknowledgementDefinition(samples.acknowledgementNone),
    },
    {
      file: 'recepisse-depot.pdf',
      description: 'récépissé de dépôt au guichet, démarche en ligne faite pour l’usager',
      definition: () => depositReceiptDefinition(samples.depositReceipt),
    },
    {
      file: 'lettre-reponse.pdf',
      description: 'lettre de réponse sur papier à en-tête, signée du maire',
      definition: () => replyLetterDefinition(samples.replyLetter),
    },
    {
      file: 'registre-courrier.pdf',
      description: 'registre du courrier arrivé des douze derniers mois',
      definition: () => mailRegisterDefinition(samples.mailRegister),
    },
    {
      file: 'bordereau-du-jour.pdf',
      description: 'bordereau du jour de la table du conseil : dossiers du jour, en retard, en attente du maire',
      definition: () =>
        bordereauDefinition({
          settings: demo.settings,
          sections: bordereauSections({ requests: demo.requests, categories: demo.categories, citizens: demo.citizens, today: demo.today }),
          day: demo.today,
          issuedOn: demo.today,
        }),
    },
    {
      file: 'fiche-suivi.pdf',
      description: 'fiche de suivi d’un accompagnement numérique, en gros caractères',
      definition: () => followUpSheetDefinition(followUpSheetSample(demo)),
    },
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      samples: { type: 'boolean', default: false },
      out: { type: 'string', default: 'out/documents' },
      seed: { type: 'string' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values.samples) {
    console.log('Usage: npm run documents -- --samples --out DIR [--seed N] [--today YYYY-MM-DD]');
    console.log('Writes one PDF of each kind of document from the demo commune Saint-Aubin-sur-Meuse.');
    process.exitCode = values.help ? 0 : 1;
    return;
  }
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today))
    throw new Error(`--today must be YYYY-MM-DD: ${values.today}`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`--seed must be a whole number: ${values.seed}`);
  const out = resolve(values.out);
  await mkdir(out, { recursive: true });
  for (const sample of sampleFiles({ ...(seed === undefined ? {} : { seed }), ...(values.today ? { today: values.today } : {}) })) {
    const started = performance.now();
    const pdf = await renderPdf(sample.definition());
    await writeFile(resolve(out, sample.file), pdf);
    console.log(
      `${sample.file.padEnd(44)} ${String(Math.round(pdf.byteLength / 1024)).padStart(4)} Ko  ${Math.round(performance.now() - started)} ms  ${sample.description}`,
    );
  }
  console.log(`→ ${out}`);
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (invokedDirectly) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
