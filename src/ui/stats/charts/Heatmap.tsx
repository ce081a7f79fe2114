// The study calendar: one square per study day, weeks as columns (Monday on top), darker for
// more answers. Fixed-size squares; a year scrolls sideways on a phone, today in view. The squares of
// one shade are one <path> (a year of them as elements held up the statistics screen); the day under
// the pointer or the finger is named under the calendar, today's until then.
import { useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
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

/** Where each day's square sits: weeks as columns, Monday-first rows, a month's squares bigger. */
export function heatmapLayout(days: CalendarDay[]) {
  // Monday-first rows: Sunday (0) goes last.
  const lead = days.length ? row(days[0]!.weekday) : 0;
  const weeks = Math.ceil((lead + days.length) / 7);
  // A month fills a phone's width with bigger squares; a year scrolls.
  const cell = weeks <= 7 ? 26 : weeks <= 15 ? 17 : 12;
  const step = cell + 3;
  return {
    lead,
    cell,
    step,
    width: LEFT + weeks * step,
    height: TOP + 7 * step,
    x: (i: number) => LEFT + Math.floor((lead + i) / 7) * step,
    y: (i: number) => TOP + row(days[i]!.weekday) * step,
    /** The day whose square (or the gap after it) holds the point, or null. */
    dayAt(px: number, py: number): number | null {
      if (px < LEFT || py < TOP) return null;
      const col = Math.floor((px - LEFT) / step);
      const r = Math.floor((py - TOP) / step);
      if (r > 6) return null;
      const i = col * 7 + r - lead;
      return i >= 0 && i < days.length ? i : null;
    },
  };
}

function row(weekday: number): number {
  return (weekday + 6) % 7;
}

/** A rectangle with corners of radius `r`, as path data. */
function roundedSquare(x: number, y: number, size: number, r: number): string {
  const side = size - 2 * r;
  return `M${x + r} ${y}h${side}a${r} ${r} 0 0 1 ${r} ${r}v${side}a${r} ${r} 0 0 1 ${-r} ${r}h${-side}a${r} ${r} 0 0 1 ${-r} ${-r}v${-side}a${r} ${r} 0 0 1 ${r} ${-r}z`;
}

const dayText = (d: CalendarDay) => `${dateLong(d.date)}: ${d.count ? plural(d.count, 'review') : 'no reviews'}`;

export function Heatmap({ days }: { days: CalendarDay[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [days]);
  if (days.length === 0) return null;
  const layout = heatmapLayout(days);
  const { cell: CELL, step: STEP, width, height } = layout;
  const level = heatLevels(days.map((d) => d.count));
  const shades: string[][] = [[], [], [], [], []];
  days.forEach((d, i) => shades[level(d.count)]!.push(roundedSquare(layout.x(i), layout.y(i), CELL, 2)));
  const last = days.length - 1;
  const monthLabels: Array<{ x: number; text: string }> = [];
  days.forEach((d, i) => {
    if (i === 0 || d.date.endsWith('-01')) {
      const x = layout.x(i);
      const previous = monthLabels.at(-1);
      if (!previous || x - previous.x >= 3 * STEP) monthLabels.push({ x, text: MONTHS[Number(d.date.slice(5, 7)) - 1]! });
    }
  });
  const point = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    setHovered(layout.dayAt(e.clientX - box.left, e.clientY - box.top));
  };
  const shown = hovered ?? last;
  return (
    <div className="heatmap-block">
      <div className="heatmap-scroll" ref={scroller}>
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          className="heatmap"
          aria-hidden="true"
          focusable="false"
          onPointerMove={point}
          onPointerDown={point}
          onPointerLeave={() => setHovered(null)}
        >
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
          {shades.map((squares, n) => squares.length > 0 && <path key={n} d={squares.join('')} className={`heat heat-${n}`} />)}
          <rect x={layout.x(last)} y={layout.y(last)} width={CELL} height={CELL} rx={2} className={`heat heat-${level(days[last]!.count)} heat-today`} />
          {hovered !== null && hovered !== last && (
            <rect x={layout.x(hovered)} y={layout.y(hovered)} width={CELL} height={CELL} rx={2} className="heat-hover" />
          )}
        </svg>
      </div>
      <p className="chart-readout heatmap-readout" aria-hidden="true">
        {dayText(days[shown]!)}
      </p>
    </div>
  );
}
