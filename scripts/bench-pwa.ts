// npm run bench:pwa — how fast the installed app shows the first due card offline, on a slow
// phone (CPU slowed 4× with CDP Emulation.setCPUThrottlingRate), beside bare pages served by
// the same service worker; and how many bytes (gzip) of JavaScript and CSS the first screen loads.
//
// It builds the app as `npm run build` does into .tmp/bench-pwa/dist, with two bare pages added
// to its public folder (so the worker precaches them like everything else):
//   same-bytes/  the app's own modules and CSS (App is imported, not rendered): one React line
//   libs/        React, Dexie and ts-fsrs only: one React line
//   storage/     React and the app's storage start (open the database, read today's queue): one line
// One online visit lets the worker install and the app sync its decks; then the network is cut
// (browser offline and the server closed) and each page is loaded fresh (a new tab) N times,
// alternating, timing navigation start → the first frame after the card (or the bare line) is in
// the DOM. A warm-up load of each is discarded. Medians are reported; figures vary with the box.
// All of it at 4× CPU slowdown, then again at 1×. The app's loads also read its start marks
// (src/ui/startMarks.ts: modules evaluated, database open, queue read, first card committed),
// printed as the split of its start; scripts/trace-start.ts traces the same start in detail.
import { gzipSync } from 'node:zlib';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { openBrowser } from '../tests/e2e/harness.ts';
import { buildApp, serveFolder, waitForServiceWorkerControl, watchForPaint } from '../tests/e2e/pwa.ts';
import { median } from './lib/median.ts';

const RUNS = Number(process.env.RUNS ?? 9);
/** A slow phone (4×) first, then this machine as it is (1×). */
const CPU_RATES = [4, 1];
const OUT = resolve('.tmp/bench-pwa');
const DIST = join(OUT, 'dist');
const BARE_DIR = 'bench-pwa';

interface Variant {
  /** One name per selector. */
  names: string[];
  path: string;
  /** What is on screen when this page has painted what it is for. */
  selectors: string[];
}

const VARIANTS: Variant[] = [
  {
    names: ['app: first due card painted (#/study/all)', 'app: … its markdown formatted'],
    path: '#/study/all',
    // The card paints its text at once, then the HTML from the lazily loaded renderer.
    selectors: ['[data-card-id] .card-front', '[data-card-id] .card-front .card-content:not(.card-content--pending)'],
  },
  { names: ['bare page, same JS + CSS as the app'], path: `${BARE_DIR}/same-bytes/same-bytes.html`, selectors: ['[data-bare-ready]'] },
  { names: ['bare page, React + Dexie + ts-fsrs'], path: `${BARE_DIR}/libs/libs.html`, selectors: ['[data-bare-ready]'] },
  { names: ['bare page, React + the storage start (db open, queue read)'], path: `${BARE_DIR}/storage/storage.html`, selectors: ['[data-bare-ready]'] },
];
/** The pages whose start is split by their marks: the app and the storage page. */
const SPLIT = [VARIANTS[0]!, VARIANTS[3]!];

async function buildBarePage(name: string, outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: resolve('scripts/bench-pwa'),
    base: './',
    logLevel: 'silent',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'es2022', rollupOptions: { input: resolve(`scripts/bench-pwa/${name}.html`) } },
  });
}

function gzipKB(bytes: Buffer): number {
  return gzipSync(bytes, { level: 9 }).length / 1024;
}

interface LoadedFile {
  file: string;
  startTime: number;
}

// --- build ---------------------------------------------------------------------------------
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
console.error('building the bare pages and the app into .tmp/bench-pwa/ …');
const bareOut = join(OUT, 'bare');
await buildBarePage('same-bytes', join(bareOut, 'same-bytes'));
await buildBarePage('libs', join(bareOut, 'libs'));
await buildBarePage('storage', join(bareOut, 'storage'));
await buildApp(DIST, {
  addPublic(publicDir) {
    cpSync(bareOut, join(publicDir, BARE_DIR), { recursive: true });
  },
});

