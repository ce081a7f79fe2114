// Personal FSRS parameters in real Chromium against the production build: with too few reviews the
// screen says how many more are needed; on a generated review log (a known memory model) the
// optimizer (WebAssembly in a worker) runs to the end offline, from the service worker's precache,
// and the saved parameters change only once the user confirms.
import { expect, test } from 'vitest';
import { EXAMPLE_TRUE_WEIGHTS, simulateReviewLog } from '../../src/core/optimizer/index.ts';
import { studyDayOf } from '../../src/core/scheduling/day.ts';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage } from './pages/appPages.ts';
import { FsrsParametersPage, storedWeights } from './pages/browsePages.ts';

const app = useAppInBrowser({ viewport: { width: 1280, height: 900 } });

/** Review-log rows for a year of simulated answers to 300 cards, ending yesterday. */
function generatedRows() {
  const today = studyDayOf(Date.now(), 4);
  const events = simulateReviewLog({ weights: EXAMPLE_TRUE_WEIGHTS, cards: 300, days: 365, firstDay: today - 366, dayStartHour: 4 });
  const schedule = (state: number, at: number) => ({
    due: at, stability: 1, difficulty: 5, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 1, lapses: 0, state, lastReview: at,
  });
  return events.map((e, i) => ({
    id: `generated-${i}`,
    cardId: `generated/${e.cardId}`,
    deckId: 'generated',
    rating: e.rating,
    reviewedAt: e.reviewedAt,
    durationMs: 5000,
    stateBefore: schedule(e.fromNew ? 0 : 2, e.reviewedAt),
    stateAfter: schedule(2, e.reviewedAt),
    versionAfter: i + 1,
    fsrsLog: { rating: e.rating, state: e.fromNew ? 0 : 2, due: e.reviewedAt, stability: 1, difficulty: 5, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0, review: e.reviewedAt },
  }));
}

test('too few reviews: says how many more; a generated log: trains offline, applies only on confirmation', async () => {
  const { page, context } = app.browser;
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck('Generative AI interview questions');
  await page.goto(`${app.server.url}#/settings`);
  const fsrs = new FsrsParametersPage(page);
  await fsrs.section.waitFor();
  await expect.poll(() => page.getByTestId('optimizer-readiness').innerText()).toMatch(/400 more reviews needed/);
  expect(await fsrs.optimizeButton.isDisabled()).toBe(true);

  const rows = generatedRows();
  await page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('rehearse');
        open.onsuccess = () => {
          const tx = open.result.transaction('reviews', 'readwrite');
          for (const row of rows) tx.objectStore('reviews').add(row);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    rows,
  );

  // Offline from here on: the optimizer and its WebAssembly come from the precache.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  await context.setOffline(true);
  await page.reload();
  await fsrs.section.waitFor();
  await expect.poll(() => fsrs.optimizeButton.isEnabled()).toBe(true);
  expect(await storedWeights(page)).toBeNull();

  await fsrs.optimizeButton.click();
  await page.getByRole('progressbar').waitFor();
  await fsrs.useButton.waitFor({ timeout: 110_000 });

  // Old and new parameters with their fit on this log; nothing saved yet.
  const fit = await fsrs.section.locator('.fit-table').innerText();
  expect(fit).toMatch(/Log loss/);
  expect(fit).toMatch(/RMSE \(bins\)/);
  const [, oldLoss, newLoss] = /Log loss\s+([\d.]+)\s+([\d.]+)/.exec(fit)!;
  expect(Number(newLoss)).toBeLessThan(Number(oldLoss));
  expect(await fsrs.section.getByText('They predict your reviews better').count()).toBe(1);
  expect(await storedWeights(page)).toBeNull();

  await fsrs.useButton.click();
  await expect.poll(() => storedWeights(page)).toHaveLength(21);
  const saved = (await storedWeights(page))!;
  expect(saved).not.toEqual([...EXAMPLE_TRUE_WEIGHTS]);

  // Rescheduling existing cards is offered, not done by itself.
  await fsrs.section.getByRole('button', { name: 'Reschedule existing cards' }).click();
  await expect.poll(() => fsrs.section.getByRole('status').innerText()).toMatch(/Rescheduled \d+ studied cards/);
  await context.setOffline(false);
});
