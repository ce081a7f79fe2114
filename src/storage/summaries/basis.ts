// What the day summaries were cut by. Answers are counted into study days, and a study day depends
// on the day-start hour and the time zone: when either changes, the summaries are marked stale and
// the next statistics read counts the log again (rebuild.ts) rather than mixing two ways of cutting.

import { normalizeSettings, type SchedulerSettings } from '../../core/scheduling/settings.ts';
import type { SummaryBasis } from '../../core/stats/summaries.ts';

export const SUMMARY_BASIS_KEY = 'basis';

/** The one row of `summaryMeta`: the basis the day summaries hold, or that they are stale. */
export interface StoredSummaryMeta extends SummaryBasis {
  id: typeof SUMMARY_BASIS_KEY;
  /** A write came in under another basis: the day summaries no longer count every answer. */
  stale?: boolean;
  /** When they were last counted from the whole log. */
  builtAt: number;
}

/** The basis now: the saved scheduler settings' day start (defaults when never saved) and the zone. */
export function currentBasis(schedulerValue: unknown, zone: string): SummaryBasis {
  return { dayStartHour: normalizeSettings(schedulerValue as Partial<SchedulerSettings> | undefined).dayStartHour, zone };
}

export const sameBasis = (a: SummaryBasis, b: SummaryBasis): boolean => a.dayStartHour === b.dayStartHour && a.zone === b.zone;

/** The zone's name, so a device that travels (or a user who changes it) is noticed. */
export function runtimeZoneName(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || `UTC${-new Date().getTimezoneOffset()}`;
  } catch {
    return `UTC${-new Date().getTimezoneOffset()}`;
  }
}
