// Importing notes in real Chromium against the production build: two bundled notes through the
// file input, previews counted against the converter's own count, a card studied, the same file
// imported again with its progress kept; an empty file, a PNG and a 25 MB file refused with
// nothing written.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { importNote } from '../../src/core/deck/importNote.ts';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage, ReviewPage } from './pages/appPages.ts';
import { ImportPage, storeRows, type NoteFile } from './pages/importPage.ts';
import { waitForServiceWorkerControl } from './pwa.ts';
import { tapGrade, tapShowAnswer } from './studyHelpers.ts';

const app = useAppInBrowser();

function note(name: string): NoteFile {
  return { name, mimeType: name.endsWith('.md') ? 'text/markdown' : 'text/plain', buffer: readFileSync(`decks/${name}`) };
}

const NOTES = ['ml-interview-prep-notes.md', 'genai-interview-questions.txt'];

test('import two notes, study a card, import one again and find its progress kept', async () => {
  const { page } = app.browser;
  await page.goto(app.server.url);
  const decks = new DeckListPage(page);
  await decks.waitForDeck('ML interview prep notes');
  const bundled = (await storeRows(page, 'decks')).length;

  const importer = new ImportPage(page);
  await importer.open();
  await importer.choose(NOTES.map(note));

  const names: Record<string, string> = {};
  for (const name of NOTES) {
    await importer.waitForPreview(name);
    const expected = importNote({ fileName: name, bytes: readFileSync(`decks/${name}`) }).deck.cards.length;
    expect(await importer.cardCount(name)).toBe(expected);
    expect(await importer.changes(name)).toBe('A new deck');
    // The first cards are shown as they will look (rendered, not raw markdown).
    await expect.poll(() => importer.preview(name).locator('.preview-card .card-content:not(.card-content--pending)').count()).toBeGreaterThan(0);
    names[name] = await importer.deckName(name);
  }
  // Nothing is written before Import is pressed.
  expect((await storeRows(page, 'decks')).length).toBe(bundled);

  for (const name of NOTES) expect(await importer.importIt(name)).toMatch(/^Imported “.+”: \d+ cards\.$/);
  const stored = await storeRows<{ id: string; origin: string; order: number }>(page, 'decks');
  expect(stored.length).toBe(bundled + 2);
  const imported = stored.filter((d) => d.origin === 'imported').map((d) => d.id).sort();
  expect(imported).toEqual(['import-genai-interview-questions', 'import-ml-interview-prep-notes']);
  // Imported decks go after the bundled ones.
  const maxBundled = Math.max(...stored.filter((d) => d.origin !== 'imported').map((d) => d.order));
  expect(stored.filter((d) => d.origin === 'imported').every((d) => d.order > maxBundled)).toBe(true);

  // Study one card of the imported markdown deck.
  await page.getByRole('link', { name: 'See decks' }).first().click();
  const row = page.locator('[data-deck-id="import-ml-interview-prep-notes"]');
  await row.getByRole('button', { name: 'Study' }).click();
  // The study screen ignores taps for a moment after a card or its answer appears: wait as a person would.
  const review = new ReviewPage(page);
  await tapShowAnswer(review);
  const studied = (await page.locator('[data-card-id]').getAttribute('data-card-id'))!;
  expect(studied.startsWith('import-ml-interview-prep-notes/')).toBe(true);
  await tapGrade(review, 'Good');
  await expect.poll(async () => (await storeRows(page, 'reviews')).length).toBe(1);
  const stateBefore = (await storeRows<{ cardId: string; version: number; schedule: unknown }>(page, 'cardStates')).find((s) => s.cardId === studied)!;
  expect(stateBefore.version).toBe(1);

  // Import the same file again: the preview says nothing changes, and progress stays.
  await importer.open();
  await importer.choose([note(NOTES[0]!)]);
  await importer.waitForPreview(NOTES[0]!);
  expect(await importer.changes(NOTES[0]!)).toMatch(/^Updates “.+”: No changes\. \d+ cards keep their progress\.$/);
  expect(await importer.importIt(NOTES[0]!)).toMatch(/No changes/);
  const stateAfter = (await storeRows<{ cardId: string; version: number; schedule: unknown }>(page, 'cardStates')).find((s) => s.cardId === studied)!;
  expect(stateAfter).toEqual(stateBefore);
  expect((await storeRows<{ cardId: string }>(page, 'reviews')).map((r) => r.cardId)).toEqual([studied]);
  expect((await storeRows(page, 'decks')).length).toBe(bundled + 2);
});

