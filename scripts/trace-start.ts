// npx tsx scripts/trace-start.ts — where the installed app's cold start goes, offline at 4× CPU.
//
// Builds the app as bench:pwa does (or takes an existing build: TRACE_DIST=path), installs it
// (one online visit: the worker precaches, the bundled decks sync), cuts the network, then opens
// #/study/all in a fresh tab TRACE_RUNS times (default 3, after one warm-up) with a Chromium
// performance trace running (CDP Tracing, with V8's sampling profiler). For each load it splits
// navigation start → the frame after the first card is in the DOM into:
//   - the main thread's work by kind (script compile, module evaluation, callbacks, style and
//     layout, paint, GC, HTML parse) and the time it sat idle (waiting for IndexedDB, the service
//     worker, a timer);
//   - the sampled CPU time by source (package or src/ folder, through the build's source maps);
//   - the app's own marks (performance.mark 'rehearse:*', see src/ui/startup.ts), in order.
// Prints medians over the runs; TRACE_OUT=dir also keeps the last trace (load it in DevTools).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { openBrowser } from '../tests/e2e/harness.ts';
import { buildApp, serveFolder, waitForServiceWorkerControl, watchForPaint } from '../tests/e2e/pwa.ts';
import { median } from './lib/median.ts';

const RUNS = Number(process.env.TRACE_RUNS ?? 3);
const CPU_SLOWDOWN = Number(process.env.TRACE_CPU ?? 4);
const ROUTE = process.env.TRACE_ROUTE ?? '#/study/all';
const CARD = '[data-card-id] .card-front';

const dist = process.env.TRACE_DIST ? resolve(process.env.TRACE_DIST) : resolve('.tmp/trace-start/dist');
if (!process.env.TRACE_DIST) {
  console.error('building the app into .tmp/trace-start/dist …');
  await buildApp(dist);
} else if (!existsSync(join(dist, 'index.html'))) {
  throw new Error(`${dist} holds no build`);
}

// --- source maps: generated position → original source ------------------------------------------

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Per generated line, the segments [column, source index] in column order. */
type DecodedMap = { sources: string[]; lines: Array<Array<[number, number]>> };
const maps = new Map<string, DecodedMap | null>();

function decodeVlq(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

function sourceMapOf(file: string): DecodedMap | null {
  if (maps.has(file)) return maps.get(file)!;
  const path = join(dist, file + '.map');
  let decoded: DecodedMap | null = null;
  if (existsSync(path)) {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as { sources: string[]; mappings: string };
    let source = 0;
    const lines = raw.mappings.split(';').map((line) => {
      let column = 0;
      return line
        .split(',')
        .filter(Boolean)
        .map((segment) => {
          const fields = decodeVlq(segment);
          column += fields[0]!;
          if (fields.length > 1) source += fields[1]!;
          return [column, source] as [number, number];
        });
    });
    decoded = { sources: raw.sources, lines };
  }
  maps.set(file, decoded);
  return decoded;
}

/** A source's group: its npm package, or its folder under src/ (src/ui/study, src/storage, …). */
function groupOf(source: string): string {
  const pkg = source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  const local = source.replace(/^(\.\.\/)+/, '');
  const parts = local.split('/');
  if (parts[0] === 'src' && parts.length > 2) return parts.slice(0, parts.length > 3 ? 3 : 2).join('/');
  return local;
}

function sourceGroup(url: string, line: number, column: number): string {
  if (!url) return '(native / V8)';
  let file: string;
  try {
    file = new URL(url).pathname.slice(1);
  } catch {
    return url;
  }
  const map = sourceMapOf(file);
  if (!map) return file;
  const segments = map.lines[line];
  if (!segments || segments.length === 0) return file;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]![0] <= column) lo = mid;
    else hi = mid - 1;
  }
  return groupOf(map.sources[segments[lo]![1]] ?? file);
}

/** The last load's trace, kept with TRACE_OUT. */
let lastEvents: TraceEvent[] = [];

// --- one traced load ------------------------------------------------------------------------------

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, any>;
}

interface LoadResult {
  painted: number;
  kinds: Map<string, number>;
  sources: Map<string, number>;
  marks: Array<{ name: string; at: number }>;
  resources: Array<{ file: string; start: number; end: number }>;
}

