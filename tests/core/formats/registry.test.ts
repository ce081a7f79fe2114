// The order formats are tried in: by confidence, ties in registry order — and a last-resort
// layout (a glossary of bold terms) only after every other layout, however sure it is.
import { describe, expect, it } from 'vitest';
import { noteFormats, rankFormats } from '../../../src/core/formats/registry.ts';
import type { NoteFormat } from '../../../src/core/formats/types.ts';

const format = (name: string, confidence: number, lastResort = false): NoteFormat => ({
  name,
  label: name,
  example: '',
  detect: () => confidence,
  parse: () => ({ cards: [], warnings: [] }),
  ...(lastResort ? { lastResort: true } : {}),
});

describe('rankFormats', () => {
  it('ranks by confidence, ties in registry order, and drops formats that do not fit', () => {
    const ranked = rankFormats('x', [format('a', 0.3), format('b', 0.9), format('c', 0.3), format('d', 0)]);
    expect(ranked.map((f) => f.name)).toEqual(['b', 'a', 'c']);
  });

  it('tries a last-resort format after every other fitting format, even one far less sure', () => {
    const ranked = rankFormats('x', [format('fallback', 0.9, true), format('faint', 0.05), format('sure', 0.8)]);
    expect(ranked.map((f) => f.name)).toEqual(['sure', 'faint', 'fallback']);
  });

  it('declares the glossary a last resort, as the README says', () => {
    expect(noteFormats.filter((f) => f.lastResort).map((f) => f.name)).toEqual(['glossary']);
  });
});
