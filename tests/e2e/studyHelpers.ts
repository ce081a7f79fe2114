// Helpers of the study specs (review, two tabs, crash, new day): the build to serve, taps that
// wait as a person would for the card to take taps (see TAP_GUARD_MS), and the study screen's
// own attributes.
import type { Page } from 'playwright-core';
import { ReviewPage } from './pages/appPages.ts';

/** Waits until the answer bar takes taps again (a moment after the card or its answer appeared). */
export async function waitForTaps(page: Page): Promise<void> {
  await page.locator('.answer-bar[data-takes-taps="true"]').waitFor();
}

/** Shows the answer with a tap, once taps are taken. */
export async function tapShowAnswer(review: ReviewPage): Promise<void> {
  await waitForTaps(review.page);
  await review.showAnswerButton.click();
  await review.gradeButton('Good').waitFor();
}

/** Grades with a tap, once taps are taken; returns the graded card's id. */
export async function tapGrade(review: ReviewPage, grade: 'Again' | 'Hard' | 'Good' | 'Easy'): Promise<string> {
  const id = await review.currentCardId();
  await waitForTaps(review.page);
  await review.gradeButton(grade).click();
  return id;
}
