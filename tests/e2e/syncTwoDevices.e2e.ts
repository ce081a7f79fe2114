// The end-to-end sync check, in Chromium against the production build and a real sync
// server process on 127.0.0.1: devices A and B (two persistent profiles) pair through Settings →
// Sync, go offline, study (A grades 50 cards and undoes 3, B grades 70, many the same cards as
// A) and A imports a note; the server is killed with SIGKILL meanwhile and started again on the
// same data folder. Once both are back they hold the same review ids (117 live, 3 void), the same
// card states, and B has A's imported deck with its progress. A third profile with a wrong code
// is refused and receives nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { decodePairingCode, encodePairingCode, randomId } from '../../src/sync/pairingCode.ts';
import { openBrowser, serveDist, type AppServer, type BrowserSession } from './harness.ts';
import { ImportPage, storeRows } from './pages/importPage.ts';
import { DeckListPage, ReviewPage } from './pages/appPages.ts';
import { startSyncServer, type SyncServerProcess } from './syncServer.ts';
import { SyncSettingsPage } from './syncPages.ts';
import { waitForServiceWorkerControl } from './pwa.ts';

const DECK = 'ML interview prep notes';
const NOTE_DECK = 'Sync travel note';
const NOTE = Array.from({ length: 6 }, (_, i) => `## What does sync keep, part ${i + 1}?\nEvery review of every device, part ${i + 1}.\n`).join('\n');

let web: AppServer;
let server: SyncServerProcess;
let data: string;
const sessions: BrowserSession[] = [];

beforeAll(async () => {
  web = await serveDist(process.env.REHEARSE_E2E_DIST ?? 'dist');
  data = mkdtempSync(join(tmpdir(), 'rehearse-sync-data-'));
  server = await startSyncServer({ data });
});

afterAll(async () => {
  for (const session of sessions) await session.close();
  await server?.kill('SIGTERM');
  await web?.close();
  if (data) rmSync(data, { recursive: true, force: true });
});

interface ReviewRowInDb {
  id: string;
  cardId: string;
  deckId: string;
  voided?: 1;
}

/** A fresh profile with the app loaded and (unless `limits` is false) room for 200 new cards a day. */
async function device(limits = true): Promise<BrowserSession> {
  const session = await openBrowser();
  sessions.push(session);
  const { page } = session;
  await page.goto(web.url);
  await new DeckListPage(page).waitForDeck(DECK);
  await page.goto(`${web.url}#/settings`);
  if (limits) for (const label of ['New cards per day, each deck', 'New cards per day, all decks together']) {
    const field = page.getByLabel(label, { exact: true });
    await field.fill('200');
    await field.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  }
  return session;
}

/** Grades `count` cards of `deck` with the keyboard (Space, then a grade key); returns their ids. */
async function gradeWithKeys(page: BrowserSession['page'], deck: string, count: number, key: (i: number) => '1' | '2' | '3' | '4'): Promise<string[]> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decks' }).click();
  const review = await new DeckListPage(page).study(deck);
  const graded: string[] = [];
  for (let i = 0; i < count; i++) {
    await review.showAnswerButton.waitFor();
    const id = await review.currentCardId();
    await page.keyboard.press('Space');
    await review.gradeButton('Good').waitFor();
    await page.keyboard.press(key(i));
    graded.push(id);
    if (i < count - 1) await review.waitForCardOtherThan(id);
  }
  return graded;
}

/** Every synced table of a device, as comparable data (cardStates without the local version counter). */
async function contents(page: BrowserSession['page']) {
  const reviews = await storeRows<ReviewRowInDb>(page, 'reviews');
  const voids = await storeRows<{ id: string }>(page, 'reviewVoids');
  const states = await storeRows<Record<string, unknown> & { cardId: string }>(page, 'cardStates');
  const decks = await storeRows<{ id: string; title: string }>(page, 'decks');
  const cards = await storeRows<{ id: string; deckId: string; front: string; back: string }>(page, 'cards');
  return {
    reviewIds: reviews.map((r) => r.id).sort(),
    liveIds: reviews.filter((r) => !r.voided).map((r) => r.id).sort(),
    voidIds: voids.map((v) => v.id).sort(),
    reviews,
    states: new Map(states.map(({ version: _version, ...state }) => [state.cardId, state])),
    decks,
    cards,
  };
}

