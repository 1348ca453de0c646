import { describe, expect, it } from 'vitest';
import { jsonProblem } from './json-limits';

function nested(depth: number): unknown {
  let value: unknown = 'fond';
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

describe('jsonProblem', () => {
  it('accepts an ordinary document', () => {
    expect(jsonProblem([{ newDocumentState: { id: 'x', subject: 'Lampadaire éteint 💡', tags: ['a', 'b'], n: 3 } }])).toBeNull();
  });

  it('refuses NUL and lone surrogates in values and in keys, naming where', () => {
    expect(jsonProblem({ a: { subject: 'ab\u0000c' } })).toEqual({
      kind: 'malformed',
      path: '/a/subject',
      message: 'the text contains a NUL character',
    });
    expect(jsonProblem({ list: ['ok', 'x\uD800'] })).toMatchObject({ kind: 'malformed', path: '/list/1' });
    expect(jsonProblem({ list: ['\uDC00y'] })).toMatchObject({ kind: 'malformed', path: '/list/0' });
    expect(jsonProblem({ ['k\u0000']: 1 })).toMatchObject({
      kind: 'malformed',
      path: '/k\u0000',
      message: 'the key contains a NUL character',
    });
    expect(jsonProblem({ 'a/b': 'x\uD800' })).toMatchObject({ path: '/a~1b' });
  });

  it('refuses deep nesting without overflowing itself', () => {
    expect(jsonProblem(nested(16))).toBeNull();
    expect(jsonProblem(nested(17))).toMatchObject({ kind: 'malformed', message: 'nested deeper than 16 levels' });
    expect(jsonProblem(nested(100_000))).toMatchObject({ kind: 'malformed' });
  });

  it('refuses too many keys, items and characters as too large', () => {
    const keys = Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`k${i}`, '']));
    expect(jsonProblem({ categoryFields: keys })).toEqual({ kind: 'too_large', path: '/categoryFields', message: 'more than 256 keys' });
    expect(jsonProblem({ list: new Array(5_001).fill(0) })).toMatchObject({ kind: 'too_large', path: '/list' });
    expect(jsonProblem({ text: 'x'.repeat(500_001) })).toMatchObject({ kind: 'too_large', path: '/text' });
    expect(jsonProblem({ ['k'.repeat(201)]: 1 })).toMatchObject({ kind: 'too_large' });
  });
});
