// Importing Anki packages in real Chromium against the production build: an empty package and
// one that is no zip give their one sentence and change nothing; then, with the network gone
// (so SQLite's WebAssembly can only come from the service worker's precache), new_deck.apkg
// through the file chooser: the preview's figures, Import, its answers in IndexedDB, a card of it
// studied, the deck in the deck list, and the same package imported again adding nothing; and a
// package with images, whose images the study screen shows from IndexedDB.
import { expect, test } from 'vitest';
import { ankiPackageToDecks, readAnkiPackage } from '../../src/core/anki/index.ts';
import { answersSentence } from '../../src/ui/import/ankiLib.ts';
import { fixtureBytes, loadSql } from '../core/anki/ankiFixtures.ts';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage, ReviewPage } from './pages/appPages.ts';
import { ImportPage, storeRows, type NoteFile } from './pages/importPage.ts';
import { waitForServiceWorkerControl } from './pwa.ts';
import { tapGrade, tapShowAnswer } from './studyHelpers.ts';

const app = useAppInBrowser();
const BUNDLED_DECK = 'ML interview prep notes';

function ankiFile(name: string): NoteFile {
  return { name, mimeType: 'application/octet-stream', buffer: Buffer.from(fixtureBytes(name)) };
}

/** Row counts of the stores an import writes. */
async function storeCounts(page: ImportPage['page']): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const store of ['decks', 'cards', 'cardStates', 'reviews']) counts[store] = (await storeRows(page, store)).length;
  return counts;
}

test('an empty package and one that is not a zip give one sentence each, and nothing is written', async () => {
  const { page } = app.browser;
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck(BUNDLED_DECK);
  const before = await storeCounts(page);
  const importer = new ImportPage(page);
  await importer.open();
  await importer.choose([ankiFile('broken_deck.apkg')]);
  expect(await importer.errorFor('broken_deck.apkg')).toBe('broken_deck.apkg is empty. Nothing was added.');
  await importer.choose([{ name: 'notes.colpkg', mimeType: 'application/octet-stream', buffer: Buffer.from('## Not an Anki package\n') }]);
  expect(await importer.errorFor('notes.colpkg')).toBe('notes.colpkg is not a zip file: it may be damaged or not an Anki package. Nothing was added.');
  expect(await storeCounts(page)).toEqual(before);
});

