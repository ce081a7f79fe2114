// Statistics in real Chromium: after studying three cards, the screen counts them today, in the
// calendar, the forecast and the card states, for all decks and for the deck studied.
import { expect, test } from 'vitest';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage } from './pages/appPages.ts';
import { StatsPage } from './pages/statsPage.ts';

const DECK = 'Generative AI interview questions';
const app = useAppInBrowser();

test('three cards studied show up on the statistics screen', async () => {
  const { page } = app.browser;
  await page.goto(app.server.url);
  const decks = new DeckListPage(page);
  await decks.waitForDeck(DECK);

  // Before any study: nothing today, every card new.
  const stats = new StatsPage(page);
  await stats.open();
  expect(await stats.summary('today')).toBe('No cards studied yet today.');
  const before = await stats.table('cards');
  const total = Number(before['Total']!['Cards']!.replace(/,/g, ''));
  expect(before['New']!['Cards']).toBe(before['Total']!['Cards']);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decks' }).click();
  const review = await decks.study(DECK);
  for (const key of ['3', '3', '1']) {
    const id = await review.currentCardId();
    await page.keyboard.press('Space');
    await review.gradeButton('Good').waitFor();
    await page.keyboard.press(key);
    await review.waitForCardOtherThan(id);
  }

  await stats.open();
  // The last answer's write may still be under way at the tap: the figures follow when it lands.
  await expect.poll(() => stats.summary('today')).toMatch(/^Studied 3 cards in .+ today, 3 of them new; 67% answered correctly\.$/);
  const today = Object.values(await stats.table('today'))[0]!;
  expect(today).toMatchObject({ Reviews: '3', Again: '1', Hard: '0', Good: '2', Easy: '0', New: '3' });

  expect(await stats.summary('reviews')).toMatch(/^3 reviews in the last 30 days, .+; studied on 1 of 30 days/);
  const days = await stats.table('reviews');
  expect(Object.values(days)).toEqual([expect.objectContaining({ Reviews: '3', Again: '1', Good: '2' })]);

  // The bar under the pointer is named in words (a chart's series are paths, not an element a day).
  const reviewsChart = page.locator('[data-stat="reviews"] .bar-chart svg').first();
  const box = (await reviewsChart.boundingBox())!;
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
  await expect.poll(() => page.locator('[data-stat="reviews"] .chart-readout').first().textContent()).toMatch(/: Again 1, Hard 0, Good 2, Easy 0$/);
  // The calendar names today until a day is pointed at.
  expect(await page.locator('[data-stat="calendar"] .heatmap-readout').textContent()).toMatch(/: 3 reviews$/);

  expect(await stats.summary('calendar')).toMatch(/^Current streak: 1 day\. Studied on 1 of 30 days/);
  expect(Object.values(await stats.table('calendar'))).toEqual([{ Reviews: '3' }]);

  const cards = await stats.table('cards');
  expect(cards['Learning (incl. relearning)']!['Cards']).toBe('3');
  expect(Number(cards['New']!['Cards']!.replace(/,/g, ''))).toBe(total - 3);

  const forecast = await stats.table('forecast');
  const todayRow = Object.entries(forecast).find(([day]) => day.startsWith('Today'));
  expect(todayRow?.[1]).toMatchObject({ Due: '3', Learning: '3', Review: '0' });

  // The deck alone: the same three answers, and only its own cards.
  await stats.chooseDeck(DECK);
  expect(page.url()).toContain('#/stats/');
  expect(Object.values(await stats.table('today'))[0]).toMatchObject({ Reviews: '3' });
  const deckCards = await stats.table('cards');
  expect(Number(deckCards['Total']!['Cards'])).toBeLessThan(total);
  expect(deckCards['Learning (incl. relearning)']!['Cards']).toBe('3');

  // A year: the answers are still today's; reviews are grouped by week.
  await stats.choosePeriod('1 year');
  expect(await stats.summary('reviews')).toMatch(/^3 reviews in the last 365 days/);
  expect(Object.keys(await stats.table('reviews'))).toHaveLength(1);

  // True retention counts reviews of cards in review only: none yet.
  expect(await stats.summary('retention')).toMatch(/^No reviews of cards in review in the last 30 days yet\. Desired retention: 90%\.$/);
});
