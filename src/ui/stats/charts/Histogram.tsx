// Horizontal bars, one row per bucket: label, bar, count. Rows read well at 360 px whatever the
// label length, which vertical bars with a dozen labels do not.

export interface HistogramRow {
  label: string;
  value: number;
}

export function Histogram({ rows, color, format = String }: { rows: HistogramRow[]; color: string; format?: (n: number) => string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <div className="hbars" aria-hidden="true">
      {rows.map((r) => (
        <div className="hbar-row" key={r.label}>
          <span className="hbar-label">{r.label}</span>
          <svg className="hbar" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
            <rect x="0" y="0" width={(r.value / max) * 100} height="10" fill={color} />
          </svg>
          <span className="hbar-value">{format(r.value)}</span>
        </div>
      ))}
    </div>
  );
}
