// The cold start: once the bundled decks are in the database, a start shows the first due card
// before it checks the deck index again (that check, the sync launch and the icon badge wait for
// the first card to paint), and the check still runs on every start: a deck updated in a new
// version of the app reaches the review screen without going through the deck list.
// REHEARSE_E2E_DIST: a build of one's own (`vite build --outDir …`) as build A, else dist/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBrowser, type BrowserSession } from './harness.ts';
import { DeckListPage, ReviewPage } from './pages/appPages.ts';
import { CHANGED_ANSWER, deploy, twoVersions, waitForServiceWorkerControl } from './pwa.ts';

const { deck: DECK, before: OLD_ANSWER, after: NEW_ANSWER } = CHANGED_ANSWER;

let versions: Awaited<ReturnType<typeof twoVersions>>;
let server: { url: string; close(): Promise<void> };
let browser: BrowserSession;

beforeAll(async () => {
  versions = await twoVersions(process.env.REHEARSE_E2E_DIST ?? 'dist');
  server = versions.server;
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await versions?.close();
});

/** When the page reached each of the start's marks (ms after navigation start), once all are there. */
async function startMarks(page: Page, names: string[]): Promise<Record<string, number>> {
  await page.waitForFunction(
    (wanted) => wanted.every((name) => performance.getEntriesByName(`rehearse:${name}`, 'mark').length > 0),
    names,
    { timeout: 60_000 },
  );
  return page.evaluate(
    (wanted) => Object.fromEntries(wanted.map((name) => [name, performance.getEntriesByName(`rehearse:${name}`, 'mark')[0]!.startTime])),
    names,
  );
}

/** The back of the card on screen, revealing it (again, should the screen re-read its queue). */
async function shownAnswer(page: Page): Promise<string> {
  const review = new ReviewPage(page);
  if (await review.showAnswerButton.isVisible()) await review.showAnswerButton.click();
  const back = page.locator('.card-back');
  return (await back.count()) ? back.innerText() : '';
}

test('with the decks in the database, the first due card is shown before the deck index is checked', async () => {
  const { page, context } = browser;
  await page.goto(server.url);
  await new DeckListPage(page).waitForDeck(DECK);
  await waitForServiceWorkerControl(page);

  // A fresh start of the review screen: the card first, then the check (which still happens).
  const tab = await context.newPage();
  await tab.goto(`${server.url}#/study/all`);
  const marks = await startMarks(tab, ['first-card', 'bundled-decks-checked']);
  expect(marks['first-card']).toBeLessThan(marks['bundled-decks-checked']!);
  await tab.close();
});

test('a deck updated in a new version reaches the review screen on its next start', async () => {
  const { page } = browser;
  await page.goto(server.url);
  const decks = new DeckListPage(page);
  await decks.waitForDeck(DECK);
  await waitForServiceWorkerControl(page);
  const review = await decks.study(DECK);
  const studyUrl = page.url();
  const cardId = await review.currentCardId();
  expect(await shownAnswer(page)).toContain(OLD_ANSWER);

  // Build B, with that card's answer changed; the new version is applied from the review screen.
  deploy(versions.buildB, versions.site);
  await page.reload();
  const notice = page.getByRole('status').filter({ hasText: 'Update available' });
  await notice.waitFor({ timeout: 60_000 });
  const reloaded = page.waitForEvent('load');
  await notice.getByRole('button', { name: 'Reload' }).click();
  await reloaded;
  expect(page.url()).toBe(studyUrl);

  // The same card, now with the new answer, without visiting the deck list.
  await review.showAnswerButton.waitFor();
  expect(await review.currentCardId()).toBe(cardId);
  await expect.poll(() => shownAnswer(page), { timeout: 30_000 }).toContain(NEW_ANSWER);
  expect(await shownAnswer(page)).not.toContain(OLD_ANSWER);
});
