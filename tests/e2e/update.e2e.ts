// Updates never interrupt a review: deploy build A, review a card, deploy build B (one answer
// changed), reload. The old version keeps running with an "Update available" notice; "Reload"
// applies the new one and comes back to the same screen, where the changed answer shows and
// the card's progress is what it was.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBrowser, type BrowserSession } from './harness.ts';
import { DeckListPage, ReviewPage, reviewLogRows } from './pages/appPages.ts';
import { CHANGED_ANSWER, deploy, twoVersions, waitForServiceWorkerControl } from './pwa.ts';

const { deck: DECK, before: OLD_ANSWER, after: NEW_ANSWER } = CHANGED_ANSWER;

let versions: Awaited<ReturnType<typeof twoVersions>>;
let server: { url: string; close(): Promise<void> };
let browser: BrowserSession;

beforeAll(async () => {
  versions = await twoVersions('dist');
  server = versions.server;
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await versions?.close();
});

/** A card's scheduling row, straight from IndexedDB. */
function cardState(page: BrowserSession['page'], cardId: string): Promise<unknown> {
  return storedRow(page, 'cardStates', cardId);
}

/** One row of `store`, straight from IndexedDB. */
function storedRow(page: BrowserSession['page'], store: string, key: string): Promise<unknown> {
  return page.evaluate(
    ([name, id]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('rehearse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).get(id);
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    [store, key] as const,
  );
}

test('a new version waits behind an "Update available" notice; Reload applies it and keeps progress', async () => {
  const { page } = browser;
  await page.goto(server.url);
  const decks = new DeckListPage(page);
  await decks.waitForDeck(DECK);
  await waitForServiceWorkerControl(page);

  // Review the deck's first card under build A.
  let review = await decks.study(DECK);
  const studyUrl = page.url();
  const cardId = await review.currentCardId();
  await review.showAnswerButton.click();
  expect(await page.locator('.card-back').innerText()).toContain(OLD_ANSWER);
  await review.gradeButton('Good').click();
  await review.waitForCardOtherThan(cardId);
  await expect.poll(async () => (await reviewLogRows(page)).length).toBe(1);
  const progress = await cardState(page, cardId);

  // Deploy build B and reload: build A still runs, and says an update is available.
  deploy(versions.buildB, versions.site);
  await page.reload();
  review = new ReviewPage(page);
  await review.showAnswerButton.waitFor();
  const shown = await review.currentCardId();
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  const notice = page.getByRole('status').filter({ hasText: 'Update available' });
  await notice.waitFor({ timeout: 60_000 });
  // Nothing moved under the user: same page, same card, answer still hidden.
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  expect(await review.currentCardId()).toBe(shown);
  expect(await review.showAnswerButton.isVisible()).toBe(true);

  // "Reload" applies it and lands where the user was.
  const reloaded = page.waitForEvent('load');
  await notice.getByRole('button', { name: 'Reload' }).click();
  await reloaded;
  expect(page.url()).toBe(studyUrl);
  await review.showAnswerButton.waitFor();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBeUndefined();
  expect(await page.getByText('Update available').count()).toBe(0);

  // The reviewed card kept its progress (and its one review) under the new answer.
  await expect.poll(() => cardState(page, cardId)).toEqual(progress);
  expect((await reviewLogRows(page)).map((row) => row.cardId)).toEqual([cardId]);
  // The new version's decks are written once the first card has painted (the start puts the card first).
  await expect.poll(async () => ((await storedRow(page, 'cards', cardId)) as { back?: string } | undefined)?.back ?? '').toContain(NEW_ANSWER);

  // When it comes back (Good on a new card: a few minutes), it shows the new answer.
  await page.clock.install({ time: Date.now() + 30 * 60_000 });
  await page.reload();
  await review.showAnswerButton.waitFor();
  expect(await review.currentCardId()).toBe(cardId);
  await review.showAnswerButton.click();
  const back = page.locator('.card-back');
  await back.waitFor();
  expect(await back.innerText()).toContain(NEW_ANSWER);
  expect(await back.innerText()).not.toContain(OLD_ANSWER);
});
