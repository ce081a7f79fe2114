// A grade whose next card was shown is never lost: the tab is torn down the instant the next card
// appears (a navigation started from inside the page, in the same task that sees the new card, so
// nothing of the app runs after it), then the app is opened again and the log read. Each round is
// the first grade after a launch, the slowest write of a session.
import { expect, test } from 'vitest';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage, ReviewPage, reviewLogRows } from './pages/appPages.ts';

const DECK = 'Generative AI interview questions';
const ROUNDS = 8;
const app = useAppInBrowser();

test(`${ROUNDS} grades, the tab torn down as each next card appears: every one is in the log`, async () => {
  const { page } = app.browser;
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck(DECK);
  const shown: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await page.goto(`${app.server.url}#/study/genai-interview-questions`);
    const review = new ReviewPage(page);
    await review.showAnswerButton.waitFor();
    const id = await review.currentCardId();
    await page.keyboard.press('Space');
    await review.gradeButton('Good').waitFor();
    // Leave the page the moment another card is in the DOM.
    await page.evaluate((from) => {
      new MutationObserver(() => {
        const now = document.querySelector('[data-card-id]')?.getAttribute('data-card-id');
        if (now && now !== from) location.replace('about:blank');
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-card-id'] });
    }, id);
    await page.keyboard.press('3');
    await page.waitForURL('about:blank');
    shown.push(id);
  }
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck(DECK);
  const rows = await reviewLogRows(page);
  expect(rows.map((r) => r.cardId)).toEqual(shown);
  expect(new Set(shown).size).toBe(ROUNDS);
});
