/**
 * `pdf.acknowledgement.p50` / `.p95` (quality.md, goal p95 < 150 ms): the time
 * to build the acknowledgement of receipt's definition and render it to PDF
 * bytes with pdfmake in Node, the worst case of the demo commune (an online
 * request, incomplete, whose silence is worth rejection: every section
 * printed), after a warm-up that loads the fonts.
 */
import { generateDemoCommune } from '../domain/demo';
import { acknowledgementDefinition, documentSamples } from '../domain/documents';
import { renderPdf } from '../scripts/pdf-node';

export interface BenchResult {
  name: string;
  value: number;
  unit: 'ms';
  n: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index]!;
}

export async function benchPdf(options: { samples?: number; warmUp?: number } = {}): Promise<BenchResult[]> {
  const samples = options.samples ?? 50;
  const warmUp = options.warmUp ?? 5;
  const input = documentSamples(generateDemoCommune()).acknowledgementRejection;
  for (let i = 0; i < warmUp; i += 1) await renderPdf(acknowledgementDefinition(input));
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    const pdf = await renderPdf(acknowledgementDefinition(input));
    times.push(performance.now() - started);
    if (pdf.byteLength < 1_000) throw new Error('the acknowledgement rendered to an empty PDF');
  }
  times.sort((a, b) => a - b);
  const round = (value: number): number => Math.round(value * 10) / 10;
  return [
    { name: 'pdf.acknowledgement.p50', value: round(percentile(times, 0.5)), unit: 'ms', n: samples },
    { name: 'pdf.acknowledgement.p95', value: round(percentile(times, 0.95)), unit: 'ms', n: samples },
  ];
}
