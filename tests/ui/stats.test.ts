import { describe, expect, it } from 'vitest';
import { heatLevels, heatmapLayout } from '../../src/ui/stats/charts/Heatmap.tsx';
import { barIndexAt, barPaths, niceMax } from '../../src/ui/stats/charts/BarChart.tsx';
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

  it('draws each series as one path: a rectangle per bar with a part in it, stacked in series order', () => {
    const data = [
      { label: 'a', values: [2, 0] },
      { label: 'b', values: [0, 0] },
      { label: 'c', values: [1, 3] },
    ];
    // 3 bars on 300 units: slots of 100, a gap of 6 (3 on each side), bars 94 wide; 4 = the axis maximum.
    const [first, second] = barPaths(data, 2, 4, 100, 300);
    expect(first).toBe('M3 50h94v50h-94zM203 75h94v25h-94z');
    expect(second).toBe('M203 0h94v75h-94z');
    expect(barPaths([{ label: 'none', values: [0] }], 1, 1, 100)).toEqual(['']);
  });

  it('finds the bar under the pointer anywhere in its column, none outside the plot', () => {
    expect([0, 99, 100, 299.9].map((x) => barIndexAt(x, 300, 3))).toEqual([0, 0, 1, 2]);
    expect([-1, 300].map((x) => barIndexAt(x, 300, 3))).toEqual([null, null]);
    expect(barIndexAt(10, 300, 0)).toBeNull();
  });

  it('finds the calendar day under the pointer, Monday-first, none before the first day or after the last', () => {
    // 2024-06-05 was a Wednesday: the first column starts two empty squares down.
    const days = Array.from({ length: 10 }, (_, i) => ({ day: 19879 + i, date: `2024-06-${String(5 + i).padStart(2, '0')}`, weekday: (3 + i) % 7, count: i }));
    const layout = heatmapLayout(days);
    const centre = (i: number) => [layout.x(i) + layout.cell / 2, layout.y(i) + layout.cell / 2] as const;
    expect(days.map((_, i) => layout.dayAt(...centre(i)))).toEqual(days.map((_, i) => i));
    // Monday of the first week (before the first day), and the Sunday after the last (2024-06-14 is a Friday).
    expect(layout.dayAt(layout.x(0) + 1, layout.y(0) - 2 * layout.step + 1)).toBeNull();
    expect(layout.dayAt(layout.x(9) + 1, layout.y(9) + 2 * layout.step + 1)).toBeNull();
    expect(layout.dayAt(0, 0)).toBeNull();
  });
});

