// One statistic: a heading, a sentence that says what the chart shows, the chart, and the same
// numbers as a table under "Show as table" (for screen readers, and for anyone who wants figures).
// The table's rows are rendered when it is opened: a year of them is half the screen's elements,
// and building them held up every chart for nobody.
import { useId, useState, type ReactNode } from 'react';

export interface TableData {
  caption: string;
  head: string[];
  rows: Array<Array<string | number>>;
}

interface Props {
  title: string;
  summary: ReactNode;
  children?: ReactNode;
  table?: TableData | undefined;
  /** Test and bench hook. */
  id: string;
}

export function ChartSection({ title, summary, children, table, id }: Props) {
  const headingId = useId();
  const [tableOpen, setTableOpen] = useState(false);
  return (
    <section className="stats-section" aria-labelledby={headingId} data-stat={id}>
      <h3 id={headingId}>{title}</h3>
      <p className="stats-summary">{summary}</p>
      {children}
      {table && table.rows.length > 0 && (
        <details className="stats-table" onToggle={(e) => setTableOpen(e.currentTarget.open)}>
          <summary>Show as table</summary>
          {tableOpen && (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{table.caption}</caption>
                <thead>
                  <tr>
                    {table.head.map((h, i) => (
                      <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((r, i) => (
                    <tr key={i}>
                      {r.map((c, k) =>
                        k === 0 ? (
                          <th key={k} scope="row">
                            {c}
                          </th>
                        ) : (
                          <td key={k} className="num">
                            {c}
                          </td>
                        ),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </details>
      )}
    </section>
  );
}
