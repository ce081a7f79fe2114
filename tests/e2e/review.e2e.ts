// A whole review session in real Chromium against the production build: study with the
// keyboard and with taps, undo, reload, and find counts and the review log as they were left.
import { expect, test } from 'vitest';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage, reviewLogRows } from './pages/appPages.ts';
import { tapGrade, tapShowAnswer, waitForTaps } from './studyHelpers.ts';

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

  // Each card names its deck.
  expect(await page.locator('.review-card .card-deck').innerText()).toBe(DECK);

  // Three cards with taps: Good, Easy, Again; each grade button shows its interval.
  for (const grade of ['Good', 'Easy', 'Again'] as const) {
    await tapShowAnswer(review);
    expect(await review.gradeButton(grade).innerText()).toMatch(/\d+(\.\d+)?(s|m|h|d|mo|y)\s*\n?\s*\w+/);
    const id = await tapGrade(review, grade);
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

test('the undo list survives a reload of the tab, and undoes this session\'s answers newest first', async () => {
  const { page } = app.browser;
  const decks = new DeckListPage(page);
  await page.goto(app.server.url);
  const review = await decks.study(DECK);
  const before = (await reviewLogRows(page)).length;
  const graded: string[] = [];
  for (let i = 0; i < 2; i++) {
    const id = await review.currentCardId();
    await page.keyboard.press('Space');
    await review.gradeButton('Good').waitFor();
    await page.keyboard.press('3');
    graded.push(id);
    await review.waitForCardOtherThan(id);
  }
  await page.reload();
  await review.showAnswerButton.waitFor();
  const undo = review.undoButton;
  await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('button[aria-keyshortcuts^="z"]')?.disabled);
  await undo.click();
  await page.waitForFunction((id) => document.querySelector('[data-card-id]')?.getAttribute('data-card-id') === id, graded[1]);
  await expect.poll(async () => (await reviewLogRows(page)).length).toBe(before + 1);
  expect((await reviewLogRows(page)).map((r) => r.cardId)).not.toContain(graded[1]);
  // A double tap on a grade does not reveal the next card's answer.
  await waitForTaps(page);
  await review.showAnswerButton.click();
  await review.gradeButton('Good').waitFor();
  await waitForTaps(page);
  await review.gradeButton('Good').dblclick();
  const next = await review.waitForCardOtherThan(graded[1]!);
  await review.showAnswerButton.waitFor();
  expect(await page.locator('.card-back').count()).toBe(0);
  // A tap that lands on the new card the moment it appears (the second tap of a quick pair, on
  // a slow phone) is ignored too: dispatched from the page as soon as the card changes.
  await tapShowAnswer(review);
  const secondTap = page.evaluate((from) => new Promise<{ revealed: boolean }>((resolve) => {
    const observer = new MutationObserver(() => {
      const id = document.querySelector('[data-card-id]')?.getAttribute('data-card-id');
      const button = document.querySelector<HTMLButtonElement>('button[aria-label="Show answer"]');
      if (!id || id === from || !button) return;
      observer.disconnect();
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1 }));
      resolve({ revealed: document.querySelector('.card-back') !== null });
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  }), next);
  await tapGrade(review, 'Good');
  expect(await secondTap).toEqual({ revealed: false });
  // The same tap a moment later shows the answer.
  await tapShowAnswer(review);
  expect(await page.locator('.card-back').count()).toBe(1);
});