test('two devices study offline, the server is killed and restarted, and both end with every review and the same cards', { timeout: 900_000 }, async () => {
  const a = await device();
  const b = await device();
  const syncA = new SyncSettingsPage(a.page);
  const syncB = new SyncSettingsPage(b.page);

  // Pair: A creates the collection and shows its code; B types it in.
  const code = await syncA.create(server.url);
  expect(code).toMatch(/^rehearse:[0-9A-Z-]+$/);
  await syncA.waitForStatus(/^Synced/);
  await syncB.join(code);
  await syncB.waitForStatus(/^Synced/);

  // Offline: the network goes on both, once each app can work without it (its service worker has
  // precached every screen; CI once went offline before that, and the import screen's chunk never came).
  await waitForServiceWorkerControl(a.page);
  await waitForServiceWorkerControl(b.page);
  await a.context.setOffline(true);
  await b.context.setOffline(true);

  // A imports a note and studies it a little, then the bundled deck; undoes its last 3 answers.
  const importer = new ImportPage(a.page);
  await importer.open();
  const form = a.page.locator('.paste-form');
  if (!(await form.isVisible())) await a.page.getByText('Paste text instead').click();
  await form.getByLabel('Deck name').fill(NOTE_DECK);
  await form.getByLabel('Notes').fill(NOTE);
  await form.getByRole('button', { name: 'Preview pasted notes' }).click();
  await importer.waitForPreview(NOTE_DECK);
  expect(await importer.importIt(NOTE_DECK)).toMatch(/^Imported “Sync travel note”: 6 cards\.$/);
  const noteGraded = await gradeWithKeys(a.page, NOTE_DECK, 5, (i) => (i % 2 ? '3' : '4'));
  const aGraded = await gradeWithKeys(a.page, DECK, 45, (i) => (i % 3 === 0 ? '3' : '4'));
  const reviewA = new ReviewPage(a.page);
  for (let i = 0; i < 3; i++) {
    await reviewA.showAnswerButton.waitFor();
    const shown = await reviewA.currentCardId();
    await a.page.keyboard.press('z');
    await reviewA.waitForCardOtherThan(shown);
  }
  await expect.poll(async () => (await storeRows<ReviewRowInDb>(a.page, 'reviews')).filter((r) => r.voided).length).toBe(3);
  expect((await storeRows(a.page, 'reviews')).length).toBe(50);

  // B grades 70, Again now and then (those cards come back and are graded again).
  const bGraded = await gradeWithKeys(b.page, DECK, 70, (i) => (i % 7 === 3 ? '1' : i % 2 ? '3' : '4'));
  // The last grade is written a moment after the key (journaled first).
  await expect.poll(async () => (await storeRows(b.page, 'reviews')).length).toBe(70);
  const liveA = new Set(aGraded.slice(0, 42));
  expect(new Set(bGraded.filter((id) => liveA.has(id))).size).toBeGreaterThanOrEqual(20);

  // Both say what waits.
  await syncA.open();
  expect(await syncA.waitForStatus(/reviews? (and .+ )?waiting — offline/)).toMatch(/^\d+ reviews/);
  await syncB.open();
  await syncB.waitForStatus(/^70 reviews (and .+ )?waiting — offline/);

  // The server is killed while they are offline, and started again on the same data folder.
  const port = server.port;
  await server.kill('SIGKILL');
  server = await startSyncServer({ data, port });

  await a.context.setOffline(false);
  await b.context.setOffline(false);
  const back = Date.now();

  // Both catch up: the same 120 review ids, 117 live and 3 void, on each.
  await expect
    .poll(async () => [(await contents(a.page)).liveIds.length, (await contents(b.page)).liveIds.length], { timeout: 180_000, interval: 1000 })
    .toEqual([117, 117]);
  console.log(`sync e2e: both devices held 117 live reviews ${Date.now() - back} ms after the network came back`);
  await syncA.waitForStatus(/^Synced/, 120_000);
  await syncB.waitForStatus(/^Synced/, 120_000);
  const [onA, onB] = [await contents(a.page), await contents(b.page)];
  expect(onA.reviewIds).toHaveLength(120);
  expect(onB.reviewIds).toEqual(onA.reviewIds);
  expect(onB.liveIds).toEqual(onA.liveIds);
  expect(onA.voidIds).toHaveLength(3);
  expect(onB.voidIds).toEqual(onA.voidIds);
  expect(new Set(onA.reviews.filter((r) => r.voided).map((r) => r.id))).toEqual(new Set(onA.voidIds));

  // Identical card states: every card with a review, whole; a card never answered is new on
  // both, with the same place in its deck (its `due` is when this device built it, and unused).
  expect(onB.states.size).toBe(onA.states.size);
  const answered = new Set(onA.reviews.map((r) => r.cardId));
  expect(answered.size).toBeGreaterThan(50);
  const unanswered = ({ schedule, dueAt: _dueAt, ...rest }: Record<string, unknown>) => ({ ...rest, schedule: { ...(schedule as object), due: undefined } });
  for (const [cardId, state] of onA.states) {
    const there = onB.states.get(cardId);
    if (answered.has(cardId)) expect(there, cardId).toEqual(state);
    else expect(there && unanswered(there), cardId).toEqual(unanswered(state));
  }

  // B has A's imported deck, its cards under the same ids, with their progress.
  const noteDeck = onA.decks.find((d) => d.title === NOTE_DECK)!;
  expect(onB.decks.find((d) => d.id === noteDeck.id)?.title).toBe(NOTE_DECK);
  const noteCards = (cards: typeof onA.cards) => cards.filter((c) => c.deckId === noteDeck.id).map(({ id, front, back }) => ({ id, front, back })).sort((x, y) => x.id.localeCompare(y.id));
  expect(noteCards(onB.cards)).toHaveLength(6);
  expect(noteCards(onB.cards)).toEqual(noteCards(onA.cards));
  for (const id of noteGraded) expect((onB.states.get(id)?.schedule as { reps: number }).reps).toBeGreaterThan(0);
  await b.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decks' }).click();
  await new DeckListPage(b.page).waitForDeck(NOTE_DECK);

  // Sync starts with the app: B, reloaded, sends a new answer without opening Settings.
  await b.page.reload();
  await new DeckListPage(b.page).waitForDeck(DECK);
  const [afterReload] = await gradeWithKeys(b.page, DECK, 1, () => '4');
  await expect.poll(async () => (await contents(a.page)).liveIds.length, { timeout: 60_000 }).toBe(118);
  expect((await storeRows<ReviewRowInDb>(a.page, 'reviews')).filter((r) => r.cardId === afterReload && !r.voided).length).toBeGreaterThan(0);

  // Leaving sync keeps everything on the device, and says so.
  await syncA.open();
  await syncA.section.getByRole('button', { name: 'Leave sync…' }).click();
  await syncA.section.getByRole('button', { name: 'Leave sync', exact: true }).click();
  await syncA.section.getByText('This device left sync. Its cards, progress and review history are all still here.').waitFor();
  expect((await contents(a.page)).liveIds).toHaveLength(118);
  await syncA.section.getByRole('button', { name: 'Create a collection' }).waitFor();

  // A third profile with a wrong code (the right server and collection, another secret) is
  // refused and receives nothing (its own new-card limit, the default, stays too).
  const c = await device(false);
  const decksBefore = (await storeRows<{ id: string }>(c.page, 'decks')).map((d) => d.id).sort();
  const right = decodePairingCode(code);
  if (!right.ok) throw new Error(right.message);
  const wrong = encodePairingCode({ ...right.value, secret: randomId() });
  const syncC = new SyncSettingsPage(c.page);
  await syncC.open();
  await syncC.join(wrong);
  await syncC.waitForStatus(/^The server refused this code$/);
  // A refused code is no code to show other devices; the way out is to enter another.
  expect(await c.page.getByTestId('pairing-code').count()).toBe(0);
  await c.page.getByRole('button', { name: 'Enter another code' }).waitFor();
  expect(await storeRows(c.page, 'reviews')).toEqual([]);
  expect((await storeRows<{ id: string }>(c.page, 'decks')).map((d) => d.id).sort()).toEqual(decksBefore);
  expect(await storeRows(c.page, 'reviewVoids')).toEqual([]);
  await c.page.reload();
  await syncC.waitForStatus(/^The server refused this code$/);
  expect(await c.page.getByLabel('New cards per day, each deck', { exact: true }).inputValue()).toBe('20');
  expect(await storeRows(c.page, 'reviews')).toEqual([]);
});
