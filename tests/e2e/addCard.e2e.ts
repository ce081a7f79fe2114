// Adding a card on a phone-sized page, against the production build: a card and its reverse
// written into an imported deck (Ctrl+Enter saves), a second into a bundled deck; all three
// studied. Then a new version of the app rebuilds the bundled decks, and the note is imported
// again changed: the added cards, their text and their progress stay as they were.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBrowser, type BrowserSession } from './harness.ts';
import { AddCardPage } from './pages/addCardPage.ts';
import { DeckListPage, ReviewPage } from './pages/appPages.ts';
import { ImportPage, storeRows, type NoteFile } from './pages/importPage.ts';
import { CHANGED_ANSWER, deploy, twoVersions, waitForServiceWorkerControl } from './pwa.ts';
import { tapGrade, tapShowAnswer } from './studyHelpers.ts';

const NOTE = 'raft.md';
const note = (text: string): NoteFile => ({ name: NOTE, mimeType: 'text/markdown', buffer: Buffer.from(text) });
const NOTE_V1 = `# Raft notes

## What is a term in Raft?

A logical clock: every election starts a new term.

## What does a follower do when its election timeout passes?

It becomes a candidate, votes for itself and asks the others for votes.
`;
// The re-import: one answer edited, one card gone, one new.
const NOTE_V2 = `# Raft notes

## What is a term in Raft?

A logical clock: every election starts a new, higher term.

## How is a log entry committed?

Once a majority of servers store it.
`;

let versions: Awaited<ReturnType<typeof twoVersions>>;
let browser: BrowserSession;

beforeAll(async () => {
  // REHEARSE_E2E_DIST: a build of one's own as build A, else dist/.
  versions = await twoVersions(process.env.REHEARSE_E2E_DIST ?? 'dist');
  browser = await openBrowser();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await versions?.close();
});

interface Row {
  id: string;
  deckId: string;
  front: string;
  back: string;
  hidden: boolean;
  userAdded?: boolean;
}

test('an added card and its reverse, studied, keep their text and progress through a rebuild and a re-import', async () => {
  const { page } = browser;
  await page.goto(versions.server.url);
  const decks = new DeckListPage(page);
  await decks.waitForDeck(CHANGED_ANSWER.deck);
  await waitForServiceWorkerControl(page);

  const importer = new ImportPage(page);
  await importer.open();
  await importer.choose([note(NOTE_V1)]);
  await importer.waitForPreview(NOTE);
  const noteDeck = await importer.deckName(NOTE);
  await importer.importIt(NOTE);

  // A card with its reverse, into the imported deck; the preview renders the markdown.
  const add = new AddCardPage(page);
  await add.openFromDeckList();
  await add.write({ deck: noteDeck, front: 'What must a **leader** hold to win?', back: 'A majority of the votes of its term.', tags: 'raft interview', reverse: true });
  await add.preview('front').locator('.card-content strong').filter({ hasText: 'leader' }).waitFor();
  await add.front.press('Control+Enter');
  await add.saved.filter({ hasText: 'and its reverse' }).waitFor();
  // A second card, into a bundled deck.
  await page.getByRole('button', { name: 'Add another' }).click();
  await add.write({ deck: CHANGED_ANSWER.deck, front: 'Which question surprised me in the interview?', back: 'How Raft handles a split vote.' });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await add.saved.waitFor();

  const added = (await storeRows<Row>(page, 'cards')).filter((c) => c.userAdded);
  expect(added.map((c) => [c.front, c.back])).toEqual(
    expect.arrayContaining([
      ['What must a **leader** hold to win?', 'A majority of the votes of its term.'],
      ['A majority of the votes of its term.', 'What must a **leader** hold to win?'],
      ['Which question surprised me in the interview?', 'How Raft handles a split vote.'],
    ]),
  );
  expect(added).toHaveLength(3);
  const inBundled = added.find((c) => c.front.startsWith('Which question'))!;
  const inNote = added.filter((c) => c !== inBundled);

  // Study: the bundled deck's card now, from its card screen; then the note's deck, whose new cards end with the added two.
  await page.getByRole('link', { name: 'Open the card' }).click();
  await page.getByRole('link', { name: 'Review it now' }).click();
  let review = new ReviewPage(page);
  await tapShowAnswer(review);
  expect(await tapGrade(review, 'Easy')).toBe(inBundled.id);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decks' }).click();
  review = await decks.study(noteDeck);
  const graded: string[] = [];
  for (let k = 0; k < 4; k++) {
    if (k > 0) await review.waitForCardOtherThan(graded[k - 1]!);
    await tapShowAnswer(review);
    graded.push(await tapGrade(review, 'Easy'));
  }
  expect(graded.slice(2).sort()).toEqual(inNote.map((c) => c.id).sort());
  const ids = added.map((c) => c.id);
  await expect.poll(async () => (await storeRows<{ cardId: string }>(page, 'reviews')).filter((r) => ids.includes(r.cardId)).length).toBe(3);
  const statesOf = async () => (await storeRows<{ cardId: string }>(page, 'cardStates')).filter((s) => ids.includes(s.cardId)).sort((a, b) => a.cardId.localeCompare(b.cardId));
  const progress = await statesOf();
  expect(progress.map((s) => (s as unknown as { schedule: { state: number } }).schedule.state)).toEqual([2, 2, 2]);
  const cardsOf = async () => (await storeRows<Row>(page, 'cards')).filter((c) => ids.includes(c.id)).sort((a, b) => a.id.localeCompare(b.id));
  const cards = await cardsOf();

  // A new version of the app: its bundled decks are rebuilt at the reload.
  deploy(versions.buildB, versions.site);
  await page.goto(versions.server.url);
  const notice = page.getByRole('status').filter({ hasText: 'Update available' });
  await notice.waitFor({ timeout: 60_000 });
  const reloaded = page.waitForEvent('load');
  await notice.getByRole('button', { name: 'Reload' }).click();
  await reloaded;
  await decks.waitForDeck(CHANGED_ANSWER.deck);
  await expect.poll(async () => (await storeRows<Row>(page, 'cards')).some((c) => c.back.includes(CHANGED_ANSWER.after)), { timeout: 30_000 }).toBe(true);

  // The note again, changed.
  await importer.open();
  await importer.choose([note(NOTE_V2)]);
  await importer.waitForPreview(NOTE);
  await importer.importIt(NOTE);
  const noteCards = (await storeRows<Row>(page, 'cards')).filter((c) => c.deckId === inNote[0]!.deckId && !c.userAdded);
  expect(noteCards.filter((c) => !c.hidden).map((c) => c.front).sort()).toEqual(['How is a log entry committed?', 'What is a term in Raft?']);

  expect(await cardsOf()).toEqual(cards);
  expect(await statesOf()).toEqual(progress);
  // Still shown as cards of their decks, not as cards removed from a note.
  await page.goto(`${versions.server.url}#/card/${encodeURIComponent(inNote[0]!.id)}`);
  await page.getByRole('article', { name: 'Card content' }).waitFor();
  expect(await page.getByText('Removed from its note').count()).toBe(0);
  expect(await page.locator('.card-front').innerText()).toContain(inNote[0]!.front.replace(/\*\*/g, ''));
});
