// One horizontal bar split into parts (cards by state), with a legend that gives the numbers.
import { count } from '../lib.ts';

export interface Part {
  key: string;
  name: string;
  value: number;
  color: string;
}

export function ProportionBar({ parts }: { parts: Part[] }) {
  const total = parts.reduce((n, p) => n + p.value, 0);
  let x = 0;
  return (
    <div className="proportion">
      <svg viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="20" aria-hidden="true" focusable="false">
        <rect x="0" y="0" width="100" height="10" className="empty" />
        {total > 0 &&
          parts.map((p) => {
            const w = (p.value / total) * 100;
            const rect = <rect key={p.key} x={x} y="0" width={w} height="10" fill={p.color} />;
            x += w;
            return rect;
          })}
      </svg>
      <ul className="legend counts-legend" aria-hidden="true">
        {parts.map((p) => (
          <li key={p.key}>
            <span className="swatch" style={{ background: p.color }} />
            {p.name} <strong>{count(p.value)}</strong>
            {total > 0 && <span className="muted"> ({Math.round((p.value / total) * 100)}%)</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
