// Media of Anki packages: the files come out whole (zstd inside the zip in the current layout,
// stored as is in the older one), and a media list cannot name a file outside the media folder.
import { decompress } from 'fzstd';
import type { SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAnkiMedia, readAnkiPackage } from '../../../src/core/anki/index.ts';
import { fixtureBytes, fixtureEntries, loadSql, zip } from './ankiFixtures.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSql();
});

const PNG = [0x89, 0x50, 0x4e, 0x47];
const JPEG = [0xff, 0xd8, 0xff];

describe('readAnkiMedia', () => {
  it('decompresses the current layout media, each file its listed size', () => {
    const bytes = fixtureBytes('deck_sheduling_media_new.apkg');
    const pkg = readAnkiPackage(bytes, 'media.apkg', { SQL });
    const media = readAnkiMedia(bytes, pkg.layout, pkg.media);
    expect([...media.keys()]).toEqual(pkg.media.map((m) => m.name));
    for (const file of pkg.media) expect(media.get(file.name)?.length).toBe(file.size);
    const screenshot = media.get('Screenshot 2023-11-30 at 19.04.25.png')!;
    expect([...screenshot.subarray(0, 4)]).toEqual(PNG);
    // The streaming decoder gives the same bytes as fzstd's one-shot decoder, block after block.
    const oneShot = decompress(fixtureEntries('deck_sheduling_media_new.apkg')['0']!);
    expect(Buffer.from(screenshot).equals(Buffer.from(oneShot))).toBe(true);
  });

  it('reads the older layout media as stored', () => {
    const bytes = fixtureBytes('legacy_deck.apkg');
    const pkg = readAnkiPackage(bytes, 'legacy.apkg', { SQL });
    const media = readAnkiMedia(bytes, pkg.layout, pkg.media.filter((m) => m.name === 'download.jpg'));
    expect([...media.keys()]).toEqual(['download.jpg']);
    expect([...media.get('download.jpg')!.subarray(0, 3)]).toEqual(JPEG);
  });

  it('leaves out media whose names would leave the media folder, and says so', () => {
    const entries = fixtureEntries('legacy_deck.apkg');
    const bytes = zip({
      'collection.anki21': entries['collection.anki21']!,
      media: JSON.stringify({ 0: '../../evil.jpg', 1: 'cable-car.mp3' }),
      '0': entries['0']!,
      '1': entries['1']!,
    });
    const pkg = readAnkiPackage(bytes, 'evil.apkg', { SQL });
    expect(pkg.media.map((m) => m.name)).toEqual(['cable-car.mp3']);
    expect(pkg.warnings).toEqual(['1 media file has a name that could point outside the media folder; it was left out.']);
  });
});
