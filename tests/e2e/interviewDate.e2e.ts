// An interview date in real Chromium: set "ready by" on a deck from its actions, the deck list
// shows the readiness line and the plan's new cards, and the deck's statistics show the forecast.
import { expect, test } from 'vitest';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage } from './pages/appPages.ts';
import { StatsPage } from './pages/statsPage.ts';

const DECK = 'Generative AI interview questions';
const app = useAppInBrowser();

/** A `datetime-local` value `days` ahead at 10:00, in the browser's zone. */
function tenOClock(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00`;
}

test('an interview date shows a readiness line on the deck list and a forecast on the stats', async () => {
  const { page } = app.browser;
  await page.goto(app.server.url);
  const decks = new DeckListPage(page);
  await decks.waitForDeck(DECK);
  const row = decks.row(DECK);
  expect(await row.locator('[data-interview-readiness]').count()).toBe(0);
  const newBefore = (await decks.counts(DECK)).new;

  await row.getByRole('button', { name: `Manage ${DECK}` }).click();
  const form = page.getByRole('form', { name: 'Interview date' });
  // A date already past is refused in a sentence.
  await form.getByLabel('Ready by').fill('2020-01-03T10:00');
  await form.getByRole('button', { name: 'Set interview date' }).click();
  await expect.poll(() => form.getByRole('alert').textContent()).toBe('That interview date is already past; pick a time ahead.');

  await form.getByLabel('Ready by').fill(tenOClock(12));
  await form.getByLabel('Recall').fill('90');
  await form.getByRole('button', { name: 'Set interview date' }).click();
  await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^Ready by \w{3} \d+ \w{3} 10:00: the deck is planned for it\./);

  const line = row.locator('[data-interview-readiness]');
  await expect.poll(() => line.innerText()).toMatch(/^Interview \w{3} \d+ \w{3} 10:00 · 0% ready · \d+ new a day/);
  const perDay = Number((await line.innerText()).match(/· (\d+) new a day/)![1]);
  // The plan spreads the deck's new cards: today's count is the plan's, within the ordinary limit.
  expect(perDay).toBeGreaterThan(0);
  expect(perDay).toBeLessThanOrEqual(20);
  await expect.poll(async () => (await decks.counts(DECK)).new).toBe(Math.min(newBefore, perDay));

  const stats = new StatsPage(page);
  await stats.open();
  await stats.chooseDeck(DECK);
  const summary = await stats.summary('interview-forecast');
  expect(summary).toMatch(/^Following the plan, about \d+% of the deck will be recalled at the date \(target 90%\); skipping today’s session, \d+%\. Ready now: 0%\./);
  const table = await stats.table('interview-forecast');
  const days = Object.keys(table);
  expect(days[0]).toBe('Today');
  expect(days.length).toBeGreaterThanOrEqual(12);
  expect(table['Today']!['New cards']).toBe(String(perDay));
  // Today's session lifts today's forecast above the one without it, and never lowers the last day's.
  expect(parseInt(table['Today']!['With today']!)).toBeGreaterThan(parseInt(table['Today']!['Without today']!));
  const last = table[days.at(-1)!]!;
  expect(parseInt(last['With today']!)).toBeGreaterThanOrEqual(parseInt(last['Without today']!));
});
