/**
 * The renderer's layers, checked (README, "How it is built"). Read from the imports of every source file:
 *
 *   shell/            composes the features: routes, layout, every feature's strings
 *   features          each a folder with one public entry (index.ts); a feature imports another only through
 *                     it, and only one it builds on (FEATURES below): never in a cycle
 *   shared            sync, ui, session, db, platform, i18n: never import the shell or a feature, and only the
 *                     shared parts below them (SHARED below)
 *   domain/           the ground: imports nothing of the renderer (and no package: domain/layers.test.ts)
 *
 * Type-only imports count for the public-entry rule but not for cycles (they vanish at run time).
 * Tests may reach anything: they are not part of the app.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = import.meta.dirname;

/** Each feature, and the features it builds on. */
const FEATURES: Record<string, readonly string[]> = {
  today: ['requests', 'assisted', 'backup'],
  council: ['requests', 'documents', 'approval'],
  settings: ['assisted', 'backup'],
  setup: ['assisted', 'backup'],
  intake: ['requests', 'citizens'],
  assisted: ['citizens', 'documents'],
  citizens: ['requests'],
  requests: ['documents', 'approval'],
  documents: ['approval'],
  approval: [],
  backup: [],
  stats: [],
};

/** Each shared part, and the shared parts below it that it may use. */
const SHARED: Record<string, readonly string[]> = {
  sync: ['ui', 'session', 'db', 'platform', 'i18n'],
  ui: ['session', 'i18n'],
  session: ['db', 'platform', 'i18n'],
  db: ['platform', 'i18n'],
  platform: [],
  i18n: [],
};

const SHELL = ['shell', 'main.tsx'];

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && entry.name !== 'testing.ts' ? [path] : [];
  });
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

function importsOf(file: string): Edge[] {
  const source = readFileSync(file, 'utf8');
  const edges: Edge[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const target = normalize(join(dirname(file), match[3] ?? ''));
    if (!target.startsWith(ROOT + sep)) continue;
    edges.push({ from: relative(ROOT, file), to: relative(ROOT, target), typeOnly: match[2] !== undefined });
  }
  return edges;
}

/** The top folder of a path under renderer/src (`requests/RequestScreen` → `requests`). */
function areaOf(path: string): string {
  return path.split(sep)[0] ?? path;
}

const edges = sourceFiles(ROOT).flatMap(importsOf);
const crossing = edges.filter((edge) => areaOf(edge.from) !== areaOf(edge.to));

describe('the renderer’s layers', () => {
  it('knows every top folder (a new one must be placed in a layer)', () => {
    const areas = new Set(
      readdirSync(ROOT, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name),
    );
    expect([...areas].sort()).toEqual([...Object.keys(FEATURES), ...Object.keys(SHARED), 'shell'].sort());
  });

  it('a feature is reached only through its index.ts', () => {
    const past = crossing.filter(
      (edge) => areaOf(edge.to) in FEATURES && edge.to !== areaOf(edge.to) && edge.to !== join(areaOf(edge.to), 'index'),
    );
    expect(past.map((edge) => `${edge.from} → ${edge.to}`)).toEqual([]);
  });

  it('a feature uses only the features it builds on', () => {
    const wrong = crossing.filter((edge) => {
      const [from, to] = [areaOf(edge.from), areaOf(edge.to)];
      return from in FEATURES && to in FEATURES && !(FEATURES[from] ?? []).includes(to);
    });
    expect(wrong.map((edge) => `${edge.from} → ${edge.to}`)).toEqual([]);
  });

  it('shared parts import no feature nor the shell, and only the shared parts below them', () => {
    const wrong = crossing.filter((edge) => {
      const [from, to] = [areaOf(edge.from), areaOf(edge.to)];
      return from in SHARED && !(SHARED[from] ?? []).includes(to);
    });
    expect(wrong.map((edge) => `${edge.from} → ${edge.to}`)).toEqual([]);
  });

  it('nothing imports the shell', () => {
    const wrong = crossing.filter((edge) => SHELL.includes(areaOf(edge.to)) && !SHELL.includes(areaOf(edge.from)));
    expect(wrong.map((edge) => `${edge.from} → ${edge.to}`)).toEqual([]);
  });

  it('no folder-level import cycle (type-only imports aside)', () => {
    const graph = new Map<string, Set<string>>();
    for (const edge of crossing.filter((candidate) => !candidate.typeOnly)) {
      const targets = graph.get(areaOf(edge.from)) ?? new Set<string>();
      targets.add(areaOf(edge.to));
      graph.set(areaOf(edge.from), targets);
    }
    const cycles: string[] = [];
    const visit = (node: string, path: string[]): void => {
      if (path.includes(node)) {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
        return;
      }
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    };
    for (const node of graph.keys()) visit(node, []);
    expect([...new Set(cycles)]).toEqual([]);
  });

  it('the rules themselves hold no cycle: the layers are an order', () => {
    const order = (table: Record<string, readonly string[]>, node: string, seen: string[] = []): void => {
      if (seen.includes(node)) throw new Error(`cycle: ${[...seen, node].join(' → ')}`);
      for (const below of table[node] ?? []) order(table, below, [...seen, node]);
    };
    for (const node of Object.keys(FEATURES)) expect(() => order(FEATURES, node)).not.toThrow();
    for (const node of Object.keys(SHARED)) expect(() => order(SHARED, node)).not.toThrow();
  });
});