// --- measure -------------------------------------------------------------------------------
const server = await serveFolder(DIST);
const browser = await openBrowser({ width: 390, height: 844 });
const { context } = browser;

/** The app's start, split: when each step was reached (ms after navigation start). */
interface StartSplit {
  steps: Map<string, number>;
}

interface RateResult {
  rate: number;
  times: Map<string, number[]>;
  /** Per page of SPLIT. */
  splits: Map<Variant, StartSplit[]>;
}

const results: RateResult[] = [];
let firstCardFiles: LoadedFile[] = [];
let firstCardPaint = 0;
let deckListFiles: LoadedFile[] = [];
let deckListPaint = 0;

/** JS and CSS files of the page, with when each started loading (ms after navigation start). */
async function loadedFiles(page: import('playwright-core').Page): Promise<LoadedFile[]> {
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({ name: e.name, startTime: e.startTime })),
  );
  return entries
    .filter((e) => /\.(js|css)$/.test(new URL(e.name).pathname))
    .map((e) => ({ file: new URL(e.name).pathname.slice(1), startTime: e.startTime }));
}

/** The app's steps: its entry script received, then its own marks (src/ui/startMarks.ts). */
async function startSplit(page: import('playwright-core').Page): Promise<StartSplit> {
  const entries = await page.evaluate(() => {
    const html = document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src;
    const script = performance.getEntriesByType('resource').find((e) => e.name === html) as PerformanceResourceTiming | undefined;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return [
      ['index.html received (service worker)', nav?.responseEnd],
      ['entry script received', script?.responseEnd],
      ...performance.getEntriesByType('mark').filter((m) => m.name.startsWith('rehearse:')).map((m) => [m.name, m.startTime]),
    ] as Array<[string, number | undefined]>;
  });
  return { steps: new Map(entries.filter((e): e is [string, number] => typeof e[1] === 'number')) };
}

async function load(variant: Variant, rate: number, result: RateResult | undefined): Promise<void> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.addInitScript(watchForPaint(variant.selectors));
  await page.goto(server.url + variant.path, { waitUntil: 'commit' });
  const paints = await page.evaluate(() => (window as unknown as { __painted: Promise<number[]> }).__painted);
  if (result) variant.names.forEach((name, i) => result.times.get(name)!.push(paints[i]!));
  const painted = paints[0]!;
  if (result && SPLIT.includes(variant)) {
    const split = await startSplit(page);
    split.steps.set(variant === VARIANTS[0] ? 'first card painted' : 'painted', painted);
    result.splits.get(variant)!.push(split);
  }
  if (result && variant === VARIANTS[0] && rate === CPU_RATES[0] && firstCardFiles.length === 0) {
    await page.waitForLoadState('load');
    await page.waitForTimeout(1500);
    firstCardFiles = await loadedFiles(page);
    firstCardPaint = painted;
  }
  await page.close();
}

try {
  const { page } = browser;
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Study' }).first().waitFor();
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  await server.close();

  // The deck list (the app's start screen), offline and slowed: what it loads, and when.
  {
    const list = await context.newPage();
    const cdp = await context.newCDPSession(list);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATES[0]! });
    await list.addInitScript(watchForPaint(['[data-count="new"]']));
    await list.goto(server.url, { waitUntil: 'commit' });
    deckListPaint = (await list.evaluate(() => (window as unknown as { __painted: Promise<number[]> }).__painted))[0]!;
    await list.waitForLoadState('load');
    await list.waitForTimeout(1500);
    deckListFiles = await loadedFiles(list);
    await list.close();
  }

  for (const rate of CPU_RATES) {
    const result: RateResult = { rate, times: new Map(VARIANTS.flatMap((v) => v.names.map((name) => [name, []] as [string, number[]]))), splits: new Map(SPLIT.map((v) => [v, []])) };
    for (const variant of VARIANTS) await load(variant, rate, undefined); // warm-up
    for (let run = 0; run < RUNS; run++) {
      for (const variant of VARIANTS) await load(variant, rate, result);
    }
    results.push(result);
  }
} finally {
  await browser.close();
  await server.close().catch(() => undefined);
}

