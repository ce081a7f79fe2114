// Page model of the statistics screen: its figures are read from each chart's table (the text
// alternative), as a screen reader would.
import type { Page } from 'playwright-core';

export type StatId = 'interview-forecast' | 'today' | 'reviews' | 'calendar' | 'retention' | 'forecast' | 'cards' | 'stability' | 'difficulty';

export class StatsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stats' }).click();
    await this.waitForFigures();
  }

  async waitForFigures(): Promise<void> {
    await this.page.locator('[data-stats-ready]').waitFor();
  }

  async chooseDeck(title: string): Promise<void> {
    await this.page.getByLabel('Deck').selectOption({ label: title });
    await this.page.waitForFunction((t) => document.querySelector('[role="status"]')?.textContent?.includes(t), title);
    await this.waitForFigures();
  }

  async choosePeriod(name: '30 days' | '90 days' | '1 year'): Promise<void> {
    await this.page.getByRole('radio', { name }).check({ force: true });
    await this.page.waitForFunction((n) => document.querySelector('[role="status"]')?.textContent?.includes(n), name);
    await this.waitForFigures();
  }

  summary(id: StatId): Promise<string> {
    return this.page.locator(`[data-stat="${id}"] .stats-summary`).innerText();
  }

  /** The chart's table as { row header → { column header → cell } }, opened as a person opens it. */
  async table(id: StatId): Promise<Record<string, Record<string, string>>> {
    const details = this.page.locator(`[data-stat="${id}"] details.stats-table`);
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    return this.page.locator(`[data-stat="${id}"] table`).evaluate((table) => {
      const head = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
      const out: Record<string, Record<string, string>> = {};
      for (const tr of table.querySelectorAll('tbody tr')) {
        const cells = [...tr.children].map((c) => c.textContent ?? '');
        out[cells[0]!] = Object.fromEntries(cells.slice(1).map((c, i) => [head[i + 1]!, c]));
      }
      return out;
    });
  }
}
