// Exporting a deck to Anki in real Chromium against the production build: an Anki package with
// images is imported, one of its cards studied, and the deck exported from Settings. The
// downloaded .apkg is read in Node as Anki reads it: its media are the files the deck's cards
// name, byte for byte (from IndexedDB, through the lazy export chunk); its collection starts at
// the study day's start in the browser's zone, with the day start as `rollover`; the card studied
// has its answer in the revlog and its FSRS state in `cards.data`.
import { unzipSync } from 'fflate';
import { expect, test } from 'vitest';
import { readAnkiMedia, readAnkiPackage } from '../../src/core/anki/index.ts';
import { fixtureBytes, loadSql } from '../core/anki/ankiFixtures.ts';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage, ReviewPage } from './pages/appPages.ts';
import { ImportPage } from './pages/importPage.ts';
import { tapGrade, tapShowAnswer } from './studyHelpers.ts';

const app = useAppInBrowser();
const PACKAGE = 'deck_sheduling_media_new.apkg';

async function streamBytes(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return new Uint8Array(Buffer.concat(chunks));
}

test('a deck imported from Anki, studied, and exported again: its media, day and answer are in the package', async () => {
  const { page } = app.browser;
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck('All decks');

  const importer = new ImportPage(page);
  await importer.open();
  await importer.choose([{ name: PACKAGE, mimeType: 'application/octet-stream', buffer: Buffer.from(fixtureBytes(PACKAGE)) }]);
  const preview = page.locator('.anki-preview').filter({ has: page.getByRole('heading', { name: PACKAGE, exact: true }) });
  await preview.waitFor({ timeout: 30_000 });
  await preview.getByRole('button', { name: 'Import 1 deck' }).click();
  await page.locator('.import-item.done').getByRole('status').waitFor();

  await page.getByRole('link', { name: 'Study now' }).click();
  const review = new ReviewPage(page);
  await tapShowAnswer(review);
  const studied = await tapGrade(review, 'Good');
  const answeredAt = Date.now();

  await page.goto(`${app.server.url}#/settings`);
  const exporter = page.locator('.anki-export');
  await exporter.getByLabel('Deck').selectOption({ label: 'new_test_deck' });
  const [download] = await Promise.all([page.waitForEvent('download'), exporter.getByRole('button', { name: 'Download .apkg' }).click()]);
  expect(download.suggestedFilename()).toBe('new_test_deck.apkg');
  const bytes = await streamBytes(await download.createReadStream());

  // The media: each file the cards name, with the bytes the Anki package had.
  const SQL = await loadSql();
  const original = readAnkiPackage(fixtureBytes(PACKAGE), PACKAGE, { SQL });
  const originalFiles = readAnkiMedia(fixtureBytes(PACKAGE), original.layout, original.media);
  const files = unzipSync(bytes);
  const list = JSON.parse(new TextDecoder().decode(files.media)) as Record<string, string>;
  const exported = new Map(Object.entries(list).map(([index, name]) => [name, files[index]!]));
  expect(exported.size).toBeGreaterThan(0);
  for (const [name, file] of exported) expect(file).toEqual(originalFiles.get(name));
  const col = new SQL.Database(files['collection.anki2']!);
  const fields = (col.exec('SELECT flds FROM notes')[0]?.values ?? []).map(([flds]) => flds as string).join('\n');
  for (const name of exported.keys()) expect(fields).toContain(name);

  // The day: crt is the start of today's study day (4:00) in the browser's zone.
  const [[crt, conf]] = col.exec('SELECT crt, conf FROM col')[0]!.values as [[number, string]];
  const { dayStart, minutesWest } = await page.evaluate((at) => {
    const local = new Date(at);
    if (local.getHours() < 4) local.setDate(local.getDate() - 1);
    local.setHours(4, 0, 0, 0);
    return { dayStart: local.getTime(), minutesWest: local.getTimezoneOffset() };
  }, answeredAt);
  expect(crt * 1000).toBe(dayStart);
  expect(JSON.parse(conf)).toMatchObject({ schedVer: 2, rollover: 4, creationOffset: minutesWest });

  // The answer given here, and the card's FSRS state.
  const pkg = readAnkiPackage(bytes, 'new_test_deck.apkg', { SQL });
  expect(pkg.revlog.map((r) => r.ease)).toEqual([3]);
  const card = pkg.cards.find((c) => c.id === pkg.revlog[0]!.cardId)!;
  expect(card.fsrs).toMatchObject({ stability: expect.any(Number), difficulty: expect.any(Number), desiredRetention: 0.9 });
  expect(card.reps).toBe(1);
  expect(studied).toBeTruthy();
});
