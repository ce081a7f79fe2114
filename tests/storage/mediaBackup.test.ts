// Backups leave media out (a JSON file of a collection's pictures would be its size again, in
// base64): a backup of a deck with media is made, holds no file, and restores every card; on the
// same device the restored deck's cards still find their files, and a replace drops the files of
// decks it does not bring back.
import { describe, expect, it } from 'vitest';
import { exportBackup, restoreBackup } from '../../src/storage/backup.ts';
import { syncDecks } from '../../src/storage/index.ts';
import { mediaTables } from '../../src/storage/media/schema.ts';
import { deckMediaFiles, storeAnkiMedia } from '../../src/storage/media/storeMedia.ts';
import { freshFactory, makeDeck, NOON, openTestDb } from './helpers.ts';

describe('media and backups', () => {
  it('a backup of a deck with 2 MB of media is made without it, and restores every card', async () => {
    const db = await openTestDb();
    const deck = makeDeck('anki', [['<img src="big.png">', 'A [sound:a.mp3]'], ['Q2', 'A2']]);
    await syncDecks(db, [deck], NOON, { origin: 'imported' });
    const big = new Uint8Array(2_000_000).fill(7);
    await storeAnkiMedia(db, [{ deckId: 'anki', name: 'big.png', bytes: big }, { deckId: 'anki', name: 'a.mp3', bytes: new Uint8Array([0x49, 0x44, 0x33]) }]);
    const text = await (await exportBackup(db, NOON)).text();
    // A deck imported after the backup was made, with a file of its own and one it shares.
    await syncDecks(db, [makeDeck('later', [['Q', 'A']])], NOON + 1, { origin: 'imported' });
    await storeAnkiMedia(db, [{ deckId: 'later', name: 'own.png', bytes: new Uint8Array([1, 2, 3]) }, { deckId: 'later', name: 'same.png', bytes: big }]);
    expect(text.length).toBeLessThan(20_000);
    expect(text).not.toContain('"mediaNames"');

    // Replacing this device's data: cards back, their files still found; the later deck's go.
    const report = await restoreBackup(db, text, { mode: 'replace' });
    expect(report.cardsAdded).toBe(2);
    expect([...(await deckMediaFiles(db, 'anki', ['big.png', 'a.mp3'])).keys()]).toEqual(['big.png', 'a.mp3']);
    expect((await mediaTables(db).mediaNames.toArray()).map((n) => `${n.deckId}/${n.name}`).sort()).toEqual(['anki/a.mp3', 'anki/big.png']);
    expect(await mediaTables(db).media.count()).toBe(2);

    // On another device: every card, no files (the cards then show the names).
    const other = await openTestDb(freshFactory(), 'other');
    expect((await restoreBackup(other, text, { mode: 'replace' })).cardsAdded).toBe(2);
    expect(await other.cards.count()).toBe(2);
    expect((await deckMediaFiles(other, 'anki', ['big.png'])).size).toBe(0);
  });
});
