import { describe, expect, it } from 'vitest';
import { heatLevels } from '../../src/ui/stats/charts/Heatmap.tsx';
import { niceMax } from '../../src/ui/stats/charts/BarChart.tsx';
import { barDays, duration, groupReviewDays, percent } from '../../src/ui/stats/lib.ts';

const day = (date: string, total: number) => ({ date, again: 0, hard: 0, good: total, easy: 0, total, newCards: 0, durationMs: total * 1000 });

describe('statistics screen helpers', () => {
  it('groups days into weeks ending today, a short first group if needed', () => {
    const days = Array.from({ length: 9 }, (_, i) => day(`2024-06-0${i + 1}`, i + 1));
    const weeks = groupReviewDays(days, 7);
    expect(weeks.map((w) => [w.date, w.until, w.total])).toEqual([
      ['2024-06-01', '2024-06-02', 3],
      ['2024-06-03', '2024-06-09', 42],
    ]);
    expect(weeks[1]!.durationMs).toBe(42_000);
    expect(groupReviewDays(days, 1)).toHaveLength(9);
    expect([barDays(30), barDays(90), barDays(365)]).toEqual([1, 1, 7]);
  });

  it('formats durations and rates', () => {
    expect([duration(45_000), duration(23 * 60_000), duration(65 * 60_000), duration(120 * 60_000)]).toEqual(['45 s', '23 min', '1 h 5 min', '2 h']);
    expect([percent(0.8766), percent(null), percent(0.9, 0)]).toEqual(['87.7%', '—', '90%']);
  });

  it('rounds axis maxima up to 1, 2, 3, 4, 5, 6, 8 × 10ⁿ', () => {
    expect([niceMax(0), niceMax(7), niceMax(12), niceMax(250), niceMax(1000), niceMax(5500), niceMax(9000)]).toEqual([1, 8, 20, 300, 1000, 6000, 10000]);
  });

  it('shades calendar days in four levels by quartile, none for zero', () => {
    const level = heatLevels([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(level)).toEqual([0, 1, 1, 1, 2, 2, 3, 3, 4]);
  });
});
