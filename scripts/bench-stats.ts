// npm run bench:stats — the statistics screen on bench:app's collection (100,000 cards, 20 decks,
// a year of simulated answers), in headless Chromium. For each scope and period: reading the rows
// (loadStatsRows) beside a bare IndexedDB scan of the same rows in the same run, then computing the
// figures and rendering the charts until the frame is painted (goal: under 200 ms once the data is
// loaded). Medians; the goal is printed, not enforced. BENCH_SCREENSHOTS=1 also photographs the
// app's #/stats on that collection at phone and desktop size, light and dark, into .tmp/screens/.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { StatsBenchApi, StatsSeedReport, StatsTimes } from '../bench/stats/statsBench.ts';
import { openBrowser, serveDist } from '../tests/e2e/harness.ts';
import { median } from './lib/median.ts';
import { printTable } from './lib/table.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = '.tmp/bench-stats-dist';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const GOAL_MS = 200;
const CASES: Array<[scope: string, days: number]> = [
  ['all', 30],
  ['all', 90],
  ['all', 365],
  ['bench-deck-01', 365],
];

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;


const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));


async function main(): Promise<void> {
  console.log(`bench:stats — ${RUNS} runs per case; building…`);
  execFileSync('npm', ['run', '--silent', 'decks'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: OUT_DIR, emptyOutDir: true } });
  await build({ configFile: join(root, 'bench/stats/vite.config.ts'), logLevel: 'warn' });
  const server = await serveDist(join(root, OUT_DIR));
  const browser = await openBrowser({ width: 1280, height: 900 });
  const { page, context } = browser;
  await context.addInitScript({ content: 'var __name = (f) => f;' });
  try {
    const benchPage = `${server.url}bench/stats/stats-bench.html`;
    console.log(`[${elapsed()}] seeding 100,000 cards with a year of answers in Chromium…`);
    await page.goto(benchPage);
    await page.waitForFunction(() => 'rehearseStatsBench' in window);
    const seed: StatsSeedReport = await page.evaluate(() =>
      (window as unknown as { rehearseStatsBench: StatsBenchApi }).rehearseStatsBench.seed(),
    );
    console.log(
      `[${elapsed()}] seeded ${seed.cards.toLocaleString('en')} cards, ${seed.reviewLogs.toLocaleString('en')} review-log rows ` +
        `(${seed.logsToday} today) in ${seed.seconds.toFixed(0)} s`,
    );

    const results: StatsTimes[] = [];
    for (const [scope, days] of CASES) {
      console.log(`[${elapsed()}] timing ${scope}, ${days} days…`);
      await page.goto(benchPage);
      await page.waitForFunction(() => 'rehearseStatsBench' in window);
      results.push(
        await page.evaluate(
          ([s, d, r]) => (window as unknown as { rehearseStatsBench: StatsBenchApi }).rehearseStatsBench.time(s, d, r),
          [scope, days, RUNS] as [string, number, number],
        ),
      );
    }

    console.log(`\n[${elapsed()}] results (medians in ms, n=${RUNS} each)\n`);
    const missed: string[] = [];
    printTable(
      ['scope, period', 'logs read', 'cards read', 'bare scan', 'loadStatsRows', 'ratio', 'full scan', 'compute', 'render', 'compute→painted', `goal < ${GOAL_MS}`],
      results.map((r) => {
        const paint = median(r.computeToPaint);
        if (paint >= GOAL_MS) missed.push(`${r.scope}, ${r.days} days: ${ms(paint)} ms`);
        return [
          `${r.scope}, ${r.days} d`,
          r.logs.toLocaleString('en'),
          r.cards.toLocaleString('en'),
          ms(median(r.bareScan)),
          ms(median(r.load)),
          `${(median(r.load) / median(r.bareScan)).toFixed(2)}×`,
          r.fullScan.length ? ms(median(r.fullScan)) : '',
          ms(median(r.compute)),
          ms(median(r.render)),
          ms(paint),
          paint < GOAL_MS ? 'met' : 'MISSED',
        ];
      }),
    );
    console.log(
      '\nbare scan: the same reads with bare IndexedDB getAll/getAllKeys in one transaction; full scan: the period\'s' +
        '\nanswers and every card state whole (n=3), what reading all rows would cost; compute: collectionStats;' +
        '\nrender: React commit of every chart (flushSync); compute→painted: from the rows in hand to the frame after the commit.',
    );
    console.log(missed.length ? `\nGOAL MISSED:\n${missed.map((m) => `  - ${m}`).join('\n')}` : '\nGoal met in every case.');

    if (process.env.BENCH_SCREENSHOTS) {
      const out = join(root, '.tmp/screens');
      mkdirSync(out, { recursive: true });
      // The first app open syncs the bundled decks into the seeded database.
      await page.goto(server.url);
      await page.getByText('Bench deck 20').waitFor({ timeout: 120_000 });
      for (const [name, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 800 }]] as const) {
        await page.setViewportSize(viewport);
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          for (const period of ['30 days', '1 year'] as const) {
            await page.goto(`${server.url}#/stats`);
            await page.locator('[data-stats-ready]').waitFor({ timeout: 60_000 });
            await page.getByRole('radio', { name: period }).check({ force: true });
            await page.waitForFunction((p) => document.querySelector('[role="status"]')?.textContent?.includes(p), period);
            await page.locator('[data-stats-ready]').waitFor();
            await page.waitForTimeout(300);
            await page.screenshot({ path: join(out, `stats-${name}-${scheme}-${period.replace(' ', '')}.png`), fullPage: true });
          }
        }
      }
      console.log(`\nscreenshots in ${out}/stats-*.png`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
