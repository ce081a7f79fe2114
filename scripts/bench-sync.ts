// npm run bench:sync — sync through the real server process (127.0.0.1, a temporary data folder),
// devices as real storage on fake-indexeddb with the real bridge and Hocuspocus connection, each
// figure beside the backup file of the same collection measured in the same run:
//   1. a fresh device receiving an imported deck of BENCH_CARDS (100,000) cards with BENCH_REVIEWS
//      (190,000) answers over a year: time from startSync to every card and review held, and the
//      bytes it received, beside restoring the backup file of the same device and that file's size;
//      the first device's push of the same collection is timed too;
//   2. two paired devices offline, BENCH_MERGE (1,000) answers each through recordReview (a third
//      of them on cards the other also answers), back online: time until both hold the same review
//      ids and card states, beside the same answers merged by backup files (A's into B, B's into A);
//   3. the server's resident memory and data folder for the collection, beside the backup's size.
// Medians where a step runs more than once (BENCH_MERGE_RUNS); nothing is enforced.
import { rmSync } from 'node:fs';
import { exportBackup, restoreBackup } from '../src/storage/backup.ts';
import { importDeck, recordReview, type RehearseDb } from '../src/storage/index.ts';
import * as syncStore from '../src/storage/syncStore.ts';
import { newCollection, startServer, tempDir, type ServerProcess } from '../tests/server/serverProcess.ts';
import {
  contents,
  difference,
  folderBytes,
  fullySynced,
  newDevice,
  processMemory,
  startDeviceSync,
  stopDeviceSync,
  until,
  type Device,
} from './bench-sync/devices.ts';
import { benchDeck, seedCollection } from './bench-sync/seed.ts';
import { median } from './lib/median.ts';
import { printTable } from './lib/table.ts';

const CARDS = Number(process.env.BENCH_CARDS ?? 100_000);
const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 190_000);
const MERGE = Number(process.env.BENCH_MERGE ?? 1_000);
const MERGE_RUNS = Number(process.env.BENCH_MERGE_RUNS ?? 3);
/** Generous: a loaded 2-core machine; a stuck sync fails the bench rather than hanging it. */
const TIMEOUT_MS = 60 * 60_000;

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const progress = (text: string) => console.log(`[${elapsed()}] ${text}`);

const n = (x: number) => x.toLocaleString('en');
const s = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;


async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const result = await work();
  return [result, performance.now() - t];
}

async function backupText(db: RehearseDb): Promise<string> {
  return (await exportBackup(db, Date.now())).text();
}

function configFor(server: ServerProcess, collection: { id: string; secret: string }): syncStore.SyncConfig {
  return { server: server.url, collection: collection.id, secret: collection.secret };
}

async function pairAndSync(device: Device, config: syncStore.SyncConfig, what: string): Promise<number> {
  await syncStore.setSyncConfig(device.db, config);
  const [, ms] = await timed(async () => {
    startDeviceSync(device);
    await until(() => fullySynced(device), what, TIMEOUT_MS);
  });
  return ms;
}

interface ReceiveResult {
  seedMs: number;
  seen: number;
  pushMs: number;
  pushSent: number;
  syncMs: number;
  wire: number;
  wireMessages: number;
  backupBytes: number;
  exportMs: number;
  restoreMs: number;
  statesDiffer: number;
  server: { idle: number; afterPush: number; serving: number; peak: number; disk: number; diskAfterStop: number };
}

/** Restores `text` on a fresh device (checked whole), then lets that device go: the baseline of part 1. */
async function timeRestore(text: string): Promise<number> {
  const r = await newDevice('R');
  const [, ms] = await timed(() => restoreBackup(r.db, text, { mode: 'replace' }));
  const [cards, reviews] = [await r.db.cards.count(), await r.db.reviews.count()];
  if (cards !== CARDS || reviews !== REVIEWS) throw new Error(`the restored device holds ${cards} cards, ${reviews} reviews`);
  r.db.close();
  return ms;
}

