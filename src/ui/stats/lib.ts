// Pure helpers of the statistics screen: numbers in words, and days grouped into weeks when a
// year of daily bars would be thinner than a pixel on a phone.

import type { ReviewDay } from '../../core/stats/reviews.ts';

const nf = new Intl.NumberFormat('en');

/** 12,345 */
export function count(n: number): string {
  return nf.format(n);
}

/** "1 review", "3 reviews" */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** 0.8765 → "87.7%"; null → "—" */
export function percent(rate: number | null, digits = 1): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

/** A duration for people: "45 s", "23 min", "1 h 5 min". */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const rest = min % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

/** Stability in days for people: "12 hours", "5.3 days", "4.1 months", "2.3 years". */
export function days(d: number): string {
  if (d < 1) return `${Math.round(d * 24)} hours`;
  if (d < 30) return `${d < 10 ? d.toFixed(1) : Math.round(d)} days`;
  if (d < 365) return `${(d / 30).toFixed(1)} months`;
  return `${(d / 365).toFixed(1)} years`;
}

const shortDate = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const longDate = new Intl.DateTimeFormat('en', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** "2024-06-10" → "Jun 10" */
export function dateShort(key: string): string {
  return shortDate.format(new Date(`${key}T00:00:00Z`));
}

/** "2024-06-10" → "Jun 10, 2024" */
export function dateWithYear(key: string): string {
  return monthYear.format(new Date(`${key}T00:00:00Z`));
}

/** "2024-06-10" → "Mon, Jun 10, 2024" */
export function dateLong(key: string): string {
  return longDate.format(new Date(`${key}T00:00:00Z`));
}

/** Review days grouped `size` at a time, newest group ending today; a group is labelled by its first day. */
export function groupReviewDays(days: readonly ReviewDay[], size: number): Array<ReviewDay & { until: string }> {
  if (size <= 1) return days.map((d) => ({ ...d, until: d.date }));
  const out: Array<ReviewDay & { until: string }> = [];
  // Groups are aligned on today, so the last bar is "the last 7 days".
  for (let end = days.length; end > 0; end -= size) {
    const slice = days.slice(Math.max(0, end - size), end);
    const g = { ...slice[0]!, until: slice.at(-1)!.date, again: 0, hard: 0, good: 0, easy: 0, total: 0, newCards: 0, durationMs: 0 };
    for (const d of slice) {
      g.again += d.again;
      g.hard += d.hard;
      g.good += d.good;
      g.easy += d.easy;
      g.total += d.total;
      g.newCards += d.newCards;
      g.durationMs += d.durationMs;
    }
    out.unshift(g);
  }
  return out;
}

/** Days per bar for a period: daily up to 90 days, weekly beyond. */
export function barDays(periodDays: number): number {
  return periodDays > 90 ? 7 : 1;
}