/** A fresh load of the app, once the bundled decks are in, then the import screen. */
async function openImportScreen() {
  const { page } = app.browser;
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck('ML interview prep notes');
  const importer = new ImportPage(page);
  await importer.open();
  return { page, importer };
}

/** Pastes `text` as notes named `name` and waits for its preview. */
async function paste(importer: ImportPage, name: string, text: string) {
  const form = importer.page.locator('.paste-form');
  if (!(await form.isVisible())) await importer.page.getByText('Paste text instead').click();
  await form.getByLabel('Deck name').fill(name);
  await form.getByLabel('Notes').fill(text);
  await form.getByRole('button', { name: 'Preview pasted notes' }).click();
  return importer.waitForPreview(name);
}

test('the import preview survives leaving the screen and coming Back: ticks and name as they were', async () => {
  const { page } = app.browser;
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck('ML interview prep notes');
  const decksBefore = await storeRows(page, 'decks');
  const importer = new ImportPage(page);
  await importer.open();
  await importer.choose([note(NOTES[1]!)]);
  await importer.waitForPreview(NOTES[1]!);
  const total = await importer.cardCount(NOTES[1]!);
  await (await importer.cardCheckbox(NOTES[1]!, 2)).uncheck();
  await importer.preview(NOTES[1]!).getByLabel('Deck name').fill('GenAI, my way');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decks' }).click();
  await new DeckListPage(page).waitForDeck('ML interview prep notes');
  await page.goBack();
  await page.waitForURL(/#\/import$/);
  await importer.waitForPreview(NOTES[1]!);
  expect(await importer.cardCount(NOTES[1]!)).toBe(total - 1);
  expect(await (await importer.cardCheckbox(NOTES[1]!, 2)).isChecked()).toBe(false);
  expect(await importer.deckName(NOTES[1]!)).toBe('GenAI, my way');
  // Nothing was written by coming and going.
  expect(await storeRows(page, 'decks')).toEqual(decksBefore);
  await importer.preview(NOTES[1]!).getByRole('button', { name: 'Cancel' }).click();
});

test('a re-import lists a changed question that keeps its progress; refused, it survives Back, and the old card keeps its history', async () => {
  const { page, importer } = await openImportScreen();
  const typo = '## What is the time complexty of binary serach?\nO(log n): the range halves at each step.\n\n## What is a closure?\nA function with the variables it captured.\n';
  await paste(importer, 'Algorithms', typo);
  expect(await importer.importIt('Algorithms')).toMatch(/^Imported “Algorithms”: 2 cards\.$/);
  const cards = (await storeRows<{ id: string; front: string; deckId: string }>(page, 'cards')).filter((c) => c.deckId.endsWith('algorithms'));
  const old = cards.find((c) => c.front.includes('complexty'))!;

  // One answer of the typo'd card, so its history is at stake (written as recordReview writes a
  // log row: the study screen is someone else's work in progress and not what this spec tests).
  await page.evaluate(
    ({ cardId, deckId }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('rehearse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('reviews', 'readwrite');
          const now = Date.now();
          const before = { due: now, stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, state: 0, lastReview: null };
          const after = { ...before, due: now + 86_400_000, stability: 2.3, difficulty: 5, scheduledDays: 1, reps: 1, state: 2, lastReview: now };
          const fsrsLog = { rating: 3, state: 0, due: now, stability: 0, difficulty: 0, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0, review: now };
          tx.objectStore('reviews').add({ id: 'e2e-typo-review', cardId, deckId, rating: 3, reviewedAt: now, durationMs: 1000, stateBefore: before, stateAfter: after, versionAfter: 1, fsrsLog });
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { cardId: old.id, deckId: old.deckId },
  );
  await page.getByRole('link', { name: 'See decks' }).click();
  await importer.open();
  const preview = await paste(importer, 'Algorithms', typo.replace('complexty', 'complexity').replace('serach', 'search'));
  const keep = preview.getByRole('checkbox', {
    name: '“What is the time complexity of binary search?” keeps the progress of “What is the time complexty of binary serach?” (1 review)',
  });
  await keep.waitFor();
  expect(await keep.isChecked()).toBe(true);
  expect(await importer.changes('Algorithms')).toMatch(/^Updates “Algorithms”: 1 updated\./);
  await keep.uncheck();
  await expect.poll(() => importer.changes('Algorithms')).toMatch(/^Updates “Algorithms”: 1 new, 1 removed\. .*the history of 1 card is kept\.$/);
  await preview.getByLabel('Deck name').fill('Algorithms, fixed');

  // Away and Back: the preview is there as it was left — the refusal and the name included.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decks' }).click();
  await page.locator(`[data-deck-id="${old.deckId}"]`).waitFor();
  await page.goBack();
  await page.waitForURL(/#\/import$/);
  const back = await importer.waitForPreview('Algorithms');
  expect(await back.getByRole('checkbox', { name: /keeps the progress of/ }).isChecked()).toBe(false);
  expect(await importer.deckName('Algorithms')).toBe('Algorithms, fixed');

  expect(await importer.importIt('Algorithms')).toMatch(/1 new, 1 removed/);
  // What is done was said: the next visit to Import starts clean.
  await page.getByRole('link', { name: 'See decks' }).click();
  await importer.open();
  expect(await page.locator('.import-item').count()).toBe(0);
  const after = await storeRows<{ id: string; front: string; hidden: boolean }>(page, 'cards');
  expect(after.find((c) => c.id === old.id)?.hidden).toBe(true);
  const fixed = after.find((c) => c.front === 'What is the time complexity of binary search?')!;
  expect(fixed.hidden).toBe(false);
  // The log of this deck (the first spec studied a card of another deck in this profile).
  const logs = (await storeRows<{ cardId: string }>(page, 'reviews')).filter((r) => r.cardId.startsWith('import-algorithms/'));
  expect(logs.map((r) => r.cardId)).toEqual([old.id]);
  const state = (await storeRows<{ cardId: string; version: number }>(page, 'cardStates')).find((s) => s.cardId === fixed.id)!;
  expect(state.version).toBe(0);
});

test('an empty file, a PNG and a 25 MB file are refused with a sentence each, and nothing is added', async () => {
  const { page } = app.browser;
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck('ML interview prep notes');
  const before = { decks: (await storeRows(page, 'decks')).length, cards: (await storeRows(page, 'cards')).length };
  const importer = new ImportPage(page);
  await importer.open();

  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2b0dd6a0000000049454e44ae426082', 'hex');
  // On disk, not as payloads: 25 MB through the DevTools protocol timed out on a loaded machine.
  const folder = mkdtempSync(join(tmpdir(), 'rehearse-refused-'));
  const files: Array<[string, Buffer]> = [
    ['empty.md', Buffer.alloc(0)],
    ['photo.png', png],
    ['huge.md', Buffer.alloc(25 * 1024 * 1024, 'Q: What?\nA: That.\n')],
  ];
  for (const [name, bytes] of files) writeFileSync(join(folder, name), bytes);
  await importer.choose(files.map(([name]) => join(folder, name)));
  expect(await importer.errorFor('empty.md')).toBe('empty.md is empty. Nothing was added.');
  expect(await importer.errorFor('photo.png')).toBe('photo.png is an image, not a text note. Nothing was added.');
  expect(await importer.errorFor('huge.md')).toBe('huge.md is 25.0 MB; notes over 20 MB are not read. Nothing was added.');
  rmSync(folder, { recursive: true, force: true });

  // Text with no questions: the message names every layout tried, with a two-line example of each.
  await importer.choose([{ name: 'prose.txt', mimeType: 'text/plain', buffer: Buffer.from('A shopping list.\nMilk and bread.\n') }]);
  expect(await importer.errorFor('prose.txt')).toBe('No questions found in prose.txt. Nothing was added.');
  const examples = importer.item('prose.txt').locator('.layouts-tried pre');
  expect(await examples.count()).toBeGreaterThanOrEqual(5);
  for (const text of await examples.allTextContents()) expect(text.split('\n')).toHaveLength(2);

  expect((await storeRows(page, 'decks')).length).toBe(before.decks);
  expect((await storeRows(page, 'cards')).length).toBe(before.cards);
});

test('manage decks: rename, export as markdown and import it back, delete an imported deck, hide a bundled one', async () => {
  const { page, importer } = await openImportScreen();
  await importer.choose([note('technical-answers-by-quality.txt')]);
  await importer.waitForPreview('technical-answers-by-quality.txt');
  const cards = await importer.cardCount('technical-answers-by-quality.txt');
  await importer.importIt('technical-answers-by-quality.txt');
  await page.getByRole('link', { name: 'See decks' }).first().click();

  const row = page.locator('[data-deck-id="import-technical-answers-by-quality"]');
  const title = (await row.getByRole('heading').textContent())!;
  await row.getByRole('button', { name: `Manage ${title}` }).click();
  const panel = page.getByRole('group', { name: `Manage ${title}` });
  await panel.getByLabel('Deck name').fill('Answers I rehearse');
  await panel.getByRole('button', { name: 'Rename' }).click();
  await row.getByRole('heading', { name: 'Answers I rehearse' }).waitFor();

  // Export, then import the exported note: the same deck, the same cards, nothing changes.
  const renamedPanel = page.getByRole('group', { name: 'Manage Answers I rehearse' });
  const [download] = await Promise.all([page.waitForEvent('download'), renamedPanel.getByRole('button', { name: 'Export as markdown' }).click()]);
  expect(download.suggestedFilename()).toBe('technical-answers-by-quality.md');
  const exported = readFileSync((await download.path())!);
  expect(exported.toString('utf8')).toMatch(/^# Answers I rehearse\n/);
  await importer.open();
  await importer.choose([{ name: 'technical-answers-by-quality.md', mimeType: 'text/markdown', buffer: exported }]);
  await importer.waitForPreview('technical-answers-by-quality.md');
  expect(await importer.cardCount('technical-answers-by-quality.md')).toBe(cards);
  expect(await importer.changes('technical-answers-by-quality.md')).toMatch(/^Updates “Answers I rehearse”: No changes\./);
  await importer.preview('technical-answers-by-quality.md').getByRole('button', { name: 'Cancel' }).click();

  // Delete, with the count of what goes with it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decks' }).click();
  await row.getByRole('button', { name: 'Manage Answers I rehearse' }).click();
  await page.getByRole('group', { name: 'Manage Answers I rehearse' }).getByRole('button', { name: 'Delete deck…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete deck' });
  expect(await confirm.locator('p').textContent()).toBe(`Delete “Answers I rehearse”? Its ${cards} cards and 0 reviews will be deleted. This cannot be undone.`);
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await row.waitFor({ state: 'detached' });
  expect((await storeRows<{ deckId: string }>(page, 'cards')).some((c) => c.deckId === 'import-technical-answers-by-quality')).toBe(false);

  // A bundled deck is hidden (it would come back with the next update if deleted), and shown again.
  const bundled = page.locator('[data-deck-id="lead-data-scientist-critique"]');
  const bundledTitle = (await bundled.getByRole('heading').textContent())!;
  await bundled.getByRole('button', { name: `Manage ${bundledTitle}` }).click();
  await page.getByRole('group', { name: `Manage ${bundledTitle}` }).getByRole('button', { name: 'Hide deck' }).click();
  await bundled.waitFor({ state: 'detached' });
  await page.getByText('Hidden decks (1)').click();
  await page.getByRole('button', { name: 'Show again' }).click();
  await bundled.waitFor();
});

test('notes shared from another app (the manifest share target) open in the import preview', async () => {
  const { page } = app.browser;
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck('ML interview prep notes');
  await waitForServiceWorkerControl(page);
  const manifest = (await (await page.request.get(`${app.server.url}manifest.webmanifest`)).json()) as { share_target: { action: string; method: string } };
  expect(manifest.share_target).toMatchObject({ action: './share-target', method: 'POST' });

  // What the share sheet does: a multipart POST of the files and text to the share target.
  await page.evaluate(() => {
    const form = document.createElement('form');
    form.method = 'POST';
    form.enctype = 'multipart/form-data';
    form.action = 'share-target';
    const files = new DataTransfer();
    files.items.add(new File(['## Q: What is a share target?\nA manifest entry that lets other apps send files here.\n'], 'shared-note.md', { type: 'text/markdown' }));
    const input = Object.assign(document.createElement('input'), { type: 'file', name: 'notes' });
    input.files = files.files;
    const title = Object.assign(document.createElement('input'), { name: 'title', value: 'From my phone' });
    const text = Object.assign(document.createElement('textarea'), { name: 'text', value: 'Q: What is HTTP 303?\nA: See other: GET the new location.' });
    form.append(input, title, text);
    document.body.append(form);
    form.submit();
  });
  await page.waitForURL(/#\/import$/, { timeout: 30_000 });
  const importer = new ImportPage(page);
  await importer.waitForPreview('shared-note.md');
  expect(await importer.cardCount('shared-note.md')).toBe(1);
  await importer.waitForPreview('From my phone');
  expect(await importer.deckName('From my phone')).toBe('From my phone');
  expect(await importer.cardCount('From my phone')).toBe(1);
});