test('offline: new_deck.apkg previewed, imported with its answers, studied, and imported again adding nothing', async () => {
  const { page, context } = app.browser;
  await page.goto(app.server.url);
  const decks = new DeckListPage(page);
  await decks.waitForDeck(BUNDLED_DECK);
  await waitForServiceWorkerControl(page);

  // No network from here on: the import worker, the Anki reader and SQLite's WebAssembly must
  // all come from the service worker.
  await context.setOffline(true);
  await app.server.close();
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText ?? ''}`));

  // What the core reads from the package, for the figures the preview must show.
  const pkg = readAnkiPackage(fixtureBytes('new_deck.apkg'), 'new_deck.apkg', { SQL: await loadSql() });
  const [deck] = ankiPackageToDecks(pkg, 'new_deck.apkg').decks;
  const answers = deck!.cards.reduce((sum, card) => sum + card.reviews.length, 0);
  const firstAnswerAt = Math.min(...deck!.cards.flatMap((card) => card.reviews.map((r) => r.reviewedAt)));
  expect([deck!.title, deck!.cards.length, answers]).toEqual(['Test deck', 6, 23]);

  const before = await storeCounts(page);
  const importer = new ImportPage(page);
  await importer.open();
  await importer.choose([ankiFile('new_deck.apkg')]);
  const preview = importer.page.locator('.anki-preview').filter({ has: page.getByRole('heading', { name: 'new_deck.apkg', exact: true }) });
  await preview.waitFor({ timeout: 30_000 });
  const row = preview.locator(`[data-anki-deck="${deck!.id}"]`);
  expect(await row.locator('.anki-deck-title').textContent()).toBe('Test deck');
  expect(await row.locator('.anki-deck-counts').textContent()).toBe('6 cards6 review');
  expect(await preview.getByTestId('anki-answers').textContent()).toBe(answersSentence({ answers, firstAnswerAt, decks: [] }));
  expect(await preview.getByTestId('anki-answers').textContent()).toBe('23 answers since April 2023');
  expect(await preview.getByTestId('anki-media').textContent()).toBe('1 image and 1 sound, 15.0 KB');
  // This package was studied with SM-2: Anki kept no FSRS state to compare the replay with.
  expect(await preview.getByTestId('anki-agreement').textContent()).toBe('Anki kept no FSRS state for these cards: Rehearse works it out from their answers');
  expect(await preview.getByTestId('anki-plan').textContent()).toBe('Creates “Test deck”.');
  // Nothing is written before Import is pressed.
  expect(await storeCounts(page)).toEqual(before);

  const done = page.locator('.import-item.done').getByRole('status');
  await preview.getByRole('button', { name: 'Import 1 deck' }).click();
  await done.waitFor();
  expect(await done.textContent()).toBe('Imported “Test deck”: 6 cards and 23 answers.');

  const reviews = await storeRows<{ cardId: string; reviewedAt: number }>(page, 'reviews');
  const ids = new Set(deck!.cards.map((card) => card.id));
  expect(reviews.filter((r) => ids.has(r.cardId)).length).toBe(23);
  expect(reviews.length).toBe(before.reviews! + 23);
  expect((await storeRows<{ id: string }>(page, 'decks')).map((d) => d.id)).toContain(deck!.id);

  // Study a card of it.
  await page.getByRole('link', { name: 'Study now' }).click();
  const review = new ReviewPage(page);
  await tapShowAnswer(review);
  const studied = await tapGrade(review, 'Good');
  expect(ids.has(studied)).toBe(true);
  await expect.poll(async () => (await storeRows(page, 'reviews')).length).toBe(before.reviews! + 24);
  const stateAfterStudy = (await storeRows<{ cardId: string }>(page, 'cardStates')).find((s) => s.cardId === studied);

  // The deck list shows it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decks' }).click();
  await decks.waitForDeck('Test deck');

  // Importing the same package again adds nothing, and keeps what was studied here.
  const afterFirst = await storeCounts(page);
  await importer.open();
  await importer.choose([ankiFile('new_deck.apkg')]);
  await preview.waitFor({ timeout: 30_000 });
  expect(await preview.getByTestId('anki-plan').textContent()).toBe('Updates “Test deck”.');
  await preview.getByRole('button', { name: 'Import 1 deck' }).click();
  await done.waitFor();
  expect(await done.textContent()).toBe('Imported “Test deck”: No changes (its 6 cards and 23 answers were there already).');
  expect(await storeCounts(page)).toEqual(afterFirst);
  expect((await storeRows<{ cardId: string }>(page, 'cardStates')).find((s) => s.cardId === studied)).toEqual(stateAfterStudy);

  expect(failed).toEqual([]);
});

test('offline still: the images of deck_sheduling_media_new.apkg show on the study screen', async () => {
  const { page } = app.browser;
  // The network is still off (the test above): the app comes from the service worker.
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck(BUNDLED_DECK);
  const importer = new ImportPage(page);
  await importer.open();
  // new_deck.apkg's image and sound are stored already.
  const mediaBefore = (await storeRows(page, 'media')).length;
  expect(mediaBefore).toBe(2);
  await importer.choose([ankiFile('deck_sheduling_media_new.apkg')]);
  const preview = page.locator('.anki-preview').filter({ has: page.getByRole('heading', { name: 'deck_sheduling_media_new.apkg', exact: true }) });
  await preview.waitFor({ timeout: 30_000 });
  expect(await preview.getByTestId('anki-media').textContent()).toBe('3 images and 1 sound, 2.2 MB');
  expect(await preview.getByTestId('anki-answers').textContent()).toBe('No answers: every card starts new');
  await preview.getByRole('button', { name: 'Import 1 deck' }).click();
  const done = page.locator('.import-item.done').getByRole('status');
  await done.waitFor();
  expect(await done.textContent()).toBe('Imported “new_test_deck”: 8 cards, all new.');
  expect((await storeRows(page, 'media')).length).toBe(mediaBefore + 4);

  // New cards come in the deck's order: the second asks with two images.
  await page.getByRole('link', { name: 'Study now' }).click();
  const review = new ReviewPage(page);
  await tapShowAnswer(review);
  await tapGrade(review, 'Good');
  const front = page.locator('.card-front');
  await expect.poll(() => front.locator('img').count(), { timeout: 15_000 }).toBe(2);
  const images = await front.locator('img').evaluateAll((list) =>
    Promise.all(
      (list as HTMLImageElement[]).map(async (img) => {
        await img.decode();
        return { blob: img.src.startsWith('blob:'), width: img.naturalWidth };
      }),
    ),
  );
  expect(images.every((img) => img.blob && img.width > 0)).toBe(true);
});

