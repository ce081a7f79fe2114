// npm run bench:convert — converter throughput and memory, each figure beside a baseline
// measured in the same run (the machine is shared and noisy: medians and ratios, no thresholds).
//   (a) each bundled note converted 20 times, MB/s beside remark's bare whole-file parse
//   (b) one 5 MB note made by repeating the largest note: MB/s beside (a) on that note
//   (c) a 50 MB collection of files made by repeating the notes, built by the real deck build
//       in a child process, with its peak memory beside a bare Node process that loads the same code
//   (d) one generated note of about 5 MB per shape and syntax the converter reads (headings,
//       bold prompts, Q:/A: lines, `::`, cloze, tables, Anki text, a transcript…), each converted
//       in a child process of its own: MB/s beside note 002's in the same process, the scaling
//       from a quarter of the note to all of it, and the peak memory of one conversion
// `npm run bench:convert -- shapes [name,name…]` runs (d) alone, or only the shapes named.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { deckFromNote, prepareNoteText } from '../src/core/index.ts';
import { generateNote, NOTE_SHAPES, SHAPE_LABELS, type NoteShape } from './bench-convert/notes.ts';
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
  console.log(`(a) each note converted 20 times (median), beside remark-parse + remark-gfm on the whole file (goal ≥ 3× on ${REFERENCE_NOTE})`);
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

/** Note 002 of the shared corpus, bundled in decks/: the reference every generated note is measured beside. */
const REFERENCE_NOTE = 'ml-interview-prep-notes.md';
const SHAPE_NOTE_BYTES = 5 * MB;
/** A child that takes longer than this is stopped and reported, not waited for. */
const SHAPE_TIMEOUT_MS = 10 * 60 * 1000;

interface ShapeFigures {
  mb: number;
  cards: number;
  speed: number;
  referenceSpeed: number;
  ratio: number;
  scaling: number;
  peakMB: number;
  baselineMB: number;
}

function benchShapes(names: readonly NoteShape[]): void {
  const dir = mkdtempSync(join(tmpdir(), 'rehearse-shapes-'));
  console.log(`(d) generated notes of ${fmt(SHAPE_NOTE_BYTES / MB, 0)} MB, each in a child process: MB/s beside ${REFERENCE_NOTE} (note 002) in the same`);
  console.log('    process (median of 2 alternating rounds; goal ≥ 50%), MB/s at 1× beside ¼× (≈ 100% when linear),');
  console.log('    peak memory of one conversion (goal < 512 MB) beside the process after converting note 002 alone');
  console.log('    shape                 written as                         MB  cards    MB/s  002 MB/s   of 002  1×/¼×  peak MB  (base)');
  try {
    for (const shape of names) {
      const ext = shape === 'anki-text' || shape === 'transcript' || shape === 'numbered' ? 'txt' : 'md';
      const notePath = join(dir, `${shape}.${ext}`);
      const quarterPath = join(dir, `${shape}-quarter.${ext}`);
      writeFileSync(notePath, generateNote(shape, SHAPE_NOTE_BYTES));
      writeFileSync(quarterPath, generateNote(shape, SHAPE_NOTE_BYTES / 4));
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/bench-convert/child.ts', notePath, quarterPath, join(notesDir, REFERENCE_NOTE), '2'],
        { cwd: root, encoding: 'utf8', timeout: SHAPE_TIMEOUT_MS, maxBuffer: 16 * MB },
      );
      const head = `    ${shape.padEnd(20)}  ${SHAPE_LABELS[shape].padEnd(32)}`;
      const line = child.stdout?.trim().split('\n').pop() ?? '';
      if (child.status !== 0 || !line.startsWith('{')) {
        const why = child.error ? String(child.error.message) : (child.stderr ?? '').trim().split('\n').slice(-1)[0];
        console.log(`${head}  failed: ${why}`);
        continue;
      }
      const f = JSON.parse(line) as ShapeFigures;
      console.log(
        `${head} ${fmt(f.mb, 1).padStart(4)} ${String(f.cards).padStart(6)} ${fmt(f.speed).padStart(7)} ${fmt(f.referenceSpeed).padStart(9)}` +
          ` ${`${fmt(100 * f.ratio, 0)}%`.padStart(8)} ${`${fmt(100 * f.scaling, 0)}%`.padStart(6)} ${fmt(f.peakMB, 0).padStart(8)}  (${fmt(f.baselineMB, 0)})`,
      );
      rmSync(notePath);
      rmSync(quarterPath);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const only = process.argv[2];
if (!only || only === 'notes' || only === 'large') {
  const speeds = benchNotes();
  if (only !== 'notes') benchLargeNote(speeds);
}
if (!only || only === 'collection') benchCollection();
if (!only || only === 'shapes') {
  const wanted = process.argv[3]?.split(',') ?? [...NOTE_SHAPES];
  const unknown = wanted.filter((name) => !(NOTE_SHAPES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`Unknown shapes: ${unknown.join(', ')}. Shapes: ${NOTE_SHAPES.join(', ')}`);
  benchShapes(wanted as NoteShape[]);
}
