// The import preview's cut controls in real Chromium against the production build: a note where
// auto finds no cards opens a preview whose "Cut cards at" choices import the cards, and
// unticked cards are not written; choosing a cut re-cuts at once, and the choice and the
// unticked cards are remembered for the next import of the same file (and of shared text of the
// same name); a warning jumps to its card; 10,000 cards are listed with only a window rendered.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { importDeckId, importNote } from '../../src/core/deck/importNote.ts';
import { groupWarnings } from '../../src/ui/import/lib.ts';
import { noteWhereAutoFindsNothing } from '../fixtures/import/autoFindsNothing.ts';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage } from './pages/appPages.ts';
import { ImportPage, storeRows, type NoteFile } from './pages/importPage.ts';

const app = useAppInBrowser();

interface DeckRow {
  id: string;
  cardCount: number;
  importCut?: string;
  excludedCardIds?: string[];
}
interface CardRow {
  id: string;
  deckId: string;
  hidden: boolean;
}

const cardsOf = async (deckId: string) => (await storeRows<CardRow>(app.browser.page, 'cards')).filter((c) => c.deckId === deckId);
const deckRow = async (deckId: string) => (await storeRows<DeckRow>(app.browser.page, 'decks')).find((d) => d.id === deckId);

async function openImport(): Promise<ImportPage> {
  const { page } = app.browser;
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck('ML interview prep notes');
  const importer = new ImportPage(page);
  await importer.open();
  return importer;
}

