/**
 * Shared by the harness page (in Chromium) and the runner (in Node): one
 * result line, and the percentiles every benchmark reports.
 */
export type BenchUnit = 'ms' | 'docs/s' | 'bytes' | 'MB' | 'ratio';

export interface BenchResult {
  name: string;
  value: number;
  unit: BenchUnit;
  /** how many samples the value summarises */
  n: number;
  /** what the figure was measured on, when it matters (e.g. which database the sync server ran on) */
  note?: string;
}

/** Nearest-rank percentile of ascending samples (p50 of 4 samples is the 2nd). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index]!;
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** `name.p50` and `name.p95` of a series of times in milliseconds. */
export function timeSummary(name: string, times: readonly number[]): BenchResult[] {
  const sorted = [...times].sort((a, b) => a - b);
  return [
    { name: `${name}.p50`, value: round1(percentile(sorted, 0.5)), unit: 'ms', n: sorted.length },
    { name: `${name}.p95`, value: round1(percentile(sorted, 0.95)), unit: 'ms', n: sorted.length },
  ];
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}
