// Vertical bars, stacked by series, as plain SVG. The bars stretch to the width (no text inside
// the SVG, so stretching never distorts letters); axis labels are HTML. Each bar has a <title>
// tooltip; the numbers themselves are in the section's table.

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

export function BarChart({ series, data, startLabel, endLabel, format = String, height = 160 }: Props) {
  const totals = data.map((d) => d.values.reduce((a, b) => a + b, 0));
  const max = niceMax(Math.max(0, ...totals));
  const slot = W / Math.max(1, data.length);
  const gap = data.length > 60 ? 0 : Math.min(slot * 0.2, 6);
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
        >
          {[0, 0.5, 1].map((f) => (
            <line key={f} x1="0" x2={W} y1={height * f} y2={height * f} className="grid" vectorEffect="non-scaling-stroke" />
          ))}
          {data.map((d, i) => {
            let y = height;
            const x = i * slot + gap / 2;
            return (
              <g key={i}>
                <title>{`${d.label}: ${series.map((s, k) => `${s.name} ${format(d.values[k] ?? 0)}`).join(', ')}`}</title>
                {/* An invisible full-height rect makes the whole column hoverable. */}
                <rect x={i * slot} y={0} width={slot} height={height} fill="transparent" />
                {series.map((s, k) => {
                  const h = ((d.values[k] ?? 0) / max) * height;
                  if (h <= 0) return null;
                  y -= h;
                  return <rect key={s.key} x={x} y={y} width={Math.max(0.5, slot - gap)} height={h} fill={s.color} />;
                })}
              </g>
            );
          })}
        </svg>
      </div>
      {(startLabel || endLabel) && (
        <div className="axis-x" aria-hidden="true">
          <span>{startLabel}</span>
          <span>{endLabel}</span>
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
