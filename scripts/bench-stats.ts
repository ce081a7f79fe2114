// npm run bench:stats — the statistics screen on bench:app's collection (100,000 cards, 20 decks,
// a year of simulated answers), in headless Chromium. For each scope and period: a new document
// at #/stats, from navigation start to every chart painted, beside a bare page of the same origin
// that makes the same reads with bare IndexedDB and paints one line, at 1× and 4× CPU (goal: under
// 200 ms at 1×); in the page, the summary reads beside the history read they replaced; and the
// schema upgrade of the same collection written at version 2 (BENCH_UPGRADE=0 skips it), with a
// check that every row is unchanged. Medians; the goal is printed, not enforced.
// BENCH_SCREENSHOTS=1 also photographs #/stats at phone and desktop size, light and dark, into .tmp/screens/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { build } from 'vite';
import type { StatsBenchApi, StatsSeedReport, StatsTimes, UpgradeReport } from '../bench/stats/statsBench.ts';
import { openBrowser, serveDist } from '../tests/e2e/harness.ts';
import { median } from './lib/median.ts';
import { printTable } from './lib/table.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = '.tmp/bench-stats-dist';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const GOAL_MS = 200;
/** A mid-range phone, as bench:pwa has it. */
const SLOWDOWN = 4;
const CASES: Array<[scope: string, days: number]> = [
  ['all', 30],
  ['all', 90],
  ['all', 365],
  ['bench-deck-01', 365],
];

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;


const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));


/** Installed in every document: when the first `[data-stats-ready]` element is in the DOM and painted. */
function installMarks(): void {
  const w = window as unknown as { __statsPainted: number | null };
  w.__statsPainted = null;
  let seen = false;
  new MutationObserver(() => {
    if (seen || !document.querySelector('[data-stats-ready]')) return;
    seen = true;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (w.__statsPainted = performance.now());
      channel.port2.postMessage(null);
    });
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-stats-ready'] });
}

/**
 * Loads `url` in a new tab (as bench:pwa does: nothing of the previous document can weigh on it),
 * CPU slowed `slowdown` times; ms from navigation start to the statistics painted.
 */
