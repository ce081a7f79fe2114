// When there is enough history to fit personal parameters. FSRS's guidance (the Anki manual and
// the fsrs4anki wiki) is a few hundred reviews; below that the fitted curve follows noise.

/** Answers across days needed before "Optimize" runs. */
export const MIN_REVIEWS_FOR_OPTIMIZING = 400;

/** Whether the log is big enough, and what to tell the user. */
export interface Readiness {
  ready: boolean;
  /** Answers across days in the log. */
  reviews: number;
  /** How many more are needed (0 when ready). */
  missing: number;
  message: string;
}

/** Readiness for a log with `reviews` answers across days. */
export function optimizerReadiness(reviews: number, minimum = MIN_REVIEWS_FOR_OPTIMIZING): Readiness {
  const missing = Math.max(0, minimum - reviews);
  const n = (x: number) => x.toLocaleString('en');
  return {
    ready: missing === 0,
    reviews,
    missing,
    message:
      missing === 0
        ? `${n(reviews)} reviews to learn from.`
        : `Optimizing needs ${n(minimum)} reviews of cards on a later day than their previous answer; you have ${n(reviews)}. ` +
          `${n(missing)} more review${missing === 1 ? '' : 's'} needed.`,
  };
}