/** TRACE_PROFILE=0 leaves V8's sampling profiler out (less overhead, no split by source). */
const PROFILE = process.env.TRACE_PROFILE !== '0';
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
  'v8',
  'loading',
  ...(PROFILE ? ['disabled-by-default-v8.cpu_profiler'] : []),
];

async function traced(cdp: CDPSession, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (message) => {
    events.push(...(message.value as unknown as TraceEvent[]));
  });
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
  await run();
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

/** Which kind of main-thread work a trace event is, for the events we split by. */
function kindOf(event: TraceEvent): string | undefined {
  switch (event.name) {
    case 'v8.compile':
    case 'v8.compileModule':
    case 'V8.CompileCode':
    case 'v8.produceModuleCache':
    case 'v8.produceCache':
      return 'script compile';
    case 'v8.evaluateModule':
    case 'EvaluateScript':
      return 'module / script evaluation';
    case 'FunctionCall':
    case 'TimerFire':
    case 'FireAnimationFrame':
    case 'EventDispatch':
    case 'v8.callFunction':
    case 'RunMicrotasks':
      return 'callbacks (app code after evaluation)';
    case 'ParseHTML':
      return 'HTML parse';
    case 'ParseAuthorStyleSheet':
      return 'CSS parse';
    case 'UpdateLayoutTree':
    case 'RecalculateStyles':
    case 'Layout':
    case 'PrePaint':
    case 'UpdateLayerTree':
    case 'Layerize':
      return 'style and layout';
    case 'Paint':
    case 'PaintImage':
    case 'Commit':
    case 'CompositeLayers':
      return 'paint';
    case 'MinorGC':
    case 'MajorGC':
    case 'V8.GC_SCAVENGER':
    case 'V8.GCFinalizeMC':
    case 'BlinkGC.AtomicPhase':
      return 'GC';
    default:
      return undefined;
  }
}

