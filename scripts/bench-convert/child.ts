// One generated note converted in a process of its own, so its peak memory is its own figure.
// Rounds alternate note 002 and the note, so both meet the same machine load; the note at a
// quarter of its size is converted in each round too, for the scaling check (MB/s at 1× beside
// MB/s at ¼×: near 100% when the cost is linear).
//   node --import tsx scripts/bench-convert/child.ts <note> <quarter note> <note 002> <rounds>
// Prints one JSON line.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { deckFromNote } from '../../src/core/index.ts';
import { median } from '../lib/median.ts';

const [notePath, quarterPath, referencePath, roundsArg] = process.argv.slice(2);
const MB = 1024 * 1024;

function convert(path: string, bytes: Uint8Array): { seconds: number; cards: number } {
  const start = performance.now();
  let cards = 0;
  try {
    cards = deckFromNote({ fileName: basename(path), bytes }).cards.length;
  } catch {
    // No cards found: the time still counts, the card count says 0.
  }
  return { seconds: (performance.now() - start) / 1000, cards };
}

const reference = readFileSync(referencePath!);
for (let i = 0; i < 3; i++) convert(referencePath!, reference);
const baselineKB = process.resourceUsage().maxRSS;

const note = readFileSync(notePath!);
const quarter = readFileSync(quarterPath!);
const rounds = Number(roundsArg ?? 2);
const ratios: number[] = [];
const speeds: number[] = [];
const referenceSpeeds: number[] = [];
const scaling: number[] = [];
let cards = 0;
let peakKB = 0;
for (let round = 0; round < rounds; round++) {
  const ref = reference.length / MB / median([0, 1, 2].map(() => convert(referencePath!, reference).seconds));
  const small = convert(quarterPath!, quarter);
  const full = convert(notePath!, note);
  // The peak of one conversion, as an import makes it: later rounds only add heap the GC has not returned.
  if (round === 0) peakKB = process.resourceUsage().maxRSS;
  cards = full.cards;
  const speed = note.length / MB / full.seconds;
  speeds.push(speed);
  referenceSpeeds.push(ref);
  ratios.push(speed / ref);
  scaling.push(speed / (quarter.length / MB / small.seconds));
}
console.log(
  JSON.stringify({
    mb: note.length / MB,
    cards,
    speed: median(speeds),
    referenceSpeed: median(referenceSpeeds),
    ratio: median(ratios),
    scaling: median(scaling),
    peakMB: peakKB / 1024,
    baselineMB: baselineKB / 1024,
  }),
);
