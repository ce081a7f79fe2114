// npm run bench:import — import of a 10,000-card note, then of an Anki package of 20,000 cards
// with about 100,000 answers, through the real import screen in headless Chromium (production
// build in dist/: run `npm run build` first), each beside bare IndexedDB puts of the same rows in
// the same page. The machine is shared and noisy: each figure is the median of RUNS fresh
// profiles; goals are printed, not enforced. BENCH_IMPORT=note or =anki runs one of the two;
// BENCH_ANKI_CARDS sets the package's size.
//   preview: file chosen → preview with its card count on screen   (goal: within 2 s)
//   write:   Import pressed → "Imported" on screen                  (goal: within 2× the bare puts)
//   longest main-thread task (PerformanceObserver 'longtask') from choosing the file until written
//                                                                   (goal: none over 200 ms)
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openBrowser, serveDist } from '../tests/e2e/harness.ts';
import { median } from './lib/median.ts';
import { benchAnkiPackage } from '../bench/ankiBenchPackage.ts';

const CARDS = Number(process.env.BENCH_CARDS ?? 10_000);
const ANKI_CARDS = Number(process.env.BENCH_ANKI_CARDS ?? 20_000);
/** Two thirds of the package's cards were studied over the year: about five answers per card in all. */
const ANKI_SEEN_SHARE = 0.66;
const PARTS = (process.env.BENCH_IMPORT ?? 'note,anki').split(',');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

if (!existsSync('dist/index.html')) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

/** A markdown note of `cards` question headings under 20 sections, answers of a few lines. */
function makeNote(cards: number): string {
  const out: string[] = ['# Ten thousand questions', ''];
  for (let i = 0; i < cards; i++) {
    if (i % (cards / 20) === 0) out.push(`## Section ${i / (cards / 20) + 1}`, '');
    out.push(
      `### Q: What does rule ${i} say about caching layer ${i % 97}?`,
      '',
      `Rule ${i} keeps **layer ${i % 97}** warm: entries live for ${i % 60} minutes, and a miss falls through to the store.`,
      `- hit ratio above ${50 + (i % 50)}%`,
      `- \`ttl = ${i % 60}m\``,
      '',
    );
  }
  return out.join('\n');
}

/** Where a probe looks: the Import button (a selector, and its exact text when given), the preview's sign. */
interface ProbeTargets {
  importButton: string;
  importText?: string;
  preview: string;
  /** Take the preview and written marks after the next frame (painted), not when the DOM has them. */
  afterFrame: boolean;
}

/** Long tasks and the marks of one import, recorded from the page's first script. */
function installProbes(targets: ProbeTargets): void {
  const w = window as unknown as { __bench: { longTasks: Array<{ start: number; duration: number }>; marks: Record<string, number> } };
  w.__bench = { longTasks: [], marks: {} };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('change', () => (w.__bench.marks.chosen ??= performance.now()), true);
  document.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement | null)?.closest(targets.importButton);
    if (button && (targets.importText === undefined || button.textContent === targets.importText)) w.__bench.marks.importClicked ??= performance.now();
  }, true);
  // (No named inner functions: the page gets this function's source, without tsx's helpers.)
  new MutationObserver(() => {
    for (const [name, selector] of [['preview', targets.preview], ['written', '.import-item.done']] as const) {
      if (w.__bench.marks[`${name}Seen`] === undefined && document.querySelector(selector)) {
        w.__bench.marks[`${name}Seen`] = performance.now();
        if (targets.afterFrame) requestAnimationFrame(() => setTimeout(() => (w.__bench.marks[name] ??= performance.now()), 0));
        else w.__bench.marks[name] = performance.now();
      }
    }
  }).observe(document, { subtree: true, childList: true });
}

interface Run {
  previewMs: number;
  writeMs: number;
  bareMs: number;
  longest: number;
  over200: number;
  cards: number;
}

/**
 * The baseline: the rows the import wrote to `stores` (of the whole database: a fresh profile
 * holds only the bundled decks besides), put again with bare IndexedDB calls in one transaction
 * into a scratch database with the same key paths and indexes. (The app's CSP forbids injecting
 * Dexie's own script into the page, which an earlier baseline did.)
 */