test('a note where auto finds no cards opens a preview whose "Cut cards at" choices import the cards; unticked cards are not written, nor on re-import', async () => {
  const note = noteWhereAutoFindsNothing();
  const file: NoteFile = { name: note.name, mimeType: 'text/plain', buffer: note.bytes };
  const deckId = importDeckId(note.name);
  const importer = await openImport();
  await importer.choose([file]);
  const preview = await importer.waitForPreview(note.name);

  // Not an error: a preview that says so plainly and offers where to cut.
  expect(await importer.cutNotice(note.name).textContent()).toMatch(/^No cards were found automatically\. Choose where to cut this note into cards under “Cut cards at”/);
  expect(await importer.cardCount(note.name)).toBe(0);
  expect(await preview.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
  const choices = await importer.cutChoices(note.name);
  expect(choices[0]).toMatchObject({ id: 'auto', text: expect.stringMatching(/^Auto \(.+\) — no cards$/) });
  for (const choice of note.finding) {
    expect(choices).toContainEqual({ id: choice.id, text: `${choice.label} — ${choice.cards} ${choice.cards === 1 ? 'card' : 'cards'}` });
  }

  const pick = note.finding[0]!;
  await importer.chooseCut(note.name, pick.id);
  expect(await importer.cardCount(note.name)).toBe(pick.cards);
  expect(await importer.cutNotice(note.name).count()).toBe(0);
  const expected = importNote({ fileName: note.name, bytes: note.bytes }, { cutAt: pick.id }).deck.cards;
  expect(expected.length).toBe(pick.cards);
  expect(await preview.locator('.card-row').first().getAttribute('data-card-id')).toBe(expected[0]!.id);

  // Untick the second card: it is not imported.
  const unticked = expected[1]!;
  await (await importer.cardCheckbox(note.name, 2)).uncheck();
  expect(await importer.cardCount(note.name)).toBe(pick.cards - 1);
  expect(await preview.getByTestId('ticked').textContent()).toBe(`${pick.cards - 1} of ${pick.cards} cards will be imported.`);
  expect(await importer.importIt(note.name)).toMatch(new RegExp(`^Imported “.+”: ${pick.cards - 1} cards\\.$`));

  const written = await cardsOf(deckId);
  expect(written.map((c) => c.id).sort()).toEqual(expected.filter((c) => c.id !== unticked.id).map((c) => c.id).sort());
  expect(written.every((c) => !c.hidden)).toBe(true);
  expect((await storeRows<{ cardId: string }>(app.browser.page, 'cardStates')).some((s) => s.cardId === unticked.id)).toBe(false);
  expect(await deckRow(deckId)).toMatchObject({ cardCount: pick.cards - 1, importCut: pick.id, excludedCardIds: [unticked.id] });

  // The same file again: cut where it was, the card still unticked, nothing changes.
  await importer.choose([file]);
  await importer.waitForPreview(note.name);
  expect(await importer.cutAt(note.name).inputValue()).toBe(pick.id);
  expect(await importer.cutNotice(note.name).count()).toBe(0);
  expect(await importer.cardCount(note.name)).toBe(pick.cards - 1);
  expect(await (await importer.cardCheckbox(note.name, 2)).isChecked()).toBe(false);
  expect(await (await importer.cardCheckbox(note.name, 1)).isChecked()).toBe(true);
  await expect.poll(() => importer.changes(note.name)).toMatch(/^Updates “.+”: No changes\./);
  expect(await importer.importIt(note.name)).toMatch(/No changes/);
  expect((await cardsOf(deckId)).map((c) => c.id).sort()).toEqual(written.map((c) => c.id).sort());
});

test('choosing a cut re-cuts at once; the choice is used by the next import of the same file and of shared text of the same name', async () => {
  const name = 'ml-interview-prep-notes.md';
  const bytes = readFileSync(`decks/${name}`);
  const auto = importNote({ fileName: name, bytes });
  // A choice that cuts the note differently from auto.
  const other = auto.cut.choices.find((c) => c.id !== 'auto' && c.cards !== auto.deck.cards.length)!;
  expect(other).toBeDefined();
  const otherCards = importNote({ fileName: name, bytes }, { cutAt: other.id }).deck.cards;

  const importer = await openImport();
  await importer.choose([{ name, mimeType: 'text/markdown', buffer: bytes }]);
  const preview = await importer.waitForPreview(name);
  expect(await importer.cutAt(name).inputValue()).toBe('auto');
  expect(await importer.cardCount(name)).toBe(auto.deck.cards.length);
  await importer.chooseCut(name, other.id);
  expect(await importer.cardCount(name)).toBe(other.cards);
  expect(await preview.locator('.card-row').first().getAttribute('data-card-id')).toBe(otherCards[0]!.id);
  expect(await importer.importIt(name)).toMatch(new RegExp(`: ${other.cards} cards?\\.$`));
  expect(await deckRow(importDeckId(name))).toMatchObject({ importCut: other.id, cardCount: other.cards });

  await importer.choose([{ name, mimeType: 'text/markdown', buffer: bytes }]);
  await importer.waitForPreview(name);
  expect(await importer.cutAt(name).inputValue()).toBe(other.id);
  expect(await importer.cardCount(name)).toBe(other.cards);
  await expect.poll(() => importer.changes(name)).toMatch(/No changes/);
  await importer.preview(name).getByRole('button', { name: 'Cancel' }).click();

  // Pasted text named "Word list", cut and imported; then the same text shared under that name.
  const note = noteWhereAutoFindsNothing();
  const text = note.bytes.toString('utf8');
  const pick = note.finding[0]!;
  const { page } = app.browser;
  await page.getByText('Paste text instead').click();
  await page.getByRole('textbox', { name: 'Deck name' }).first().fill('Word list');
  await page.getByRole('textbox', { name: 'Notes' }).fill(text);
  await page.getByRole('button', { name: 'Preview pasted notes' }).click();
  await importer.waitForPreview('Word list');
  await importer.chooseCut('Word list', pick.id);
  expect(await importer.cardCount('Word list')).toBe(pick.cards);
  await importer.importIt('Word list');
  expect(await deckRow('import-word-list')).toMatchObject({ importCut: pick.id, cardCount: pick.cards });

  await page.goto(`${app.server.url}#/import?${new URLSearchParams({ title: 'Word list', text })}`);
  const shared = new ImportPage(page);
  await shared.waitForPreview('Word list');
  expect(await shared.cutAt('Word list').inputValue()).toBe(pick.id);
  expect(await shared.cardCount('Word list')).toBe(pick.cards);
  await expect.poll(() => shared.changes('Word list')).toMatch(/^Updates “.+”: No changes\./);
});

test('a warning about a card jumps to it in the list, opened, in view and focused', async () => {
  // Under a name of its own: the test before remembered a cut for ml-interview-prep-notes.md.
  const name = 'ml-notes-with-warnings.md';
  const bytes = readFileSync('decks/ml-interview-prep-notes.md');
  const { deck, layout } = importNote({ fileName: name, bytes });
  const groups = groupWarnings(deck.warnings, layout.name, deck.cards);
  const group = groups.find((g) => g.cards.some((c) => c !== undefined && c > 5))!;
  expect(group).toBeDefined();
  const at = group.cards.findIndex((c) => c !== undefined && c > 5);
  const index = group.cards[at]!;

  const importer = await openImport();
  await importer.choose([{ name, mimeType: 'text/markdown', buffer: bytes }]);
  const preview = await importer.waitForPreview(name);
  const item = preview.locator(`.import-warnings [data-rule="${group.ruleId}"]`);
  expect(await item.textContent()).toContain(group.text);
  // The card is far down the list: not rendered until asked for.
  expect(await preview.locator(`.card-row[data-index="${index}"]`).count()).toBe(0);
  if (group.count > 1) await item.locator('summary').click();
  await item.getByRole('button', { name: group.count > 1 ? `Go to card ${index + 1} (line ${group.lines[at]})` : `Go to card ${index + 1}`, exact: true }).click();

  const row = preview.locator(`.card-row[data-index="${index}"]`);
  await row.waitFor();
  expect(await row.getAttribute('data-card-id')).toBe(deck.cards[index]!.id);
  expect(await row.getAttribute('class')).toMatch(/\bopen\b/);
  await expect.poll(() => row.locator('.card-content:not(.card-content--pending)').count()).toBe(2);
  expect(await row.getByRole('checkbox').evaluate((el) => el === document.activeElement)).toBe(true);
  // In view: inside the list's box and inside the window.
  const [rowBox, listBox] = [await row.boundingBox(), await preview.locator('.card-list').boundingBox()];
  expect(rowBox!.y).toBeGreaterThanOrEqual(listBox!.y - 1);
  expect(rowBox!.y).toBeLessThan(listBox!.y + listBox!.height);
  expect(rowBox!.y).toBeGreaterThanOrEqual(0);
  expect(rowBox!.y).toBeLessThan(app.browser.page.viewportSize()!.height);
});

test('10,000 cards: every card is listed, only a window of rows is rendered, and the last one can be unticked', async () => {
  const lines = ['# Ten thousand questions', ''];
  for (let i = 0; i < 10_000; i++) lines.push(`### Q: What does rule ${i} say about caching?`, '', `Rule ${i} keeps layer ${i % 97} warm.`, '');
  const name = 'ten-thousand.md';
  const importer = await openImport();
  await importer.choose([{ name, mimeType: 'text/markdown', buffer: Buffer.from(lines.join('\n')) }]);
  const preview = await importer.waitForPreview(name);
  expect(await importer.cardCount(name)).toBe(10_000);
  const rendered = await preview.locator('.card-row').count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThan(60);
  expect(await preview.getByRole('list', { name: `Cards of ${name}` }).getByRole('listitem').first().getAttribute('aria-setsize')).toBe('10000');

  await preview.locator('.card-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = await importer.cardCheckbox(name, 10_000);
  expect(await preview.locator('.card-row[data-index="9999"] .card-row-front').textContent()).toBe('What does rule 9999 say about caching?');
  expect(await preview.locator('.card-row').count()).toBeLessThan(60);
  await last.uncheck();
  expect(await importer.cardCount(name)).toBe(9_999);
  expect(await preview.getByTestId('ticked').textContent()).toBe('9999 of 10000 cards will be imported.');
});
