// Vertical bars, stacked by series, as plain SVG. The bars stretch to the width (no text inside
// the SVG, so stretching never distorts letters); axis labels are HTML. Each series is one <path>,
// however many bars (a year of days as elements held up the statistics screen): the bar under the
// pointer or the finger is named in the axis row, and the numbers themselves are in the section's table.
import { useState, type PointerEvent } from 'react';

export interface BarSeries {
  key: string;
  name: string;
  /** A CSS colour, usually a theme variable: `var(--good)`. */
  color: string;
}

export interface BarDatum {
  /** Tooltip and axis label. */
  label: string;
  /** One value per series, in series order. */
  values: number[];
}

interface Props {
  series: BarSeries[];
  data: BarDatum[];
  /** Labels under the first and last bar (e.g. "Jun 1", "Today"). */
  startLabel?: string;
  endLabel?: string;
  /** Formats the y-axis maximum and tooltips. */
  format?: (n: number) => string;
  height?: number;
}

const W = 1000;

/** A rounded-up axis maximum whose half is round too: 1, 2, 3, 4, 5, 6, 8 × 10ⁿ. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 3, 4, 5, 6, 8, 10]) if (m * p >= max - 1e-9) return m * p;
  return 10 * p;
}

/** One SVG path per series: a rectangle for each bar's part in it, stacked bottom up in series order. */
export function barPaths(data: BarDatum[], seriesCount: number, max: number, height: number, width = W): string[] {
  const slot = width / Math.max(1, data.length);
  const gap = data.length > 60 ? 0 : Math.min(slot * 0.2, 6);
  const barWidth = Math.max(0.5, slot - gap);
  const paths = Array.from({ length: seriesCount }, () => [] as string[]);
  data.forEach((d, i) => {
    let y = height;
    const x = i * slot + gap / 2;
    for (let k = 0; k < seriesCount; k++) {
      const h = ((d.values[k] ?? 0) / max) * height;
      if (!(h > 0)) continue;
      y -= h;
      paths[k]!.push(`M${round(x)} ${round(y)}h${round(barWidth)}v${round(h)}h${round(-barWidth)}z`);
    }
  });
  return paths.map((p) => p.join(''));
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The bar under a pointer `offsetX` pixels into a plot `width` pixels wide, or null outside it. */
export function barIndexAt(offsetX: number, width: number, count: number): number | null {
  if (width <= 0 || count === 0 || offsetX < 0 || offsetX >= width) return null;
  return Math.min(count - 1, Math.floor((offsetX / width) * count));
}

export function BarChart({ series, data, startLabel, endLabel, format = String, height = 160 }: Props) {
  const [hovered, setHovered] = useState<number | null>(null);
  const totals = data.map((d) => d.values.reduce((a, b) => a + b, 0));
  const max = niceMax(Math.max(0, ...totals));
  const slot = W / Math.max(1, data.length);
  const paths = barPaths(data, series.length, max, height);
  const point = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    setHovered(barIndexAt(e.clientX - box.left, box.width, data.length));
  };
  const shown = hovered === null ? undefined : data[hovered];
  return (
    <div className="bar-chart">
      <div className="chart-plot">
        <span className="axis-y" aria-hidden="true">
          <span>{format(max)}</span>
          <span>{format(max / 2)}</span>
          <span>0</span>
        </span>
        <svg
          viewBox={`0 0 ${W} ${height}`}
          preserveAspectRatio="none"
          width="100%"
          height={height}
          aria-hidden="true"
          focusable="false"
          onPointerMove={point}
          onPointerDown={point}
          onPointerLeave={() => setHovered(null)}
        >
          {[0, 0.5, 1].map((f) => (
            <line key={f} x1="0" x2={W} y1={height * f} y2={height * f} className="grid" vectorEffect="non-scaling-stroke" />
          ))}
          {hovered !== null && <rect className="bar-hover" x={hovered * slot} y={0} width={slot} height={height} />}
          {series.map((s, k) => paths[k] && <path key={s.key} d={paths[k]} fill={s.color} />)}
        </svg>
      </div>
      {(startLabel || endLabel || shown) && (
        <div className="axis-x" aria-hidden="true">
          <span>{shown ? '' : startLabel}</span>
          {shown && <span className="chart-readout">{`${shown.label}: ${series.map((s, k) => `${s.name} ${format(shown.values[k] ?? 0)}`).join(', ')}`}</span>}
          <span>{shown ? '' : endLabel}</span>
        </div>
      )}
      {series.length > 1 && <Legend series={series} />}
    </div>
  );
}

export function Legend({ series }: { series: Array<Pick<BarSeries, 'key' | 'name' | 'color'>> }) {
  return (
    <ul className="legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.key}>
          <span className="swatch" style={{ background: s.color }} />
          {s.name}
        </li>
      ))}
    </ul>
  );
}
