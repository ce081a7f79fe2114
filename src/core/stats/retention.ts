// True retention, as Anki defines it: of the answers given to cards in review (not learning,
// not relearning, not new), the share that were not Again. Young and mature split by the
// interval the card had before the answer.

import { Rating, State } from '../scheduling/fsrs.ts';
import { pastDays } from './dayWindow.ts';
import { MATURE_DAYS, type StatsPeriod, type StatsReview } from './types.ts';

export interface RetentionCount {
  passed: number;
  failed: number;
  /** passed / (passed + failed), or null with no reviews. */
  rate: number | null;
}

export interface TrueRetention {
  young: RetentionCount;
  mature: RetentionCount;
  total: RetentionCount;
  /** What the scheduler aims for, to show beside it. */
  desiredRetention: number;
}

function count(passed: number, failed: number): RetentionCount {
  return { passed, failed, rate: passed + failed > 0 ? passed / (passed + failed) : null };
}

/** True retention over the last `days` study days (today included). */
export function trueRetention(
  logs: Iterable<StatsReview>,
  period: StatsPeriod & { desiredRetention: number },
): TrueRetention {
  const window = pastDays(period, period.days);
  let youngPassed = 0;
  let youngFailed = 0;
  let maturePassed = 0;
  let matureFailed = 0;
  for (const log of logs) {
    if (log.stateBefore.state !== State.Review || window.indexOf(log.reviewedAt) < 0) continue;
    const passed = log.rating !== Rating.Again;
    if (log.stateBefore.scheduledDays >= MATURE_DAYS) passed ? maturePassed++ : matureFailed++;
    else passed ? youngPassed++ : youngFailed++;
  }
  return {
    young: count(youngPassed, youngFailed),
    mature: count(maturePassed, matureFailed),
    total: count(youngPassed + maturePassed, youngFailed + matureFailed),
    desiredRetention: period.desiredRetention,
  };
}
