// The remote-images permission, stored on the deck record (no schema change).
import { describe, expect, it } from 'vitest';
import { syncBundledDecks } from '../../src/storage/index.ts';
import { allowRemoteImages, remoteImagesPermission } from '../../src/storage/remoteImages.ts';
import { makeDeck, NOON, openTestDb, QA } from './helpers.ts';

describe('remote images permission', () => {
  it('is blocked until allowed, for that deck only', async () => {
    const db = await openTestDb();
    await syncBundledDecks(db, [makeDeck('js', QA, 'JavaScript'), makeDeck('go', QA, 'Go')], 'v1', NOON);
    expect(await remoteImagesPermission('js', db)).toBe('blocked');
    expect(await allowRemoteImages('js', db)).toBe(true);
    expect(await remoteImagesPermission('js', db)).toBe('allowed');
    expect(await remoteImagesPermission('go', db)).toBe('blocked');
    // The rest of the deck record is as it was.
    expect((await db.decks.get('js'))!.title).toBe('JavaScript');
  });

  it('cannot be given to a deck that is not saved, and writes nothing then', async () => {
    const db = await openTestDb();
    expect(await remoteImagesPermission('import-notes', db)).toBe('no-deck');
    expect(await allowRemoteImages('import-notes', db)).toBe(false);
    expect(await db.decks.count()).toBe(0);
  });

  it('survives the next sync of the deck', async () => {
    const db = await openTestDb();
    await syncBundledDecks(db, [makeDeck('js', QA, 'JavaScript')], 'v1', NOON);
    await allowRemoteImages('js', db);
    await syncBundledDecks(db, [makeDeck('js', QA, 'JavaScript, revised')], 'v2', NOON + 1);
    expect((await db.decks.get('js'))!.title).toBe('JavaScript, revised');
    expect(await remoteImagesPermission('js', db)).toBe('allowed');
  });
});
