import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from './strings';
import type { Strings } from '../i18n/resources';

const PLURAL_SUFFIXES = ['_zero', '_one', '_other'];

function flatten(strings: Strings, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(strings)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') && !name.endsWith('strings.ts') ? [path] : [];
  });
}

/** Keys written literally in the code: t('a.b'), error: 'a.b', label: 'a.b' when they look like i18n keys. */
function literalKeysUsed(): Array<{ file: string; key: string }> {
  const root = join(import.meta.dirname, '..');
  const found: Array<{ file: string; key: string }> = [];
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w]*(?:\.[\w]+)+)'/g)) found.push({ file, key: match[1]! });
  }
  return found;
}

function exists(keys: Map<string, string>, key: string): boolean {
  return keys.has(key) || PLURAL_SUFFIXES.some((suffix) => keys.has(`${key}${suffix}`));
}

describe('translations', () => {
  const fr = flatten(resources.fr);
  const en = flatten(resources.en);

  it('has the same keys in French and English', () => {
    expect([...fr.keys()].filter((key) => !en.has(key))).toEqual([]);
    expect([...en.keys()].filter((key) => !fr.has(key))).toEqual([]);
  });

  it('has no empty text', () => {
    expect([...fr.entries()].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
    expect([...en.entries()].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const different = [...fr.entries()].filter(
      ([key, text]) => en.has(key) && placeholders(text).join() !== placeholders(en.get(key)!).join(),
    );
    expect(different.map(([key]) => key)).toEqual([]);
  });

  it('has every key the code uses literally, in both languages', () => {
    const used = literalKeysUsed();
    expect(used.length).toBeGreaterThan(50);
    const missing = used
      .filter(({ key }) => !exists(fr, key) || !exists(en, key))
      .map(({ file, key }) => `${key} (${file.split('/src/')[1]})`);
    expect(missing).toEqual([]);
  });
});
