// Two tabs of one browser profile studying the same deck: each learns of the other's grades,
// undo in one tab never takes back the other tab's answer, refusals say what happened in words,
// and the review log ends with exactly the answers people gave and did not take back.
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage, ReviewPage, reviewLogRows } from './pages/appPages.ts';

const DECK = 'Generative AI interview questions';
const app = useAppInBrowser();

/** Shows the answer and grades Good with the keyboard; resolves once the card on screen changed. */
async function gradeGood(review: ReviewPage): Promise<string> {
  const id = await review.currentCardId();
  await review.showAnswerButton.waitFor();
  await review.page.keyboard.press('Space');
  await review.gradeButton('Good').waitFor();
  await review.page.keyboard.press('3');
  await review.page.waitForFunction(
    (from) => document.querySelector('[data-card-id]')?.getAttribute('data-card-id') !== from,
    id,
  );
  return id;
}

/** Waits until the review log holds `count` rows (a grade is written a few ms after its next card shows). */
async function waitForLog(page: Page, count: number): Promise<void> {
  await expect.poll(async () => (await reviewLogRows(page)).length).toBe(count);
}

async function noticeText(page: Page): Promise<string> {
  const notice = page.locator('.study-notice');
  await notice.waitFor();
  return notice.innerText();
}

/** A write by something that is not this app (no change notification): bumps a card state's version. */
async function bumpVersionBehindTheApp(page: Page, cardId: string): Promise<void> {
  await page.evaluate(
    (id) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('rehearse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('cardStates', 'readwrite');
          const store = tx.objectStore('cardStates');
          const get = store.get(id);
          get.onsuccess = () => store.put({ ...get.result, version: get.result.version + 1 });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    cardId,
  );
}

test('two tabs grading and undoing the same cards end with a log of what people gave, none deleted by the other tab', async () => {
  const a = app.browser.page;
  await a.goto(app.server.url);
  await new DeckListPage(a).waitForDeck(DECK);
  const b = await app.browser.context.newPage();
  await b.goto(app.server.url);
  await new DeckListPage(b).waitForDeck(DECK);

  /** What the log should hold: every answer given and not taken back, in order. */
  const expected: Array<{ cardId: string; by: 'a' | 'b' }> = [];

  // 0. A write refused because the card changed behind this tab's back (before anything else
  //    writes, so no change notice can refresh B's queue first): one plain sentence, and the
  //    queue already reloaded (the card is shown again, nothing was written).
  const reviewB0 = await new DeckListPage(b).study(DECK);
  const stale = await reviewB0.currentCardId();
  await bumpVersionBehindTheApp(b, stale);
  await b.keyboard.press('Space');
  await reviewB0.gradeButton('Good').waitFor();
  await b.keyboard.press('3');
  const refused = await noticeText(b);
  expect(refused).toMatch(/another tab or window/);
  expect(refused).toMatch(/not saved/);
  expect(refused).toMatch(/reloaded/);
  expect(refused).not.toMatch(/genai|\(card/);
  await b.waitForFunction((id) => document.querySelector('[data-card-id]')?.getAttribute('data-card-id') === id, stale);
  expect(await reviewLogRows(b)).toEqual([]);

  const reviewA = await new DeckListPage(a).study(DECK);
  const first = await reviewA.currentCardId();

  // 1. A answers a card, then B answers the same card again (review it now); undo in A: A's
  //    answer cannot be taken back without losing B's, so A refuses, says why, and both rows stay.
  expected.push({ cardId: await gradeGood(reviewA), by: 'a' });
  await waitForLog(a, expected.length);
  await b.goto(`${app.server.url}#/review/${encodeURIComponent(first)}`);
  const single = new ReviewPage(b);
  await b.waitForFunction((id) => document.querySelector('[data-card-id]')?.getAttribute('data-card-id') === id, first);
  expected.push({ cardId: await gradeGoodUntilDone(single), by: 'b' });
  await a.keyboard.press('z');
  const refusedUndo = await noticeText(a);
  expect(refusedUndo).toMatch(/could not be taken back/);
  expect(refusedUndo).toMatch(/another tab/);
  expect(refusedUndo).not.toContain(first);
  expect((await reviewLogRows(a)).map((r) => r.cardId)).toEqual(expected.map((e) => e.cardId));

  // 2. Both tabs study the deck and show the same card: A grades it, B learns of it and moves on by itself.
  await b.goto(`${app.server.url}#/study/genai-interview-questions`);
  const reviewB = new ReviewPage(b);
  await reviewB.showAnswerButton.waitFor();
  const shared = await reviewA.currentCardId();
  expect(await reviewB.currentCardId()).toBe(shared);
  expected.push({ cardId: await gradeGood(reviewA), by: 'a' });
  await reviewB.waitForCardOtherThan(shared);

  // 3. B grades another card after A's; undo in A takes back A's answer, not B's newer one.
  expected.push({ cardId: await gradeGood(reviewB), by: 'b' });
  await waitForLog(a, expected.length);
  await a.keyboard.press('z');
  await a.waitForFunction((id) => document.querySelector('[data-card-id]')?.getAttribute('data-card-id') === id, shared);
  expected.splice(expected.findIndex((e) => e.cardId === shared && e.by === 'a'), 1);
  await expect.poll(async () => (await reviewLogRows(a)).map((r) => r.cardId)).toEqual(expected.map((e) => e.cardId));

  // Every row of the log is an answer a person gave and kept.
  const rows = await reviewLogRows(a);
  expect(rows.map((r) => r.cardId)).toEqual(expected.map((e) => e.cardId));
  expect(rows.every((r) => r.rating === 3)).toBe(true);
  await b.close();
});

/** In the one-card review: grade Good and wait for the end of that review. */
async function gradeGoodUntilDone(review: ReviewPage): Promise<string> {
  const id = await review.currentCardId();
  await review.showAnswerButton.waitFor();
  await review.page.keyboard.press('Space');
  await review.gradeButton('Good').waitFor();
  await review.page.keyboard.press('3');
  await review.page.getByRole('heading', { name: 'Done for now' }).waitFor();
  return id;
}
