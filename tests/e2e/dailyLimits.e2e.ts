// The day's limits in real Chromium, with two tabs: the overall limit set in one tab shows in the
// other's deck list at once; studying All decks up to it leaves no new card in any deck, and the
// other tab's list says so without a reload (Dexie's liveQuery hears the other tab's writes).
import { expect, test } from 'vitest';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage } from './pages/appPages.ts';


const app = useAppInBrowser();

test('All decks up to the overall limit, then no deck offers a new card; the other tab follows live', async () => {
  const { page, context } = app.browser;
  await page.goto(app.server.url);
  const here = new DeckListPage(page);
  await here.waitForDeck('All decks');

  const other = await context.newPage();
  await other.goto(app.server.url);
  const there = new DeckListPage(other);
  await there.waitForDeck('All decks');
  const titles = (await other.locator('.deck-row:not(.all) h3').allInnerTexts()).map((t) => t.trim());
  expect(titles.length).toBeGreaterThan(1);
  expect((await there.counts('All decks')).new).toBe(20);

  await page.goto(`${app.server.url}#/settings`);
  const overall = page.getByLabel('New cards per day, all decks together');
  await overall.fill('3');
  await overall.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  // The other tab, untouched, already shows the new limit.
  await expect.poll(async () => (await there.counts('All decks')).new).toBe(3);
  for (const title of titles) expect((await there.counts(title)).new, title).toBeLessThanOrEqual(3);

  await page.goto(app.server.url);
  const review = await here.study('All decks');
  for (let i = 0; i < 3; i++) {
    await review.showAnswerButton.waitFor();
    const id = await review.currentCardId();
    await page.keyboard.press('Space');
    await review.gradeButton('Easy').waitFor();
    await page.keyboard.press('4');
    if (i < 2) await review.waitForCardOtherThan(id);
  }

  // No reload in the other tab: its list follows the grades.
  await expect.poll(async () => (await there.counts('All decks')).new).toBe(0);
  for (const title of titles) {
    expect((await there.counts(title)).new, title).toBe(0);
    await expect.poll(() => there.row(title).getByText('Done for today').count(), { message: title }).toBe(1);
  }
  await other.reload();
  await there.row('All decks').waitFor();
  expect((await there.counts('All decks')).new).toBe(0);
  await other.close();
});
