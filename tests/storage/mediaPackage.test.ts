// From a real Anki package (../shared/anki, current layout, two images, a webp and a sound) to
// stored media: the glue the import calls, then the store.
import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ankiPackageToDecks, readAnkiPackage, type AnkiPackage } from '../../src/core/anki/index.ts';
import { mediaForPackage, planPackageMedia } from '../../src/storage/media/mediaForPackage.ts';
import { localMediaName, mediaReferences } from '../../src/storage/media/mediaReferences.ts';
import { mediaTables } from '../../src/storage/media/schema.ts';
import { deckMediaFiles, storeAnkiMedia } from '../../src/storage/media/storeMedia.ts';
import { importAnkiDecksWithMedia } from '../../src/storage/media/importWithMedia.ts';
import { fillCardMedia, revokeCardMedia } from '../../src/ui/render/cardMedia.ts';
import { renderCardSide } from '../../src/ui/render/markdownToHtml.ts';
import { NOON, openTestDb } from './helpers.ts';

const FILE = new URL('../../../shared/anki/deck_sheduling_media_new.apkg', import.meta.url);
let bytes: Uint8Array;
let pkg: AnkiPackage;

beforeAll(async () => {
  bytes = new Uint8Array(readFileSync(FILE));
  pkg = readAnkiPackage(bytes, 'deck_sheduling_media_new.apkg', { SQL: await initSqlJs() });
});

describe('media references', () => {
  it('finds HTML and markdown images and sounds by plain name, entities decoded, not addresses or paths', () => {
    const text = [
      '<img src="a &amp; b.png"> <IMG alt=x src=\'c.jpg\'> <img src=d.gif>',
      '![one](e.webp "t") ![](<f g.png>) ![](https://x.org/h.png) ![](./assets/i.png) <img src="//cdn/j.png">',
      '[sound:k.mp3] [sound:k.mp3] <img src="data:image/png;base64,AAAA">',
    ].join('\n');
    expect(mediaReferences(text)).toEqual({ images: ['a & b.png', 'c.jpg', 'd.gif', 'e.webp', 'f g.png'], sounds: ['k.mp3'] });
    expect(localMediaName('#top')).toBeUndefined();
    expect(localMediaName('photo.jpg?x=1')).toBeUndefined();
  });
});

describe('media of a package', () => {
  it('plans from the list alone: the files the cards name, their size, nothing unused', () => {
    const { decks } = ankiPackageToDecks(pkg, 'deck_sheduling_media_new.apkg');
    const plan = planPackageMedia(pkg.media, decks);
    expect(plan.files.map((f) => f.name).sort()).toEqual([
      '1452.webp', 'Screenshot 2023-10-24 at 22.01.53.png', 'Screenshot 2023-11-30 at 19.04.25.png', 'proficiency.mp3',
    ]);
    expect(plan.bytes).toBe(1570196 + 567486 + 13750 + 24555);
    expect(plan).toMatchObject({ images: 3, sounds: 1, missing: 0, unused: 0 });
  });

  it('reads them, stores them under the deck, and a second deck naming a missing file gets a warning', async () => {
    const { decks } = ankiPackageToDecks(pkg, 'deck_sheduling_media_new.apkg');
    const extra = { id: 'other', cards: [{ front: '<img src="proficiency.mp3x">', back: '[sound:proficiency.mp3]' }] };
    const media = mediaForPackage(bytes, pkg, [...decks, extra]);
    expect(media.warnings).toEqual(['One image or sound the cards show is not in the package; the cards show its name instead.']);
    expect(media.entries).toHaveLength(5);
    expect(media.bytes).toBe(1570196 + 567486 + 13750 + 24555);
    const db = await openTestDb();
    const report = await storeAnkiMedia(db, media.entries);
    expect(report).toMatchObject({ files: 4, added: 4, names: 5 });
    const deckId = decks[0]!.id;
    const found = await deckMediaFiles(db, deckId, ['1452.webp', 'proficiency.mp3', 'Screenshot 2023-10-24 at 22.01.53.png']);
    expect([...found.values()].map((b) => b.type)).toEqual(['image/webp', 'audio/mpeg', 'image/png']);
    expect(found.get('Screenshot 2023-10-24 at 22.01.53.png')!.size).toBe(567486);
    // The sound both decks use is one file.
    const sound = (await deckMediaFiles(db, 'other', ['proficiency.mp3'])).get('proficiency.mp3')!;
    expect(sound.size).toBe(24555);
    expect(await mediaTables(db).media.count()).toBe(4);
  });

  it('a deck whose cards name no media reads nothing from the package', () => {
    const media = mediaForPackage(new Uint8Array(0), pkg, [{ id: 'plain', cards: [{ front: 'Q', back: 'A' }] }]);
    expect(media).toEqual({ entries: [], bytes: 0, unused: 4, warnings: [] });
  });
});

describe('an Anki import with its media', () => {
  it('writes the decks and their files together, and a card of the package then shows its image by blob: URL', async () => {
    const { decks } = ankiPackageToDecks(pkg, 'deck_sheduling_media_new.apkg');
    const media = mediaForPackage(bytes, pkg, decks);
    const db = await openTestDb();
    const report = await importAnkiDecksWithMedia(db, decks, media.entries, NOON);
    expect(report).toMatchObject({ decks: 1, cardsAdded: 8, media: { files: 4, added: 4, names: 4 } });
    const card = (await db.cards.where('deckId').equals(decks[0]!.id).toArray()).find((c) => c.front.includes('1452.webp'))!;
    const filled = await fillCardMedia((await renderCardSide(card.front)).html, card.deckId, db);
    expect(filled.html.match(/<img src="blob:/g)).toHaveLength(2);
    expect(filled.sounds).toHaveLength(1);
    revokeCardMedia(filled);
  });

  it('media over the limit are refused before anything is written: no deck, no card, no file', async () => {
    const { decks } = ankiPackageToDecks(pkg, 'deck_sheduling_media_new.apkg');
    const media = mediaForPackage(bytes, pkg, decks);
    const db = await openTestDb();
    await expect(importAnkiDecksWithMedia(db, decks, media.entries, NOON, 1_000_000)).rejects.toMatchObject({
      code: 'too-large',
      message: "The package's media take 2.2 MB, more than the 1.0 MB Rehearse keeps for one package, so nothing was imported.",
    });
    expect(await db.decks.count()).toBe(0);
    expect(await db.cards.count()).toBe(0);
    expect(await mediaTables(db).media.count()).toBe(0);
  });

  it('a media write that fails takes the decks back with it', async () => {
    const { decks } = ankiPackageToDecks(pkg, 'deck_sheduling_media_new.apkg');
    const media = mediaForPackage(bytes, pkg, decks);
    const db = await openTestDb();
    const failing = vi.spyOn(mediaTables(db).mediaNames, 'bulkPut').mockRejectedValueOnce(new Error('disk gone'));
    await expect(importAnkiDecksWithMedia(db, decks, media.entries, NOON)).rejects.toThrow(/disk gone/);
    failing.mockRestore();
    expect(await db.decks.count()).toBe(0);
    expect(await db.cards.count()).toBe(0);
    expect(await db.reviews.count()).toBe(0);
    expect(await mediaTables(db).media.count()).toBe(0);
  });
});