async function load(page: Page, cdp: CDPSession, url: string): Promise<LoadResult> {
  await page.addInitScript(watchForPaint([CARD]));
  let painted = 0;
  let marks: LoadResult['marks'] = [];
  let resources: LoadResult['resources'] = [];
  const events = await traced(cdp, async () => {
    await page.goto(url, { waitUntil: 'commit' });
    painted = (await page.evaluate(() => (window as unknown as { __painted: Promise<number[]> }).__painted))[0]!;
    marks = await page.evaluate(() =>
      performance.getEntriesByType('mark').filter((m) => m.name.startsWith('rehearse:')).map((m) => ({ name: m.name, at: m.startTime })),
    );
    resources = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => ({ file: new URL(e.name).pathname.slice(1), start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd })),
    );
  });
  lastEvents = events;

  // The tab's main thread: the renderer thread that ran the app's entry script.
  const entry = events.find((e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').startsWith(url.split('#')[0]!));
  if (!entry) throw new Error('no navigationStart in the trace');
  const { pid, tid } = entry;
  const start = entry.ts;
  const end = start + painted * 1000;
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= start && e.ts < end);

  // Attribute each microsecond of a task to the innermost known kind: walk the events as a tree.
  const kinds = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us / 1000);
  const tasks = main.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  let busy = 0;
  for (const task of tasks) busy += Math.min(task.dur ?? 0, end - task.ts);
  add(kinds, 'idle (waiting: IndexedDB, worker, network, timers)', end - start - busy);
  const known = main
    .filter((e) => kindOf(e) !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Self time: each event's duration minus its known children's.
  const stack: Array<{ event: TraceEvent; child: number }> = [];
  const close = (until: number) => {
    while (stack.length && stack.at(-1)!.event.ts + (stack.at(-1)!.event.dur ?? 0) <= until) {
      const { event, child } = stack.pop()!;
      const own = Math.min(event.dur ?? 0, end - event.ts);
      add(kinds, kindOf(event)!, own - child);
      if (stack.length) stack.at(-1)!.child += own;
    }
  };
  for (const event of known) {
    close(event.ts);
    stack.push({ event, child: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  let attributed = 0;
  for (const [key, ms] of kinds) if (!key.startsWith('idle')) attributed += ms;
  add(kinds, 'other tasks (scheduling, IPC, loading)', busy - attributed * 1000);

  // Sampled CPU time per source, from the profile chunks of this thread (samples in the window).
  const sources = new Map<string, number>();
  const nodes = new Map<number, { url: string; line: number; column: number; fn: string }>();
  const profileStart = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  let time = Number(profileStart?.args?.data?.startTime ?? 0);
  for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid && e.id === profileStart?.id)) {
    const data = chunk.args?.data ?? {};
    for (const node of data.cpuProfile?.nodes ?? []) {
      nodes.set(node.id, {
        url: node.callFrame.url ?? '',
        line: node.callFrame.lineNumber ?? 0,
        column: node.callFrame.columnNumber ?? 0,
        fn: node.callFrame.functionName ?? '',
      });
    }
    const samples: number[] = data.cpuProfile?.samples ?? [];
    const deltas: number[] = data.timeDeltas ?? [];
    samples.forEach((id, i) => {
      time += deltas[i] ?? 0;
      const next = time + (deltas[i + 1] ?? 0);
      if (time < start || time >= end) return;
      const node = nodes.get(id);
      if (!node) return;
      const label =
        node.fn === '(idle)' || node.fn === '(program)' || node.fn === '(garbage collector)' || node.fn === '(root)'
          ? node.fn
          : sourceGroup(node.url, node.line, node.column);
      add(sources, label, Math.max(0, next - time));
    });
  }
  return { painted, kinds, sources, marks, resources };
}

// --- measure --------------------------------------------------------------------------------------

const server = await serveFolder(dist);
const browser = await openBrowser({ width: 390, height: 844 });
const results: LoadResult[] = [];
try {
  const { page, context } = browser;
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Study' }).first().waitFor({ timeout: 60_000 });
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  await server.close();
  for (let run = 0; run <= RUNS; run++) {
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const result = await load(tab, cdp, server.url + ROUTE);
    if (run > 0) results.push(result); // the first load warms up
    await tab.close();
  }
} finally {
  await browser.close();
  await server.close().catch(() => undefined);
}

// --- report ---------------------------------------------------------------------------------------

function medianTable(title: string, pick: (r: LoadResult) => Map<string, number>, limit = 30): void {
  const keys = new Set(results.flatMap((r) => [...pick(r).keys()]));
  const rows = [...keys].map((key) => ({ key, ms: median(results.map((r) => pick(r).get(key) ?? 0)) }));
  rows.sort((a, b) => b.ms - a.ms);
  console.log(`\n${title}\n`);
  console.log('| | ms (median) |');
  console.log('| --- | --- |');
  for (const row of rows.slice(0, limit)) if (row.ms >= 0.5) console.log(`| ${row.key} | ${row.ms.toFixed(0)} |`);
}

console.log(`\nCold start of ${ROUTE}, offline, CPU ${CPU_SLOWDOWN}× slower, ${RUNS} traced loads (after a warm-up):`);
console.log(`navigation → first card painted: ${median(results.map((r) => r.painted)).toFixed(0)} ms (${results.map((r) => r.painted.toFixed(0)).join(', ')})`);
medianTable('Main thread, by kind of work (self time, up to the paint):', (r) => r.kinds);
medianTable('Sampled CPU on the main thread, by source (up to the paint):', (r) => r.sources, 25);
const markNames = [...new Set(results.flatMap((r) => r.marks.map((m) => m.name)))];
if (markNames.length) {
  console.log('\nThe app\'s marks (ms after navigation start, median):\n');
  for (const name of markNames) {
    const at = results.map((r) => r.marks.find((m) => m.name === name)?.at).filter((v): v is number => v !== undefined);
    console.log(`  ${median(at).toFixed(0).padStart(6)}  ${name}`);
  }
}
console.log('\nScripts and styles fetched before the paint (first traced load; start → end, ms):\n');
const first = results[0]!;
for (const r of first.resources.filter((r) => r.start <= first.painted && /\.(js|css|json)$/.test(r.file))) {
  console.log(`  ${r.start.toFixed(0).padStart(6)} → ${r.end.toFixed(0).padStart(6)}  ${r.file}`);
}
if (process.env.TRACE_OUT) {
  mkdirSync(process.env.TRACE_OUT, { recursive: true });
  writeFileSync(join(process.env.TRACE_OUT, 'trace.json'), JSON.stringify({ traceEvents: lastEvents }));
  writeFileSync(join(process.env.TRACE_OUT, 'summary.json'), JSON.stringify(results.map((r) => ({ ...r, kinds: [...r.kinds], sources: [...r.sources] })), null, 1));
}
