// The next morning shows the next day's queue: a phone that slept through the night fires no
// timer, so the study screen reads the queue again when the tab becomes visible (or focused, or
// shown from the back/forward cache). The clock is Playwright's: the night passes with
// `setSystemTime`, which moves the time without running any timer, as a sleeping phone does.
import { expect, test } from 'vitest';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage, ReviewPage } from './pages/appPages.ts';

const DECK = 'AI recruiter interview (NLP engineer)';
const app = useAppInBrowser();

test('cards buried last night are back when the tab becomes visible the next morning', async () => {
  const { page } = app.browser;
  const evening = new Date(2026, 2, 10, 21, 0);
  await page.clock.install({ time: evening });
  await page.goto(app.server.url);
  const decks = new DeckListPage(page);
  await decks.waitForDeck(DECK);
  const review = await decks.study(DECK);
  const buried: string[] = [];
  while (await review.showAnswerButton.isVisible()) {
    const id = await review.currentCardId();
    buried.push(id);
    await page.getByRole('button', { name: 'Bury', exact: true }).click();
    await page.waitForFunction((from) => document.querySelector('[data-card-id]')?.getAttribute('data-card-id') !== from, id);
  }
  await page.getByRole('heading', { name: 'Done for now' }).waitFor();
  expect(buried.length).toBe(6);

  // The night passes with the phone asleep, then the tab is visible again.
  await page.clock.setSystemTime(new Date(2026, 2, 11, 8, 0));
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await review.showAnswerButton.waitFor({ timeout: 10_000 });
  expect(buried).toContain(await review.currentCardId());
  // Under the test's clock too, the card takes taps a moment after it appears.
  await review.showAnswerButton.click();
  await review.gradeButton('Good').waitFor();
});
