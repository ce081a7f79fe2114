// A whole review session in real Chromium against the production build: study with the
// keyboard and with clicks, undo, reload, and find counts and the review log as they were left.
import { expect, test } from 'vitest';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage, reviewLogRows } from './pages/appPages.ts';

const DECK = 'Generative AI interview questions';
const app = useAppInBrowser();

test('study three cards by keyboard and three by clicks, undo one, and find it all after a reload', async () => {
  const { page } = app.browser;
  await page.goto(app.server.url);
  const decks = new DeckListPage(page);
  await decks.waitForDeck(DECK);
  const before = await decks.counts(DECK);
  expect(before).toEqual({ new: 20, learning: 0, due: 0 });

  const review = await decks.study(DECK);
  const graded: string[] = [];

  // Three cards with the keyboard: Space shows the answer, 3 is Good.
  for (let i = 0; i < 3; i++) {
    const id = await review.currentCardId();
    await page.keyboard.press('Space');
    await review.gradeButton('Good').waitFor();
    expect(await page.locator('.card-back').count()).toBe(1);
    await page.keyboard.press('3');
    graded.push(id);
    await review.waitForCardOtherThan(id);
  }

  // Three cards with clicks: Good, Easy, Again; each grade button shows its interval.
  for (const grade of ['Good', 'Easy', 'Again'] as const) {
    const id = await review.currentCardId();
    await review.showAnswerButton.click();
    const button = review.gradeButton(grade);
    await button.waitFor();
    expect(await button.innerText()).toMatch(/\d+(\.\d+)?(s|m|h|d|mo|y)\s*\n?\s*\w+/);
    await button.click();
    graded.push(id);
    await review.waitForCardOtherThan(id);
  }
  expect(new Set(graded).size).toBe(6);

  // Undo takes back the last grade: its card is shown again and its log row is gone.
  await review.undoButton.click();
  await page.waitForFunction((id) => document.querySelector('[data-card-id]')?.getAttribute('data-card-id') === id, graded[5]);
  await review.showAnswerButton.waitFor();
  await expect.poll(async () => (await reviewLogRows(page)).length).toBe(5);

  const rows = await reviewLogRows(page);
  expect(rows.map((r) => r.cardId)).toEqual(graded.slice(0, 5));
  expect(rows.map((r) => r.rating)).toEqual([3, 3, 3, 3, 4]);

  await page.getByRole('link', { name: '← Decks' }).click();
  await decks.waitForDeck(DECK);
  const after = await decks.counts(DECK);
  expect(after.new).toBe(15);

  await page.reload();
  await decks.waitForDeck(DECK);
  expect(await decks.counts(DECK)).toEqual(after);
  expect(await reviewLogRows(page)).toEqual(rows);

  // The card taken back by undo is still new: studying again starts with it.
  const again = await decks.study(DECK);
  expect(await again.currentCardId()).toBe(graded[5]);
});