async function bareWrite(page: Page, stores: string[]): Promise<{ ms: number; rows: Record<string, number> }> {
  return page.evaluate(
    (names) =>
      new Promise<{ ms: number; rows: Record<string, number> }>((resolve, reject) => {
        const open = indexedDB.open('rehearse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction(names);
          const shapes = names.map((name) => {
            const store = read.objectStore(name);
            const indexes = [...store.indexNames].map((i) => {
              const index = store.index(i);
              return { name: i, keyPath: index.keyPath, multiEntry: index.multiEntry, unique: index.unique };
            });
            return { name, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes, rows: store.getAll() };
          });
          read.oncomplete = () => {
            db.close();
            const bare = indexedDB.open(`bench-bare-${Date.now()}`, 1);
            bare.onupgradeneeded = () => {
              for (const shape of shapes) {
                const store = bare.result.createObjectStore(shape.name, { keyPath: shape.keyPath, autoIncrement: shape.autoIncrement });
                for (const index of shape.indexes) store.createIndex(index.name, index.keyPath, { multiEntry: index.multiEntry, unique: index.unique });
              }
            };
            bare.onsuccess = () => {
              const target = bare.result;
              const started = performance.now();
              const tx = target.transaction(names, 'readwrite');
              for (const shape of shapes) for (const row of shape.rows.result) tx.objectStore(shape.name).put(row);
              tx.oncomplete = () => {
                target.close();
                resolve({ ms: performance.now() - started, rows: Object.fromEntries(shapes.map((shape) => [shape.name, shape.rows.result.length])) });
              };
              tx.onerror = () => reject(tx.error);
            };
          };
        };
      }),
    stores,
  );
}

/** A fresh profile on the import screen, its probes installed from the first script, the app started and its chunks loaded. */
async function openImportScreen(url: string, targets: ProbeTargets) {
  const browser = await openBrowser({ width: 1280, height: 900 });
  const { page } = browser;
  await page.addInitScript(installProbes, targets);
  await page.goto(url);
  await page.getByRole('button', { name: 'Study' }).first().waitFor({ timeout: 60_000 });
  await page.goto(`${url}#/import`);
  const input = page.getByLabel('Import notes', { exact: true });
  await input.waitFor({ state: 'attached' });
  await page.waitForTimeout(500); // the worker and renderer chunks load
  return { browser, page, input };
}

async function oneRun(url: string, note: Buffer): Promise<Run> {
  const { browser, page, input } = await openImportScreen(url, { importButton: 'button', importText: 'Import', preview: '[data-testid="card-count"]', afterFrame: false });
  try {
    await input.setInputFiles([{ name: 'ten-thousand.md', mimeType: 'text/markdown', buffer: note }]);
    await page.locator('[data-testid="card-count"]').waitFor({ timeout: 60_000 });
    const cards = Number(await page.locator('[data-testid="card-count"]').textContent());
    await page.waitForTimeout(300);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('.import-item.done').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(300);
    const bench = await page.evaluate(() => (window as unknown as { __bench: { longTasks: Array<{ start: number; duration: number }>; marks: Record<string, number> } }).__bench);
    const { chosen, preview, importClicked, written } = bench.marks as Record<string, number>;
    const during = bench.longTasks.filter((t) => t.start >= chosen! - 1 && t.start <= written!);
    const bare = await bareWrite(page, ['cards', 'cardStates']);
    return {
      previewMs: preview! - chosen!,
      writeMs: written! - importClicked!,
      bareMs: bare.ms,
      longest: Math.max(0, ...during.map((t) => t.duration)),
      over200: during.filter((t) => t.duration > 200).length,
      cards,
    };
  } finally {
    await browser.close();
  }
}


async function noteBench(server: { url: string }): Promise<void> {
const note = Buffer.from(makeNote(CARDS));
const runs: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  const run = await oneRun(server.url, note);
  runs.push(run);
  console.log(`run ${i + 1}: preview ${run.previewMs.toFixed(0)} ms, write ${run.writeMs.toFixed(0)} ms (bare IndexedDB puts ${run.bareMs.toFixed(0)} ms), longest task ${run.longest.toFixed(0)} ms`);
}
const preview = median(runs.map((r) => r.previewMs));
const write = median(runs.map((r) => r.writeMs));
const bare = median(runs.map((r) => r.bareMs));
const longest = Math.max(...runs.map((r) => r.longest));
console.log(`\nnote: ${CARDS.toLocaleString()} cards asked, ${runs[0]!.cards.toLocaleString()} previewed, ${(note.length / 1048576).toFixed(1)} MB; ${RUNS} runs, medians`);
console.log(`preview          ${preview.toFixed(0)} ms   goal ≤ 2000 ms   ${preview <= 2000 ? 'met' : 'MISSED'}`);
console.log(`write            ${write.toFixed(0)} ms   bare IndexedDB puts of the same rows, one transaction: ${bare.toFixed(0)} ms   ratio ${(write / bare).toFixed(2)}×   goal ≤ 2×   ${write <= 2 * bare ? 'met' : 'MISSED'}`);
console.log(`longest task     ${longest.toFixed(0)} ms (of all runs)   tasks over 200 ms: ${runs.map((r) => r.over200).join(', ')}   goal: none   ${longest <= 200 ? 'met' : 'MISSED'}`);
}

