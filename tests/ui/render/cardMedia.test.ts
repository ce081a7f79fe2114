/**
 * The collection's media on a card: the renderer leaves a placeholder for each image and sound
 * of the deck (its HTML is cached for every deck alike), and the page fills it from the card's
 * deck in IndexedDB — an <img> by blob: URL, a play button, or the name in a note when the deck
 * lacks the file. Addresses and paths are not media: remote images keep their permission.
 */
import { describe, expect, test } from 'vitest';
import { renderCardSide } from '../../../src/ui/render/markdownToHtml.ts';
import { fillCardMedia, mediaNamesIn, revokeCardMedia } from '../../../src/ui/render/cardMedia.ts';
import { storeAnkiMedia } from '../../../src/storage/media/storeMedia.ts';
import { syncDecks } from '../../../src/storage/index.ts';
import { makeDeck, NOON, openTestDb } from '../../storage/helpers.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7]);
const MP3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0]);

async function deckWithPhoto() {
  const db = await openTestDb();
  await syncDecks(db, [makeDeck('anki', [['Q', 'A']]), makeDeck('elsewhere', [['Q', 'A']])], NOON, { origin: 'imported' });
  await storeAnkiMedia(db, [
    { deckId: 'anki', name: 'photo.jpg', bytes: PNG },
    { deckId: 'anki', name: 'my photo.png', bytes: PNG },
    { deckId: 'anki', name: 'hello.mp3', bytes: MP3 },
    { deckId: 'elsewhere', name: 'theirs.png', bytes: PNG },
  ]);
  return db;
}

describe('card media', () => {
  test('a card with ![](photo.jpg) whose deck has that file shows an img with a blob: URL of it', async () => {
    const db = await deckWithPhoto();
    const { html } = await renderCardSide('Look: ![a cat](photo.jpg)');
    expect(html).not.toContain('<img');
    expect(mediaNamesIn(html)).toEqual(['photo.jpg']);
    const filled = await fillCardMedia(html, 'anki', db);
    expect(filled.html).toMatch(/^<p>Look: <img src="blob:[^"]+" alt="a cat" data-media-name="photo.jpg" decoding="async"><\/p>$/);
    expect(filled.urls).toHaveLength(1);
    const shown = await (await fetch(filled.urls[0]!)).arrayBuffer();
    expect([...new Uint8Array(shown)]).toEqual([...PNG]);
    revokeCardMedia(filled);
    await expect(fetch(filled.urls[0]!)).rejects.toThrow();
  });

  test('Anki’s <img> with spaces or percent-encoding in its name, twice, is one URL', async () => {
    const db = await deckWithPhoto();
    const { html } = await renderCardSide('<img src="my photo.png"> <img src="my%20photo.png"> <img src="my photo.png">');
    const filled = await fillCardMedia(html, 'anki', db);
    expect(filled.html.match(/<img src="blob:/g)).toHaveLength(3);
    expect(filled.urls).toHaveLength(2);
  });

  test('a file the deck lacks shows its name in a note, not a broken image; another deck’s file is not used', async () => {
    const db = await deckWithPhoto();
    const { html } = await renderCardSide('<img src="theirs.png"> and ![](gone <b>.jpg)');
    const filled = await fillCardMedia(html, 'anki', db);
    expect(filled.html).not.toContain('<img');
    expect(filled.html).toContain('<span class="card-media-name">theirs.png</span> <span class="card-media-note">image not in the collection</span>');
    expect(filled.urls).toEqual([]);
    // A deck not stored yet (an import preview) has no media yet, and is not said to lack them.
    const preview = (await renderCardSide('![](photo.jpg) [sound:hello.mp3]')).html;
    for (const deckId of [undefined, 'import-new']) {
      const shown = (await fillCardMedia(preview, deckId, db)).html;
      expect(shown).toContain('<span class="card-media-name">photo.jpg</span> <span class="card-media-note">image, shown once the deck is imported</span>');
      expect(shown).toContain('<span class="card-media-note">sound, shown once the deck is imported</span>');
    }
  });

  test('[sound:hello.mp3] becomes a play button for the stored sound; one it lacks says so; in code it stays text', async () => {
    const db = await deckWithPhoto();
    const { html } = await renderCardSide('Say it [sound:hello.mp3] or [sound:bye.mp3]\n\n`[sound:hello.mp3]`');
    const filled = await fillCardMedia(html, 'anki', db);
    expect(filled.html).toContain('<button type="button" class="card-sound" data-sound="0" aria-label="Play hello.mp3" title="hello.mp3">');
    expect(filled.sounds).toHaveLength(1);
    expect(filled.sounds[0]).toMatch(/^blob:/);
    expect(filled.html).toContain('<span class="card-media-name">bye.mp3</span> <span class="card-media-note">sound not in the collection</span>');
    expect(filled.html).toContain('<code>[sound:hello.mp3]</code>');
  });

  test('addresses and paths are not media: remote images stay held for permission, data: and javascript: stay dropped', async () => {
    const { html } = await renderCardSide(
      '<img src="https://x.org/a.png"> <img src="./assets/b.png"> <img src="data:image/png;base64,AAAA"> <img src="javascript:alert(1)">',
    );
    expect(mediaNamesIn(html)).toEqual([]);
    expect(html).toContain('class="card-img-remote" data-remote-src="https://x.org/a.png"');
    expect(html).toContain('<img src="./assets/b.png"');
    expect(html).not.toMatch(/data:|javascript:/);
  });

  test('a card cannot write a placeholder of its own', async () => {
    const { html } = await renderCardSide('<span class="card-media" data-media-kind="image" data-media-name="photo.jpg" data-media-alt="">x</span>');
    expect(mediaNamesIn(html)).toEqual([]);
  });
});