async function openAndTime(context: BrowserContext, url: string, slowdown: number): Promise<number> {
  const page = await context.newPage();
  try {
    if (slowdown !== 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    await page.goto(url, { waitUntil: 'commit' });
    try {
      await page.waitForFunction(() => (window as unknown as { __statsPainted?: number | null }).__statsPainted != null, null, {
        timeout: 120_000,
        polling: 50,
      });
    } catch (error) {
      await page.screenshot({ path: join(root, '.tmp/bench-stats-failure.png') }).catch(() => undefined);
      const text = await page.evaluate(() => document.documentElement.outerHTML.slice(0, 2000)).catch(() => '(no page)');
      throw new Error(`no statistics painted at ${url} (screenshot in .tmp/bench-stats-failure.png); the page holds:\n${text}`, { cause: error });
    }
    return await page.evaluate(() => (window as unknown as { __statsPainted: number }).__statsPainted);
  } finally {
    await page.close();
  }
}

/**
 * The app already open on the deck list (its counts painted, a second of idle after), CPU slowed
 * `slowdown` times: ms from the tap on Stats to every chart painted. Its baseline is `bareTap`.
 */
async function tapAndTime(context: BrowserContext, appUrl: string, slowdown: number): Promise<number> {
  const page = await context.newPage();
  try {
    if (slowdown !== 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    await page.goto(appUrl, { waitUntil: 'commit' });
    await page.getByText('Bench deck 20').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(1000);
    const link = page.getByRole('link', { name: 'Stats', exact: true });
    const tapped = await link.evaluate((element) => {
      const started = performance.now();
      (element as HTMLElement).click();
      return started;
    });
    await page.waitForFunction(() => (window as unknown as { __statsPainted?: number | null }).__statsPainted != null, null, {
      timeout: 120_000,
      polling: 50,
    });
    return (await page.evaluate(() => (window as unknown as { __statsPainted: number }).__statsPainted)) - tapped;
  } finally {
    await page.close();
  }
}

/** The bare page's reads and one painted line, timed inside the page from the database open to the paint: the floor of a tap. */
async function bareTap(context: BrowserContext, bareUrl: string, slowdown: number): Promise<number> {
  const page = await context.newPage();
  try {
    if (slowdown !== 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    await page.goto(bareUrl, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __statsPainted?: number | null }).__statsPainted != null, null, {
      timeout: 120_000,
      polling: 50,
    });
    return await page.evaluate(() => {
      const w = window as unknown as { __statsPainted: number; __bareStarted?: number };
      return w.__statsPainted - (w.__bareStarted ?? 0);
    });
  } finally {
    await page.close();
  }
}

interface OpenTimes {
  scope: string;
  days: number;
  slowdown: number;
  app: number[];
  bare: number[];
}

/** One table row per case (medians, the ratio, the goal at 1× CPU); a missed goal is added to `missed`. */
function openRows(cases: OpenTimes[], prefix: string, missed: string[]): string[][] {
  return cases.map((o) => {
    const m = median(o.app);
    if (o.slowdown === 1 && m >= GOAL_MS) missed.push(`${prefix}${o.scope}, ${o.days} days: ${ms(m)} ms`);
    return [
      `${o.scope}, ${o.days} d`,
      `${o.slowdown}×`,
      ms(m),
      ms(median(o.bare)),
      `${(m / median(o.bare)).toFixed(2)}×`,
      o.slowdown === 1 ? (m < GOAL_MS ? 'met' : 'MISSED') : '(phone budget)',
    ];
  });
}

async function main(): Promise<void> {
  console.log(`bench:stats — ${RUNS} runs per case; building…`);
  execFileSync('npm', ['run', '--silent', 'decks'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(join(root, OUT_DIR), { recursive: true, force: true });
  // The bench pages first, then the app beside them: its service worker precaches them too
  // instead of answering their navigations with the app shell.
  await build({ configFile: join(root, 'bench/stats/vite.config.ts'), logLevel: 'warn' });
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: OUT_DIR, emptyOutDir: false } });
  const server = await serveDist(join(root, OUT_DIR));
  const browser = await openBrowser({ width: 1280, height: 900 });
  const { page, context } = browser;
  await context.addInitScript({ content: `var __name = (f) => f; (${installMarks.toString()})();` });
  const api = () => page.waitForFunction(() => 'rehearseStatsBench' in window);
  try {
    const benchPage = `${server.url}bench/stats/stats-bench.html`;
    console.log(`[${elapsed()}] seeding 100,000 cards with a year of answers in Chromium…`);
    await page.goto(benchPage);
    await api();
    const seed: StatsSeedReport = await page.evaluate(() =>
      (window as unknown as { rehearseStatsBench: StatsBenchApi }).rehearseStatsBench.seed(),
    );
    console.log(
      `[${elapsed()}] seeded ${seed.cards.toLocaleString('en')} cards, ${seed.reviewLogs.toLocaleString('en')} review rows ` +
        `(${seed.logsToday} today) in ${seed.seconds.toFixed(0)} s, the summaries kept by the same writes (basis ${seed.basis})`,
    );
    // The first app open syncs the bundled decks into the seeded database.
    await page.goto(server.url);
    await page.getByText('Bench deck 20').waitFor({ timeout: 180_000 });

    console.log(`[${elapsed()}] timing the statistics in the bench page…`);
    const inPage: StatsTimes[] = [];
    for (const [scope, days] of CASES) {
      await page.goto(benchPage);
      await api();
      inPage.push(
        await page.evaluate(
          ([s, d, r]) => (window as unknown as { rehearseStatsBench: StatsBenchApi }).rehearseStatsBench.time(s, d, r),
          [scope, days, RUNS] as [string, number, number],
        ),
      );
    }

    const opens: OpenTimes[] = [];
    // BENCH_OPENS=0: only the taps in the open app (a quicker run).
    for (const slowdown of process.env.BENCH_OPENS === '0' ? [] : [1, SLOWDOWN]) {
      console.log(`[${elapsed()}] timing navigation → statistics painted at ${slowdown}× CPU…`);
      for (const [scope, days] of CASES) {
        await page.evaluate((d) => localStorage.setItem('rehearse.stats.period', String(d)), days);
        const appUrl = `${server.url}${scope === 'all' ? '#/stats' : `#/stats/${scope}`}`;
        const bareUrl = `${server.url}bench/stats/bare-stats.html#${scope}:${days}`;
        const times: OpenTimes = { scope, days, slowdown, app: [], bare: [] };
        // A warm-up of each, not counted.
        await openAndTime(context, appUrl, slowdown);
        await openAndTime(context, bareUrl, slowdown);
        for (let i = 0; i < RUNS; i++) {
          times.app.push(await openAndTime(context, appUrl, slowdown));
          times.bare.push(await openAndTime(context, bareUrl, slowdown));
        }
        opens.push(times);
      }
    }

    const taps: OpenTimes[] = [];
    for (const slowdown of [1, SLOWDOWN]) {
      console.log(`[${elapsed()}] timing a tap on Stats in the open app at ${slowdown}× CPU…`);
      const days = 365;
      await page.evaluate((d) => localStorage.setItem('rehearse.stats.period', String(d)), days);
      const times: OpenTimes = { scope: 'all', days, slowdown, app: [], bare: [] };
      await tapAndTime(context, `${server.url}#/`, slowdown);
      for (let i = 0; i < RUNS; i++) {
        times.app.push(await tapAndTime(context, `${server.url}#/`, slowdown));
        times.bare.push(await bareTap(context, `${server.url}bench/stats/bare-stats.html#all:${days}`, slowdown));
      }
      taps.push(times);
    }

    let upgrade: UpgradeReport | undefined;
    if (process.env.BENCH_UPGRADE !== '0') {
      console.log(`[${elapsed()}] writing the same collection at schema version 2, then opening it with the app…`);
      await page.goto(benchPage);
      await api();
      upgrade = await page.evaluate(() => (window as unknown as { rehearseStatsBench: StatsBenchApi }).rehearseStatsBench.upgrade());
    }

    console.log(`\n[${elapsed()}] from navigation to every chart painted (medians in ms, n=${RUNS} each)\n`);
    const missed: string[] = [];
    printTable(['scope, period', 'CPU', 'app: #/stats → painted', 'bare page: same reads → painted', 'ratio', `goal < ${GOAL_MS}`], openRows(opens, '', missed));
    console.log(
      '\napp: a new document at #/stats with the period chosen, navigation start → the frame after the charts are in' +
        '\nthe DOM (service worker, React, the lazy statistics chunk, the database open, the reads, every chart).' +
        '\nbare page: the same origin opening the database with bare IndexedDB, the same summary rows and due-index counts, one line painted.',
    );

    console.log(`\nIn the open app: tap on Stats → every chart of 365 days painted (medians in ms, n=${RUNS})\n`);
    printTable(['scope, period', 'CPU', 'app: tap → painted', 'bare page: its reads → painted', 'ratio', `goal < ${GOAL_MS}`], openRows(taps, 'tap on Stats, ', missed));
    console.log(
      '\napp: a new tab opened on the deck list, its counts painted and a second idle; then the Stats link clicked, timed from the click' +
        '\nto the frame after the charts are in the DOM (the lazy statistics chunk from the service worker, the reads, every chart).' +
        '\nbare page: the same summary reads with bare IndexedDB and one line painted, timed inside the page from its database open\n(a tap in the open app finds the database open).',
    );

    console.log(`\nIn the page (medians in ms, n=${RUNS}; history n=3)\n`);
    printTable(
      ['scope, period', 'summary rows', 'bare reads', 'loadStatsSummaries', 'ratio', 'history read (before)', 'answers in it', 'compute', 'render', 'compute→painted'],
      inPage.map((r) => [
        `${r.scope}, ${r.days} d`,
        r.rows.toLocaleString('en'),
        ms(median(r.bareRead)),
        ms(median(r.load)),
        `${(median(r.load) / median(r.bareRead)).toFixed(2)}×`,
        ms(median(r.historyRead)),
        r.historyAnswers.toLocaleString('en'),
        ms(median(r.compute)),
        ms(median(r.render)),
        ms(median(r.computeToPaint)),
      ]),
    );
    console.log(
      '\nhistory read: loadStatsRows, the period\'s answers and the card states the screen read before the summaries;' +
        '\ncompute: statsFromSummaries; render: React commit of every chart (flushSync).',
    );
    if (upgrade) {
      const u = upgrade;
      console.log(
        `\nUpgrade: a version-2 database of ${u.cards.toLocaleString('en')} cards and ${u.reviews.toLocaleString('en')} review rows ` +
          `(written in ${u.seedSeconds.toFixed(0)} s) opened by the app in ${(u.openMs / 1000).toFixed(1)} s, ` +
          `of which counting the summaries (v4) ${(u.v4Ms / 1000).toFixed(1)} s. ` +
          `Card states changed: ${u.changedStates}; review rows changed: ${u.changedReviews}; ` +
          `answers in the summaries ${u.summaryAnswers.toLocaleString('en')} of ${u.liveAnswers.toLocaleString('en')} in the log` +
          `${u.changedStates === 0 && u.changedReviews === 0 && u.summaryAnswers === u.liveAnswers ? ' — every row unchanged.' : ' — ROWS CHANGED.'}`,
      );
    }
    console.log(missed.length ? `\nGOAL MISSED:\n${missed.map((m) => `  - ${m}`).join('\n')}` : '\nGoal met in every case at 1× CPU.');

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