/** Part 1 and 3: a fresh device receiving the whole collection, beside its backup file. */
async function receive(dataDir: string, server: ServerProcess): Promise<ReceiveResult> {
  const idle = processMemory(server.child.pid!).rss;
  const a = await newDevice('A');
  const deck = benchDeck('bench-sync', CARDS);
  progress(`seeding device A: ${n(CARDS)} cards (one imported deck), ${n(REVIEWS)} answers over a year…`);
  const [{ seen }, seedMs] = await timed(() => seedCollection(a.db, deck, REVIEWS, Date.now()));
  progress(`seeded in ${s(seedMs)} (${n(seen)} cards answered); exporting A's backup…`);

  const [text, exportMs] = await timed(() => backupText(a.db));
  const backupBytes = Buffer.byteLength(text);
  progress(`backup ${mb(backupBytes)} in ${s(exportMs)}; restoring it on a fresh device…`);
  const restoreMs = await timeRestore(text);
  progress(`restored in ${s(restoreMs)}; pairing A and pushing…`);

  const config = configFor(server, newCollection());
  const pushMs = await pairAndSync(a, config, 'A pushed everything');
  const pushSent = a.meter.sent;
  await stopDeviceSync(a);
  const afterPush = processMemory(server.child.pid!).rss;
  progress(`A pushed in ${s(pushMs)} (${mb(pushSent)} sent); a fresh device B pairs and receives…`);

  const b = await newDevice('B');
  await syncStore.setSyncConfig(b.db, config);
  const [, syncMs] = await timed(async () => {
    startDeviceSync(b);
    await until(() => fullySynced(b), 'B synced', TIMEOUT_MS);
    // Synced means every document B opened was applied; the counts say it is everything.
    await until(async () => (await b.db.cards.count()) === CARDS && (await b.db.reviews.count()) === REVIEWS, 'B holding every card and review', TIMEOUT_MS, 500);
  });
  const serving = processMemory(server.child.pid!);
  const disk = folderBytes(dataDir);
  progress(`B received everything in ${s(syncMs)} (${mb(b.meter.received)} in ${n(b.meter.receivedMessages)} messages); comparing card states…`);
  const diff = difference(await contents(a.db), await contents(b.db));
  if (diff.reviews > 0) throw new Error(`A and B differ in ${diff.reviews} reviews`);
  await stopDeviceSync(b);
  a.db.close();
  b.db.close();
  return {
    seedMs,
    seen,
    pushMs,
    pushSent,
    syncMs,
    wire: b.meter.received,
    wireMessages: b.meter.receivedMessages,
    backupBytes,
    exportMs,
    restoreMs,
    statesDiffer: diff.cards,
    server: { idle, afterPush, serving: serving.rss, peak: serving.peak, disk, diskAfterStop: 0 },
  };
}

interface MergeResult {
  syncMs: number;
  backupMs: number;
  backupDiffer: { reviews: number; cards: number };
  wire: number;
}

/** Answers `count` cards of `deckId` from `first` on, through recordReview (the review screen's path). */
async function answer(device: Device, cardIds: string[], now: number): Promise<void> {
  for (const [i, cardId] of cardIds.entries()) {
    const state = await device.db.cardStates.get(cardId);
    await recordReview(device.db, { cardId, rating: i % 7 === 0 ? 1 : 3, now: now + i * 1000, durationMs: 4000, expectedStateVersion: state!.version });
  }
}

/** Part 2, once: two devices answer offline, reconnect; and the same answers merged by backup files. */
async function mergeOnce(server: ServerProcess, run: number): Promise<MergeResult> {
  const deck = benchDeck(`bench-merge-${run}`, Math.round(MERGE * 1.5));
  const config = configFor(server, newCollection());
  const a = await newDevice(`merge-A-${run}`);
  const b = await newDevice(`merge-B-${run}`);
  await importDeck(a.db, deck, { cutAt: 'auto', excludedCardIds: [] }, Date.now());
  await pairAndSync(a, config, 'merge A paired');
  await pairAndSync(b, config, 'merge B paired');
  await until(async () => (await b.db.cards.count()) === deck.cards.length, 'B holding the deck', TIMEOUT_MS);
  await Promise.all([stopDeviceSync(a), stopDeviceSync(b)]);

  // Offline: A answers the first two thirds of the cards, B the last two thirds (a third on both).
  const ids = deck.cards.map((c) => c.id);
  const now = Date.now();
  await answer(a, ids.slice(0, MERGE), now);
  await answer(b, ids.slice(ids.length - MERGE), now + 500);
  const [textA, textB] = [await backupText(a.db), await backupText(b.db)];

  const before = { a: a.meter.received, b: b.meter.received };
  const [, syncMs] = await timed(async () => {
    startDeviceSync(a);
    startDeviceSync(b);
    await until(async () => {
      if (!fullySynced(a) || !fullySynced(b)) return false;
      const [ca, cb] = [await contents(a.db), await contents(b.db)];
      const d = difference(ca, cb);
      return d.reviews === 0 && d.cards === 0 && ca.reviewIds.length === 2 * MERGE;
    }, 'both devices identical', TIMEOUT_MS, 50);
  });
  const wire = a.meter.received - before.a + (b.meter.received - before.b);
  await Promise.all([stopDeviceSync(a), stopDeviceSync(b)]);
  a.db.close();
  b.db.close();

  // The baseline: the same two devices' files, each restored on a fresh device, then merged by hand.
  const a2 = await newDevice(`backup-A-${run}`);
  const b2 = await newDevice(`backup-B-${run}`);
  await restoreBackup(a2.db, textA, { mode: 'replace' });
  await restoreBackup(b2.db, textB, { mode: 'replace' });
  const [, backupMs] = await timed(async () => {
    await restoreBackup(b2.db, await backupText(a2.db), { mode: 'merge' });
    await restoreBackup(a2.db, await backupText(b2.db), { mode: 'merge' });
  });
  const backupDiffer = difference(await contents(a2.db), await contents(b2.db));
  a2.db.close();
  b2.db.close();
  return { syncMs, backupMs, backupDiffer, wire };
}

