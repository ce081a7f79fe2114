// The study calendar: one square per study day, weeks as columns (Monday on top), darker for
// more answers. Fixed-size squares; a year scrolls sideways on a phone, today in view.
import { useLayoutEffect, useRef } from 'react';
import type { CalendarDay } from '../../../core/stats/calendar.ts';
import { dateLong, plural } from '../lib.ts';

const TOP = 16;
const LEFT = 28;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 0 for none, then 1–4 by quartiles of the days studied. */
export function heatLevels(counts: number[]): (n: number) => number {
  const sorted = counts.filter((c) => c > 0).sort((a, b) => a - b);
  const q = (f: number) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))] ?? 0;
  const [q1, q2, q3] = [q(0.25), q(0.5), q(0.75)];
  return (n) => (n <= 0 ? 0 : n <= q1 ? 1 : n <= q2 ? 2 : n <= q3 ? 3 : 4);
}

export function Heatmap({ days }: { days: CalendarDay[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [days]);
  if (days.length === 0) return null;
  // Monday-first rows: Sunday (0) goes last.
  const row = (weekday: number) => (weekday + 6) % 7;
  const lead = row(days[0]!.weekday);
  const weeks = Math.ceil((lead + days.length) / 7);
  // A month fills a phone's width with bigger squares; a year scrolls.
  const CELL = weeks <= 7 ? 26 : weeks <= 15 ? 17 : 12;
  const STEP = CELL + 3;
  const level = heatLevels(days.map((d) => d.count));
  const width = LEFT + weeks * STEP;
  const height = TOP + 7 * STEP;
  const monthLabels: Array<{ x: number; text: string }> = [];
  days.forEach((d, i) => {
    const col = Math.floor((lead + i) / 7);
    if (i === 0 || d.date.endsWith('-01')) {
      const x = LEFT + col * STEP;
      const last = monthLabels.at(-1);
      if (!last || x - last.x >= 3 * STEP) monthLabels.push({ x, text: MONTHS[Number(d.date.slice(5, 7)) - 1]! });
    }
  });
  return (
    <div className="heatmap-scroll" ref={scroller}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="heatmap" aria-hidden="true" focusable="false">
        {monthLabels.map((m) => (
          <text key={`${m.x}`} x={m.x} y={11} className="heat-text">
            {m.text}
          </text>
        ))}
        {[['Mon', 0], ['Wed', 2], ['Fri', 4]].map(([name, r]) => (
          <text key={name} x={0} y={TOP + (r as number) * STEP + CELL - 2} className="heat-text">
            {name}
          </text>
        ))}
        {days.map((d, i) => {
          const col = Math.floor((lead + i) / 7);
          return (
            <rect
              key={d.date}
              x={LEFT + col * STEP}
              y={TOP + row(d.weekday) * STEP}
              width={CELL}
              height={CELL}
              rx={2}
              className={`heat heat-${level(d.count)}${i === days.length - 1 ? ' heat-today' : ''}`}
            >
              <title>{`${dateLong(d.date)}: ${d.count ? plural(d.count, 'review') : 'no reviews'}`}</title>
            </rect>
          );
        })}
      </svg>
    </div>
  );
}
