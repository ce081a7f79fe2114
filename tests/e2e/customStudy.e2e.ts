// Custom study in real Chromium against the production build: a tag studied from the browser
// without rescheduling changes no card's state and leaves practice rows in the log (read straight
// from IndexedDB); a review-ahead session started from the deck list's sheet does reschedule.
import { expect, test } from 'vitest';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage, ReviewPage } from './pages/appPages.ts';
import { BrowsePage } from './pages/browsePages.ts';
import { storeRows } from './pages/importPage.ts';
import { tapGrade, tapShowAnswer } from './studyHelpers.ts';

const TAG = 'WEAK CANDIDATES';
const DECK = 'Technical answers, weak to exceptional';
const app = useAppInBrowser();

interface StateRow {
  cardId: string;
  version: number;
  schedule: { due: number; state: number; reps: number };
}
interface LogRow {
  id: string;
  cardId: string;
  kind?: string;
  rating: number;
  voided?: 1;
}

async function answerAll(review: ReviewPage, grades: Array<'Again' | 'Good'>): Promise<string[]> {
  const graded: string[] = [];
  for (const grade of grades) {
    await tapShowAnswer(review);
    graded.push(await tapGrade(review, grade));
    if (graded.length < grades.length) await review.page.locator('.custom-session-line').waitFor();
  }
  return graded;
}

test('study a tag from the browser without rescheduling: no card state changes, practice rows in the log', async () => {
  const { page } = app.browser;
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck(DECK);
  const statesBefore = await storeRows<StateRow>(page, 'cardStates');

  const browse = new BrowsePage(page);
  await browse.open();
  await page.getByLabel('Tag', { exact: true }).selectOption(TAG);
  const studyThese = page.getByRole('link', { name: /^Study these \d+ cards$/ });
  await studyThese.waitFor();
  expect(await studyThese.innerText()).toBe('Study these 6 cards');
  await studyThese.click();

  const review = new ReviewPage(page);
  await review.showAnswerButton.waitFor();
  const line = page.locator('.custom-session-line');
  expect(await line.innerText()).toMatch(/^Study #WEAK CANDIDATES · All decks · 6 left\s+Not rescheduling$/);

  // Again on the first card brings it back at the end; an undo takes a grade back.
  const first = await answerAll(review, ['Again']);
  await expect.poll(() => line.innerText()).toMatch(/· 6 left/);
  const second = await answerAll(review, ['Good']);
  await review.undoButton.click();
  await expect.poll(() => review.currentCardId()).toBe(second[0]);
  // The undo has reached storage before the reload (an undo is not journaled as a grade is).
  await expect.poll(async () => (await storeRows<LogRow>(page, 'reviews')).filter((r) => r.voided).length).toBe(1);
  // A reload resumes the session with the cards it had left.
  await page.reload();
  await review.showAnswerButton.waitFor();
  await expect.poll(() => line.innerText()).toMatch(/· 6 left/);
  const rest = await answerAll(review, ['Good', 'Good', 'Good', 'Good', 'Good', 'Good']);
  expect(rest.at(-1)).toBe(first[0]);
  await page.getByRole('heading', { name: 'Session done' }).waitFor();
  expect(await page.locator('.session-end').innerText()).toContain('Not rescheduled: every card keeps its schedule.');

  // IndexedDB: every card state as it was, and the practice rows there (the undone one voided).
  expect(await storeRows<StateRow>(page, 'cardStates')).toEqual(statesBefore);
  const logs = await storeRows<LogRow>(page, 'reviews');
  expect(logs.every((r) => r.kind === 'practice')).toBe(true);
  expect(logs.filter((r) => !r.voided).length).toBe(7);
  expect(logs.filter((r) => r.voided).length).toBe(1);
  expect(new Set(logs.map((r) => r.cardId)).size).toBe(6);
  // The deck list still counts the day's new cards as before: nothing was introduced.
  await page.goto(`${app.server.url}#/`);
  expect((await new DeckListPage(page).counts(DECK)).new).toBe(20);
});

test('review ahead from the deck list reschedules the cards it shows', async () => {
  const { page } = app.browser;
  await page.goto(app.server.url);
  const decks = new DeckListPage(page);
  await decks.waitForDeck(DECK);
  // A card learned with Easy is due days from now: nothing is due today, but it is "ahead".
  const review = await decks.study(DECK);
  const [learned] = await answerAllPlain(review, 'Easy');
  const before = (await storeRows<StateRow>(page, 'cardStates')).find((s) => s.cardId === learned)!;
  expect(before.schedule.due).toBeGreaterThan(Date.now() + 86_400_000);

  await page.goto(`${app.server.url}#/`);
  await decks.row(DECK).getByRole('button', { name: 'Custom', exact: true }).click();
  const sheet = page.getByRole('form', { name: `Custom study: ${DECK}` });
  await sheet.getByLabel('Review ahead', { exact: true }).check();
  await sheet.getByLabel('Days ahead').fill('30');
  expect(await sheet.getByRole('checkbox').isChecked()).toBe(true);
  const start = sheet.getByRole('button', { name: 'Study 1 card' });
  await start.waitFor();
  await start.click();

  await review.showAnswerButton.waitFor();
  expect(await page.locator('.custom-session-line').innerText()).toMatch(/^Review ahead 30 days · .* · 1 left\s+Rescheduling$/);
  expect(await review.currentCardId()).toBe(learned);
  await tapShowAnswer(review);
  await tapGrade(review, 'Good');
  await page.getByRole('heading', { name: 'Session done' }).waitFor();

  const after = (await storeRows<StateRow>(page, 'cardStates')).find((s) => s.cardId === learned)!;
  expect(after.version).toBe(before.version + 1);
  expect(after.schedule.reps).toBe(before.schedule.reps + 1);
  // The first test's practice rows are there too (one profile for the file): the two answers here are grades.
  const rows = (await storeRows<LogRow>(page, 'reviews')).filter((r) => r.cardId === learned && r.kind !== 'practice');
  expect(rows.map((r) => r.kind ?? 'grade')).toEqual(['grade', 'grade']);
});

async function answerAllPlain(review: ReviewPage, grade: 'Easy'): Promise<string[]> {
  await tapShowAnswer(review);
  return [await tapGrade(review, grade)];
}