// --- report --------------------------------------------------------------------------------
const libsName = VARIANTS[2]!.names[0]!;
for (const { rate, times } of results) {
  const appMedian = median(times.get(VARIANTS[0]!.names[0]!)!);
  const floor = median(times.get(libsName)!);
  console.log(`\nOffline, CPU ${rate}× slower, phone viewport, ${RUNS} fresh loads each (median, min–max):\n`);
  console.log('| page | navigation → painted | app − this | app ÷ this |');
  console.log('| --- | --- | --- | --- |');
  for (const [name, values] of times) {
    const m = median(values);
    const range = `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms`;
    const bare = name.startsWith('bare');
    const diff = bare ? `${(appMedian - m).toFixed(0)} ms` : '';
    const ratio = bare ? `${(appMedian / m).toFixed(2)}×` : `${(m / floor).toFixed(2)}× the libs page`;
    console.log(`| ${name} | ${m.toFixed(0)} ms (${range}) | ${diff} | ${ratio} |`);
  }
}

// The split of each start: when each step was reached, and what it took after the one before.
for (const variant of SPLIT) {
  const title = variant === VARIANTS[0] ? "The app's start (#/study/all)" : 'The storage page';
  console.log(`\n${title}, step by step: median ms after navigation start (+ since the step before)\n`);
  const splitsOf = (r: RateResult) => r.splits.get(variant)!;
  const stepNames = [...new Set(results.flatMap((r) => splitsOf(r).flatMap((s) => [...s.steps.keys()])))];
  const stepAt = (r: RateResult, name: string) => {
    const values = splitsOf(r).map((s) => s.steps.get(name)).filter((v): v is number => v !== undefined);
    return values.length ? median(values) : undefined;
  };
  const ordered = stepNames
    .map((name) => ({ name, at: stepAt(results[0]!, name) ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.at - b.at)
    .map((s) => s.name);
  console.log(`| step | ${results.map((r) => `CPU ${r.rate}×`).join(' | ')} |`);
  console.log(`| --- | ${results.map(() => '---').join(' | ')} |`);
  for (const [i, name] of ordered.entries()) {
    const cells = results.map((r) => {
      const at = stepAt(r, name);
      if (at === undefined) return '–';
      const before = ordered.slice(0, i).map((n) => stepAt(r, n)).filter((v): v is number => v !== undefined && v <= at);
      const since = before.length ? ` (+${(at - Math.max(...before)).toFixed(0)})` : '';
      return `${at.toFixed(0)}${since}`;
    });
    console.log(`| ${name.replace(/^rehearse:/, '')} | ${cells.join(' | ')} |`);
  }
}

function sizeTable(title: string, files: LoadedFile[], paintedAt: number): void {
  const rows = files.map((f) => ({ ...f, kb: gzipKB(readFileSync(join(DIST, f.file))) }));
  const before = rows.filter((r) => r.startTime <= paintedAt);
  const after = rows.filter((r) => r.startTime > paintedAt);
  const total = (list: typeof rows) => list.reduce((sum, r) => sum + r.kb, 0);
  console.log(`\n${title} (painted at ${paintedAt.toFixed(0)} ms), JS and CSS from the page's resource entries, gzip -9:`);
  for (const r of before) console.log(`  ${r.kb.toFixed(1).padStart(6)} KB  ${r.file}`);
  console.log(`  ${total(before).toFixed(1).padStart(6)} KB  requested before the paint`);
  for (const r of after) console.log(`  ${r.kb.toFixed(1).padStart(6)} KB  ${r.file} (after the paint)`);
  if (after.length) console.log(`  ${total(rows).toFixed(1).padStart(6)} KB  in all within 1.5 s of load`);
}
sizeTable('Deck list (#/)', deckListFiles, deckListPaint);
sizeTable('First due card (#/study/all)', firstCardFiles, firstCardPaint);