// --- an Anki package -----------------------------------------------------------------------

interface AnkiRun {
  previewMs: number;
  writeMs: number;
  bareMs: number;
  longest: number;
  over200: number;
  rows: { cards: number; states: number; reviews: number };
}


async function oneAnkiRun(url: string, bytes: Uint8Array): Promise<AnkiRun> {
  const { browser, page, input } = await openImportScreen(url, { importButton: '.anki-preview .import-actions button.primary', preview: '.anki-preview [data-testid="anki-answers"]', afterFrame: true });
  try {
    await input.setInputFiles([{ name: 'anki-bench.apkg', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) }]);
    await page.locator('.anki-preview [data-testid="anki-answers"]').waitFor({ timeout: 180_000 });
    await page.waitForTimeout(300);
    await page.locator('.anki-preview .import-actions button.primary').click();
    await page.locator('.import-item.done').waitFor({ timeout: 300_000 });
    await page.waitForTimeout(300);
    const bench = await page.evaluate(() => (window as unknown as { __bench: { longTasks: Array<{ start: number; duration: number }>; marks: Record<string, number> } }).__bench);
    const { chosen, preview, importClicked, written } = bench.marks as Record<string, number>;
    const during = bench.longTasks.filter((t) => t.start >= chosen! - 1 && t.start <= written!);
    const bare = await bareWrite(page, ['cards', 'cardStates', 'reviews']);
    return {
      previewMs: preview! - chosen!,
      writeMs: written! - importClicked!,
      bareMs: bare.ms,
      longest: Math.max(0, ...during.map((t) => t.duration)),
      over200: during.filter((t) => t.duration > 200).length,
      rows: { cards: bare.rows.cards!, states: bare.rows.cardStates!, reviews: bare.rows.reviews! },
    };
  } finally {
    await browser.close();
  }
}

async function ankiBench(server: { url: string }): Promise<void> {
  const started = Date.now();
  const pkg = await benchAnkiPackage(ANKI_CARDS, ANKI_SEEN_SHARE);
  console.log(`\nAnki package: ${pkg.cards.toLocaleString()} cards, ${pkg.answers.toLocaleString()} answers, ${(pkg.bytes.length / 1048576).toFixed(1)} MB (made in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const runs: AnkiRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await oneAnkiRun(server.url, pkg.bytes);
    runs.push(run);
    console.log(`run ${i + 1}: preview ${run.previewMs.toFixed(0)} ms, write ${run.writeMs.toFixed(0)} ms (bare IndexedDB puts of the ${run.rows.cards.toLocaleString()} cards, ${run.rows.states.toLocaleString()} states and ${run.rows.reviews.toLocaleString()} answers in the database: ${run.bareMs.toFixed(0)} ms), longest task ${run.longest.toFixed(0)} ms`);
  }
  const preview = median(runs.map((r) => r.previewMs));
  const write = median(runs.map((r) => r.writeMs));
  const bare = median(runs.map((r) => r.bareMs));
  const longest = Math.max(...runs.map((r) => r.longest));
  console.log(`\npackage: ${RUNS} runs, medians; from the file chosen / the Import tap to the content painted`);
  console.log(`preview          ${preview.toFixed(0)} ms   (read, decompressed, converted and replayed in the worker)`);
  console.log(`write            ${write.toFixed(0)} ms   bare IndexedDB puts of the same rows, one transaction: ${bare.toFixed(0)} ms   ratio ${(write / bare).toFixed(2)}×`);
  console.log(`longest task     ${longest.toFixed(0)} ms (of all runs)   tasks over 200 ms: ${runs.map((r) => r.over200).join(', ')}   goal: none   ${longest <= 200 ? 'met' : 'MISSED'}`);
}

const server = await serveDist();
try {
  if (PARTS.includes('note')) await noteBench(server);
  if (PARTS.includes('anki')) await ankiBench(server);
} finally {
  await server.close();
}
