// npm run bench:convert — converter throughput and memory, each figure beside a baseline
// measured in the same run (the machine is shared and noisy: medians and ratios, no thresholds).
//   (a) each bundled note converted 20 times, MB/s beside remark's bare whole-file parse
//   (b) one 5 MB note made by repeating the largest note: MB/s beside (a) on that note
//   (c) a 50 MB collection of files made by repeating the notes, built by the real deck build
//       in a child process, with its peak memory beside a bare Node process that loads the same code
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { deckFromNote, prepareNoteText } from '../src/core/index.ts';
import { median } from './lib/median.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const notesDir = join(root, 'decks');
const MB = 1024 * 1024;


function timeRuns(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times) / 1000;
}

const fmt = (x: number, digits = 2) => x.toFixed(digits);
const bare = unified().use(remarkParse).use(remarkGfm);

function benchNotes(): Map<string, number> {
  console.log('(a) each note converted 20 times (median), beside remark-parse + remark-gfm on the whole file');
  console.log('    note                                      KB   convert MB/s   remark MB/s   ratio');
  const speeds = new Map<string, number>();
  for (const name of readdirSync(notesDir).filter((n) => /\.(md|txt)$/.test(n)).sort()) {
    const bytes = readFileSync(join(notesDir, name));
    const text = prepareNoteText(bytes.toString('utf8'));
    const mb = bytes.length / MB;
    const convert = timeRuns(20, () => deckFromNote({ fileName: name, bytes }));
    const remarkRuns = bytes.length > 100_000 ? 5 : 20;
    const remark = timeRuns(remarkRuns, () => bare.parse(text));
    speeds.set(name, mb / convert);
    console.log(
      `    ${name.padEnd(40)} ${fmt(bytes.length / 1024, 0).padStart(5)}   ${fmt(mb / convert).padStart(12)}   ${fmt(mb / remark).padStart(11)}   ${fmt(remark / convert, 1).padStart(5)}×`,
    );
  }
  return speeds;
}

function benchLargeNote(speeds: Map<string, number>): void {
  const [name] = [...speeds.keys()].sort(
    (a, b) => readFileSync(join(notesDir, b)).length - readFileSync(join(notesDir, a)).length,
  );
  const noteBytes = readFileSync(join(notesDir, name!));
  const note = noteBytes.toString('utf8');
  let big = '';
  while (big.length < 5 * MB) big += note + '\n\n';
  const bytes = new TextEncoder().encode(big);
  // Rounds alternate the note and the large note, so both meet the same machine load; the
  // figure is the median of the per-round ratios.
  const ratios: number[] = [];
  const largeSpeeds: number[] = [];
  const noteSpeeds: number[] = [];
  for (let round = 0; round < 5; round++) {
    const small = noteBytes.length / MB / timeRuns(5, () => deckFromNote({ fileName: name!, bytes: noteBytes }));
    const large = bytes.length / MB / timeRuns(1, () => deckFromNote({ fileName: 'large.md', bytes }));
    noteSpeeds.push(small);
    largeSpeeds.push(large);
    ratios.push(large / small);
  }
  console.log(`(b) ${name} repeated to ${fmt(bytes.length / MB, 1)} MB, 5 alternating rounds: ${fmt(median(largeSpeeds))} MB/s ` +
    `beside ${fmt(median(noteSpeeds))} MB/s on the note itself: ${fmt(100 * median(ratios), 0)}% (median of the rounds' ratios; goal ≥ 80%)`);
}

function peakMemoryOf(script: string): number {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
  return Number(/peak=(\d+)/.exec(out)?.[1] ?? NaN) / 1024;
}

function benchCollection(): void {
  const dir = mkdtempSync(join(tmpdir(), 'rehearse-bench-'));
  const out = join(dir, 'out');
  const notes = readdirSync(notesDir).filter((n) => /\.(md|txt)$/.test(n));
  let total = 0;
  for (let copy = 0; total < 50 * MB; copy++) {
    for (const name of notes) {
      const bytes = readFileSync(join(notesDir, name));
      writeFileSync(join(dir, `${copy}-${name}`), bytes);
      total += bytes.length;
    }
  }
  const files = readdirSync(dir).length;
  const peakOf = `const m = /VmHWM:\\s+(\\d+)/.exec((await import('node:fs')).readFileSync('/proc/self/status','utf8')); console.log('peak=' + m[1]);`;
  const baseline = peakMemoryOf(`await import('./src/core/index.ts'); await import('./scripts/build-decks.ts'); ${peakOf}`);
  const start = performance.now();
  const peak = peakMemoryOf(
    `const { buildDecks } = await import('./scripts/build-decks.ts'); buildDecks(${JSON.stringify(dir)}, ${JSON.stringify(out)}, () => {}); ${peakOf}`,
  );
  const seconds = (performance.now() - start) / 1000;
  console.log(`(c) ${files} files, ${fmt(total / MB, 1)} MB built in ${fmt(seconds, 1)} s (${fmt(total / MB / seconds)} MB/s): ` +
    `peak memory ${fmt(peak, 0)} MB beside ${fmt(baseline, 0)} MB for the same code loaded with no work (goal < 512 MB)`);
  rmSync(dir, { recursive: true, force: true });
}

const only = process.argv[2];
if (!only || only === 'notes' || only === 'large') {
  const speeds = benchNotes();
  if (only !== 'notes') benchLargeNote(speeds);
}
if (!only || only === 'collection') benchCollection();