async function main(): Promise<void> {
  const dataDir = tempDir('bench');
  console.log(`bench:sync — ${n(CARDS)} cards, ${n(REVIEWS)} answers; merge of ${n(MERGE)} + ${n(MERGE)} answers, ${MERGE_RUNS} runs`);
  const server = await startServer(['--data', dataDir]);
  progress(`server listening on ${server.url}, data in ${dataDir}`);
  try {
    const got = await receive(dataDir, server);
    const merges: MergeResult[] = [];
    for (let run = 1; run <= MERGE_RUNS; run++) {
      progress(`merge run ${run}/${MERGE_RUNS}: two devices answer ${n(MERGE)} cards each offline…`);
      merges.push(await mergeOnce(server, run));
      const m = merges.at(-1)!;
      progress(`merged by sync in ${s(m.syncMs)}, by backup files in ${s(m.backupMs)}`);
    }
    await server.stop();
    got.server.diskAfterStop = folderBytes(dataDir);

    const syncMerge = median(merges.map((m) => m.syncMs));
    const backupMerge = median(merges.map((m) => m.backupMs));
    const differ = merges.map((m) => m.backupDiffer);
    console.log(`\n[${elapsed()}] results\n`);
    printTable(
      ['measure', 'sync', 'backup file, same run', 'sync / backup'],
      [
        [`fresh device receives ${n(CARDS)} cards, ${n(REVIEWS)} answers: time`, s(got.syncMs), `restore: ${s(got.restoreMs)}`, ratio(got.syncMs, got.restoreMs)],
        ['  bytes received', mb(got.wire), `file: ${mb(got.backupBytes)}`, ratio(got.wire, got.backupBytes)],
        ['first device pushes it all: time', s(got.pushMs), `export: ${s(got.exportMs)}`, ratio(got.pushMs, got.exportMs)],
        ['  bytes sent', mb(got.pushSent), `file: ${mb(got.backupBytes)}`, ratio(got.pushSent, got.backupBytes)],
        [
          `merge ${n(MERGE)} + ${n(MERGE)} offline answers (median of ${merges.length})`,
          s(syncMerge),
          `export, merge, twice: ${s(backupMerge)}`,
          ratio(syncMerge, backupMerge),
        ],
        ['server memory serving the collection (RSS)', mb(got.server.serving), `file: ${mb(got.backupBytes)}`, ratio(got.server.serving, got.backupBytes)],
        ['  of which the collection (RSS − idle RSS)', mb(got.server.serving - got.server.idle), '', ratio(got.server.serving - got.server.idle, got.backupBytes)],
        ['server data folder', mb(got.server.disk), `file: ${mb(got.backupBytes)}`, ratio(got.server.disk, got.backupBytes)],
        ['  after SIGTERM (documents compacted)', mb(got.server.diskAfterStop), '', ratio(got.server.diskAfterStop, got.backupBytes)],
      ],
    );
    console.log(
      `\nA's seeding took ${s(got.seedMs)} (${n(got.seen)} cards answered). B's card states: ${got.statesDiffer === 0 ? 'all equal to A\'s' : `${n(got.statesDiffer)} differ from A's`}.` +
        `\nServer RSS: idle ${mb(got.server.idle)}, after A's push ${mb(got.server.afterPush)}, serving B ${mb(got.server.serving)}, peak ${mb(got.server.peak)}.` +
        `\nMerge by sync: both devices end with the same ${n(2 * MERGE)} review ids and card states (the wait checks it);` +
        ` ${mb(median(merges.map((m) => m.wire)))} received by the two. By backup files: ` +
        differ.map((d) => (d.reviews === 0 && d.cards === 0 ? 'identical' : `${n(d.reviews)} reviews and ${n(d.cards)} card states differ`)).join('; ') +
        '.' +
        '\nBytes are WebSocket message payloads as received (ws); the backup file is its uncompressed JSON.',
    );
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
