// `npm run convert -- FILE.apkg` as a user runs it: the decks as JSON on stdout (an array when the
// package holds several), one sentence on stderr and exit 1 for a package it cannot read.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../scripts/runConvert.ts';
import { ANKI_FIXTURES, fixtureBytes, fixtureEntries, loadSql, zip } from './ankiFixtures.ts';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rehearse-anki-cli-'));
  const bytes = fixtureBytes('new_deck.apkg');
  writeFileSync(join(dir, 'cut.apkg'), bytes.slice(0, 20_000));
  // The legacy deck with one card moved to the Default deck: a package of two decks.
  const SQL = await loadSql();
  const entries = fixtureEntries('legacy_deck.apkg');
  const db = new SQL.Database(entries['collection.anki21']);
  db.run('UPDATE cards SET did = 1 WHERE id = 1681200930916');
  writeFileSync(join(dir, 'two decks.apkg'), zip({ 'collection.anki21': db.export(), media: '{}' }));
  db.close();
}, 30_000);

describe('npm run convert on Anki packages', () => {
  it('prints the legacy deck as one deck with its cards and reviews', async () => {
    const result = await convert(join(ANKI_FIXTURES, 'legacy_deck.apkg'));
    expect(result.code).toBe(0);
    const deck = JSON.parse(result.stdout);
    expect(deck).toMatchObject({ format: 'rehearse-deck', id: 'test-deck', title: 'Test deck' });
    expect(deck.cards).toHaveLength(6);
    expect(deck.cards.flatMap((c: { reviews: unknown[] }) => c.reviews)).toHaveLength(7);
    expect(Object.keys(deck.cards[0]).sort()).toEqual(['anki', 'back', 'front', 'id', 'kind', 'meta', 'reviews', 'tags']);
    expect(Object.keys(deck.cards[0].reviews[0]).sort()).toEqual(['durationMs', 'kind', 'rating', 'reviewedAt', 'revlogId']);
  });

  it('prints a .colpkg and says on stderr which review rows were left out', async () => {
    const result = await convert(join(ANKI_FIXTURES, 'collection_nomedia_new.colpkg'));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).cards).toHaveLength(8);
    expect(result.stderr).toContain('87 review rows of cards no longer in the collection left out.');
  });

  it('prints an array when the package holds several decks', async () => {
    const result = await convert(join(dir, 'two decks.apkg'));
    expect(result.code).toBe(0);
    const decks = JSON.parse(result.stdout);
    expect(decks.map((d: { title: string; cards: unknown[] }) => [d.title, d.cards.length])).toEqual([['Default', 1], ['Test deck', 5]]);
  });

  it('gives the empty package one sentence on stderr and exit 1', async () => {
    const result = await convert(join(ANKI_FIXTURES, 'broken_deck.apkg'));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('convert: broken_deck.apkg is empty.\n');
  });

  it('says a cut-short package was cut short', async () => {
    const result = await convert(join(dir, 'cut.apkg'));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('convert: cut.apkg was cut short: it may not have finished downloading.\n');
  });
});
