// The media store: content-addressed files, per-deck names, the package size limit, and what
// deleting a deck takes with it.
import { describe, expect, it } from 'vitest';
import { deleteDeck, StorageError, syncDecks } from '../../src/storage/index.ts';
import { mediaTables } from '../../src/storage/media/schema.ts';
import { deckMediaFiles, mediaSizeProblem, MEDIA_PACKAGE_LIMIT_BYTES, sha256Hex, storeAnkiMedia } from '../../src/storage/media/storeMedia.ts';
import { mediaType } from '../../src/storage/media/mediaType.ts';
import { applyRemoteRows } from '../../src/storage/syncStore.ts';
import { allSyncRows, freshFactory, makeDeck, NOON, openTestDb, QA } from './helpers.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9, 9]);
const MP3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0]);

async function blobBytes(blob: Blob | undefined): Promise<number[]> {
  return [...new Uint8Array(await blob!.arrayBuffer())];
}

describe('media store', () => {
  it('stores a file used by two decks once, under both names, typed by its bytes', async () => {
    const db = await openTestDb();
    // The same picture as a.jpg in deck x and photo.jpg in deck y (a copy, not the same array).
    const report = await storeAnkiMedia(db, [
      { deckId: 'x', name: 'a.jpg', bytes: PNG },
      { deckId: 'y', name: 'photo.jpg', bytes: PNG.slice() },
      { deckId: 'y', name: 'hello.mp3', bytes: MP3 },
    ]);
    expect(report).toEqual({ files: 2, added: 2, names: 3, bytes: PNG.length + MP3.length, removed: 0 });
    const { media, mediaNames } = mediaTables(db);
    expect(await media.count()).toBe(2);
    const png = (await media.get(await sha256Hex(PNG)))!;
    expect(png).toMatchObject({ type: 'image/png', size: PNG.length });
    expect(await blobBytes(png.bytes)).toEqual([...PNG]);
    expect((await mediaNames.toArray()).map((n) => `${n.deckId}/${n.name}`).sort()).toEqual(['x/a.jpg', 'y/hello.mp3', 'y/photo.jpg']);

    // Importing the package again adds no file.
    expect((await storeAnkiMedia(db, [{ deckId: 'x', name: 'a.jpg', bytes: PNG }])).added).toBe(0);
    expect(await media.count()).toBe(2);
  });

  it('finds a deck’s files by name, percent-encoded names too, and not another deck’s', async () => {
    const db = await openTestDb();
    await storeAnkiMedia(db, [
      { deckId: 'x', name: 'my photo.jpg', bytes: JPEG },
      { deckId: 'y', name: 'other.png', bytes: PNG },
    ]);
    const found = await deckMediaFiles(db, 'x', ['my photo.jpg', 'my%20photo.jpg', 'other.png', 'bad%zz.png']);
    expect([...found.keys()].sort()).toEqual(['my photo.jpg', 'my%20photo.jpg']);
    expect(found.get('my%20photo.jpg')!.type).toBe('image/jpeg');
    expect(await blobBytes(found.get('my photo.jpg'))).toEqual([...JPEG]);
  });

  it('refuses a package over the limit before writing anything, naming its size and the limit', async () => {
    const db = await openTestDb();
    await storeAnkiMedia(db, [{ deckId: 'x', name: 'kept.png', bytes: PNG }]);
    const big = new Uint8Array(600);
    const error = await storeAnkiMedia(db, [
      { deckId: 'y', name: 'small.jpg', bytes: JPEG },
      { deckId: 'y', name: 'big.bin', bytes: big },
      // The same bytes again count once.
      { deckId: 'z', name: 'big.bin', bytes: big.slice() },
    ], 500).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe('too-large');
    expect((error as StorageError).message).toBe(
      "The package's media take 607 bytes, more than the 500 bytes Rehearse keeps for one package, so nothing was imported.",
    );
    const { media, mediaNames } = mediaTables(db);
    expect(await media.count()).toBe(1);
    expect((await mediaNames.toArray()).map((n) => n.name)).toEqual(['kept.png']);
    // At the limit itself, it is stored.
    expect((await storeAnkiMedia(db, [{ deckId: 'y', name: 'big.bin', bytes: new Uint8Array(500) }], 500)).added).toBe(1);
  });

  it('says the default limit in plain units', () => {
    expect(MEDIA_PACKAGE_LIMIT_BYTES).toBe(300_000_000);
    expect(mediaSizeProblem(MEDIA_PACKAGE_LIMIT_BYTES)).toBeUndefined();
    expect(mediaSizeProblem(412_300_000)).toBe(
      "The package's media take 412 MB, more than the 300 MB Rehearse keeps for one package, so nothing was imported.",
    );
  });

  it('refuses a name that could leave the media folder, writing nothing', async () => {
    const db = await openTestDb();
    const error = await storeAnkiMedia(db, [
      { deckId: 'x', name: 'fine.png', bytes: PNG },
      { deckId: 'x', name: '../up.png', bytes: JPEG },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StorageError', code: 'bad-input' });
    expect(await mediaTables(db).media.count()).toBe(0);
  });

  it('a re-import that changes a file behind a name points the name at the new file and drops the old one', async () => {
    const db = await openTestDb();
    await storeAnkiMedia(db, [{ deckId: 'x', name: 'photo.jpg', bytes: JPEG }, { deckId: 'y', name: 'same.jpg', bytes: PNG }]);
    await storeAnkiMedia(db, [{ deckId: 'x', name: 'photo.jpg', bytes: PNG }]);
    const { media } = mediaTables(db);
    expect((await media.toArray()).map((m) => m.type)).toEqual(['image/png']);
    expect(await blobBytes((await deckMediaFiles(db, 'x', ['photo.jpg'])).get('photo.jpg'))).toEqual([...PNG]);
  });

  it('deleting a deck removes its names, and the files no other deck names, in the same transaction', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('mine', QA), makeDeck('other', QA)], NOON, { origin: 'imported' });
    await storeAnkiMedia(db, [
      { deckId: 'mine', name: 'only-mine.jpg', bytes: JPEG },
      { deckId: 'mine', name: 'shared.png', bytes: PNG },
      { deckId: 'other', name: 'also.png', bytes: PNG },
    ]);
    await deleteDeck(db, 'mine');
    const { media, mediaNames } = mediaTables(db);
    expect((await mediaNames.toArray()).map((n) => `${n.deckId}/${n.name}`)).toEqual(['other/also.png']);
    expect((await media.toArray()).map((m) => m.hash)).toEqual([await sha256Hex(PNG)]);
    await deleteDeck(db, 'other');
    expect(await media.count()).toBe(0);
    expect(await mediaNames.count()).toBe(0);
  });

  it('a deck deleted on another device takes its media names and unused files here when the deletion syncs', async () => {
    const [a, b] = [await openTestDb(freshFactory(), 'a'), await openTestDb(freshFactory(), 'b')];
    for (const db of [a, b]) await syncDecks(db, [makeDeck('mine', QA), makeDeck('other', QA)], NOON, { origin: 'imported' });
    await storeAnkiMedia(b, [{ deckId: 'mine', name: 'a.jpg', bytes: JPEG }, { deckId: 'other', name: 'b.png', bytes: PNG }]);
    await deleteDeck(a, 'mine', NOON + 1);
    await applyRemoteRows(b, await allSyncRows(a), NOON + 2);
    expect(await b.decks.get('mine')).toBeUndefined();
    const { media, mediaNames } = mediaTables(b);
    expect((await mediaNames.toArray()).map((n) => `${n.deckId}/${n.name}`)).toEqual(['other/b.png']);
    expect((await media.toArray()).map((m) => m.type)).toEqual(['image/png']);
  });

  it('a failed deck deletion keeps the deck’s media', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('mine', QA)], NOON, { origin: 'imported' });
    await storeAnkiMedia(db, [{ deckId: 'mine', name: 'a.jpg', bytes: JPEG }]);
    await expect(deleteDeck(db, 'not-a-deck')).rejects.toMatchObject({ code: 'not-found' });
    expect(await mediaTables(db).mediaNames.count()).toBe(1);
  });

  it('types files by their first bytes before their names', () => {
    expect(mediaType('x.jpg', PNG)).toBe('image/png');
    expect(mediaType('x.webp', new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(mediaType('x.ogg', new Uint8Array([1, 2, 3]))).toBe('audio/ogg');
    expect(mediaType('x.svg', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('image/svg+xml');
    expect(mediaType('README', new Uint8Array([1]))).toBe('application/octet-stream');
  });
});
