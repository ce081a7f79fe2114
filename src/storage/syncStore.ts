// The storage side of sync, and the only functions the sync bridge (src/sync) calls: the local
// configuration, the outbox of local changes, every local row of a scope (to reconcile by id),
// and remote rows written into the app's tables through the same rules as local writes.

import { formatHlc } from '../core/sync/hlc.ts';
import type { ScheduleState } from '../core/scheduling/fsrs.ts';
import { isGrade } from '../core/scheduling/fsrs.ts';
import { reviewMonth, type RegisterRow, type ReviewRow, type SyncRow, type VoidRow } from '../core/sync/rows.ts';
import type { RehearseDb, StoredRegisterStamp, StoredReviewLog, StoredReviewVoid } from './db.ts';
import { guarded } from './errors.ts';
import {
  applyCardRegisters,
  applyRegister,
  cardValue,
  type CardValue,
  type RegisterEffect,
  cardKey,
  deckKey,
  deckMetaKey,
  editKey,
  flagsKey,
  readRegister,
  registerTables,
  SCHEDULER_REGISTER,
  validRegisterValue,
} from './registers.ts';
import { logEntryFrom, replayCards, writeReplayed } from './replayCards.ts';
import { CLOCK_STAMP_ID, ensureDeviceId, FULL_RECONCILE_KEY, loadClock, saveClock, SYNC_CONFIG_KEY } from './syncLog.ts';

/** Where this device syncs: local-only, never synced, never logged. */
export interface SyncConfig {
  server: string;
  collection: string;
  secret: string;
}

function isSyncConfig(v: unknown): v is SyncConfig {
  const c = v as SyncConfig | null;
  return !!c && typeof c.server === 'string' && typeof c.collection === 'string' && typeof c.secret === 'string';
}

export function getSyncConfig(db: RehearseDb): Promise<SyncConfig | undefined> {
  return guarded(async () => {
    const value = (await db.settings.get(SYNC_CONFIG_KEY))?.value;
    return isSyncConfig(value) ? value : undefined;
  });
}

/**
 * Sets up sync (the bridge then pushes every local row once: `listRows` of every scope), or
 * leaves it with `undefined`: the outbox is emptied, every local row stays.
 */
export function setSyncConfig(db: RehearseDb, config: SyncConfig | undefined): Promise<void> {
  return guarded(() =>
    db.transaction('rw', [db.settings, db.syncOutbox], async () => {
      if (config) {
        await db.settings.put({ key: SYNC_CONFIG_KEY, value: { server: config.server, collection: config.collection, secret: config.secret } });
        await db.settings.put({ key: FULL_RECONCILE_KEY, value: true });
      } else {
        await db.settings.delete(FULL_RECONCILE_KEY);
        await db.settings.delete(SYNC_CONFIG_KEY);
        await db.syncOutbox.clear();
      }
    }),
  );
}

/**
 * True when every local row must be pushed (sync was just set up, a backup was restored): the
 * bridge then reconciles every scope, and calls `markReconciled` once the server has it all.
 */
export function needsFullReconcile(db: RehearseDb): Promise<boolean> {
  return guarded(async () => (await db.settings.get(FULL_RECONCILE_KEY))?.value === true);
}

export function markReconciled(db: RehearseDb): Promise<void> {
  return guarded(() => db.settings.delete(FULL_RECONCILE_KEY));
}

/** This device's id (random, made once, never synced). */
export function deviceId(db: RehearseDb): Promise<string> {
  return guarded(() => db.transaction('rw', db.settings, () => ensureDeviceId(db)));
}

export function toReviewRow(r: StoredReviewLog): ReviewRow {
  return {
    t: 'review',
    id: r.id,
    cardId: r.cardId,
    deckId: r.deckId,
    kind: r.kind ?? 'grade',
    rating: r.rating,
    at: r.reviewedAt,
    durationMs: r.durationMs,
    before: r.stateBefore,
    after: r.stateAfter,
    device: r.device ?? '',
  };
}

function toVoidRow(v: StoredReviewVoid): VoidRow {
  return { t: 'void', id: v.id, month: v.month, at: v.voidedAt, device: v.device };
}

const ZERO_STAMP_WALL = 0;

/** The stamp of a value written before stamps existed: older than every real write. */
function zeroStamp(device: string): string {
  return formatHlc({ wall: ZERO_STAMP_WALL, counter: 0, device });
}

async function registerRow(db: RehearseDb, id: string, device: string): Promise<RegisterRow | undefined> {
  const value = await readRegister(db, id);
  if (value === undefined) return undefined;
  const hlc = (await db.registerStamps.get(id))?.hlc ?? zeroStamp(device);
  return { t: 'register', id, value, hlc };
}

/**
 * Local changes not yet handed to the server, oldest first, each as its row now reads. Entries
 * whose row is gone (nothing to say any more) are dropped.
 */
export function readOutbox(db: RehearseDb, limit = 5000): Promise<Array<{ seq: number; row: SyncRow }>> {
  return guarded(() =>
    db.transaction('rw', [db.syncOutbox, db.reviews, db.reviewVoids, ...registerTables(db)], async () => {
      const device = await ensureDeviceId(db);
      const entries = await db.syncOutbox.orderBy('seq').limit(limit).toArray();
      const out: Array<{ seq: number; row: SyncRow }> = [];
      const gone: number[] = [];
      for (const entry of entries) {
        const seq = entry.seq!;
        let row: SyncRow | undefined;
        if (entry.t === 'review') {
          const r = await db.reviews.get(entry.id);
          row = r && toReviewRow(r);
        } else if (entry.t === 'void') {
          const v = await db.reviewVoids.get(entry.id);
          row = v && toVoidRow(v);
        } else row = await registerRow(db, entry.id, device);
        if (row) out.push({ seq, row });
        else gone.push(seq);
      }
      if (gone.length) await db.syncOutbox.bulkDelete(gone);
      return out;
    }),
  );
}

/** Drops outbox entries the server acknowledged. */
export function clearOutbox(db: RehearseDb, seqs: readonly number[]): Promise<void> {
  return guarded(() => db.syncOutbox.bulkDelete([...seqs]));
}

/** How many local changes wait for the server: answers, and everything else. */
export function outboxCount(db: RehearseDb): Promise<{ reviews: number; other: number }> {
  return guarded(() =>
    db.transaction('r', db.syncOutbox, async () => {
      let reviews = 0;
      let other = 0;
      await db.syncOutbox.each((e) => {
        if (e.t === 'review') reviews++;
        else other++;
      });
      return { reviews, other };
    }),
  );
}

export type RowScope = { kind: 'reviews'; month: string } | { kind: 'registers' } | { kind: 'deckCards'; deckId: string };

function monthBounds(month: string): [number, number] {
  const start = Date.parse(`${month}-01T00:00:00Z`);
  const d = new Date(start);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return [start, end];
}

/** Every local row of one scope, as it travels (unstamped old values carry the oldest stamp). */
export function listRows(db: RehearseDb, scope: RowScope): Promise<SyncRow[]> {
  return guarded(() =>
    db.transaction('rw', [db.reviews, db.reviewVoids, ...registerTables(db)], async () => {
      const device = await ensureDeviceId(db);
      if (scope.kind === 'reviews') {
        const [start, end] = monthBounds(scope.month);
        const reviews = await db.reviews.where('reviewedAt').between(start, end, true, false).toArray();
        const voids = (await db.reviewVoids.toArray()).filter((v) => v.month === scope.month);
        return [...reviews.map(toReviewRow), ...voids.map(toVoidRow)];
      }
      const keys = new Set<string>();
      if (scope.kind === 'deckCards') {
        // In bulk: a deck may hold 100,000 cards.
        const cards = await db.cards.where('deckId').equals(scope.deckId).toArray();
        const stamps = await db.registerStamps.bulkGet(cards.map((c) => cardKey(c.id)));
        return cards.map((card, i): RegisterRow => ({ t: 'register', id: cardKey(card.id), value: cardValue(card), hlc: stamps[i]?.hlc || zeroStamp(device) }));
      } else {
        await db.registerStamps.each((s) => {
          if (!s.pending && !s.id.startsWith('card:') && s.id !== CLOCK_STAMP_ID) keys.add(s.id);
        });
        if (await db.settings.get('scheduler')) keys.add(SCHEDULER_REGISTER);
        await db.decks.each((d) => {
          if (d.userTitle !== undefined || d.userHidden || d.interview) keys.add(deckMetaKey(d.id));
          if (d.origin === 'imported') keys.add(deckKey(d.id));
        });
        await db.cardStates.each((s) => {
          if (s.suspended || s.buriedUntil > 0) keys.add(flagsKey(s.cardId));
        });
        await db.cards.each((c) => {
          if (c.userEdited) keys.add(editKey(c.id));
          // A card the user added to a bundled deck travels on its own (an imported deck's go with it).
          if (c.userAdded) keys.add(cardKey(c.id));
        });
      }
      const rows: SyncRow[] = [];
      for (const key of keys) {
        const row = await registerRow(db, key, device);
        if (row) rows.push(row);
      }
      return rows;
    }),
  );
}

/** Months (`2026-12`) that hold local reviews or voids. */
export function localMonths(db: RehearseDb): Promise<string[]> {
  return guarded(() =>
    db.transaction('r', [db.reviews, db.reviewVoids], async () => {
      const months = new Set<string>();
      // Walk the time index a month at a time: one read per month, not per row.
      let next = -Infinity;
      for (;;) {
        const first = await db.reviews.where('reviewedAt').aboveOrEqual(next).first();
        if (!first) break;
        const month = reviewMonth(first.reviewedAt);
        months.add(month);
        next = monthBounds(month)[1];
      }
      await db.reviewVoids.each((v) => void months.add(v.month));
      return [...months].sort();
    }),
  );
}

/** Imported decks held here (their cards travel). */
export function importedDeckIds(db: RehearseDb): Promise<string[]> {
  return guarded(async () => (await db.decks.toArray()).filter((d) => d.origin === 'imported').map((d) => d.id));
}

/** What `applyRemoteRows` did. */
export interface ApplyReport {
  applied: number;
  skipped: number;
  replayed: number;
}

function isState(v: unknown): v is ScheduleState {
  const s = v as ScheduleState | null;
  return !!s && typeof s.due === 'number' && typeof s.stability === 'number' && typeof s.difficulty === 'number' && typeof s.state === 'number' && typeof s.reps === 'number';
}

function validRow(row: SyncRow): boolean {
  if (!row || typeof row.id !== 'string' || row.id === '') return false;
  switch (row.t) {
    case 'review':
      return (
        typeof row.cardId === 'string' &&
        typeof row.deckId === 'string' &&
        (row.kind === 'grade' || row.kind === 'practice' ? isGrade(row.rating) : row.kind === 'reset' || row.kind === 'reschedule') &&
        Number.isFinite(row.at) &&
        Number.isFinite(row.durationMs) &&
        isState(row.before) &&
        isState(row.after)
      );
    case 'void':
      return typeof row.month === 'string' && /^\d{4}-\d{2}$/.test(row.month) && Number.isFinite(row.at);
    case 'register':
      return typeof row.hlc === 'string' && validRegisterValue(row.id, row.value);
    default:
      return false;
  }
}

/** Registers applied first: decks before their cards, cards before what names them. */
function registerRank(id: string): number {
  if (id.startsWith('deck:')) return 0;
  if (id.startsWith('card:')) return 1;
  if (id.startsWith('moved:')) return 2;
  return 3;
}

/** The card a review's progress belongs to now, following takeovers (`moved:` registers). */
async function resolveMoved(db: RehearseDb, cardId: string): Promise<{ cardId: string; deckId?: string }> {
  let current = cardId;
  let deckId: string | undefined;
  for (let hop = 0; hop < 16; hop++) {
    const moved = (await db.registerStamps.get(`moved:${current}`))?.value as { to: string; deckId: string } | undefined;
    if (!moved || moved.to === current) break;
    current = moved.to;
    deckId = moved.deckId;
  }
  return deckId === undefined ? { cardId: current } : { cardId: current, deckId };
}

/**
 * Writes rows from another device: reviews and voids added when missing (by id), a register
 * applied when its stamp is newer than this device's, and every card whose log changed replayed.
 * One transaction; writes no outbox entries. A row that is not valid is skipped and counted.
 */
export function applyRemoteRows(db: RehearseDb, rows: readonly SyncRow[], now = Date.now()): Promise<ApplyReport> {
  return guarded(() =>
    db.transaction('rw', [db.reviews, db.reviewVoids, ...registerTables(db)], async () => {
      let applied = 0;
      let skipped = 0;
      const touchedCards = new Set<string>();
      const deckDeltas = new Map<string, number>();
      const countIn = (decks: RegisterEffect['decks']) => decks.forEach(([d, n]) => deckDeltas.set(d, (deckDeltas.get(d) ?? 0) + n));
      const valid = rows.filter((r) => {
        const ok = validRow(r);
        if (!ok) skipped++;
        return ok;
      });
      const registers = valid.filter((r): r is RegisterRow => r.t === 'register').sort((a, b) => registerRank(a.id) - registerRank(b.id));
      const reviews = valid.filter((r): r is ReviewRow => r.t === 'review');
      const voids = valid.filter((r): r is VoidRow => r.t === 'void');

      if (registers.length) {
        const clock = await loadClock(db);
        const stamps = await db.registerStamps.bulkGet(registers.map((r) => r.id));
        const newer = registers.filter((row, i) => {
          clock.observe(row.hlc);
          const local = stamps[i];
          return !local || local.hlc < row.hlc;
        });
        const stampPuts: StoredRegisterStamp[] = [];
        const note = (row: RegisterRow, effect: RegisterEffect & { pending: boolean }) => {
          const keep = row.id.startsWith('moved:') || effect.pending;
          stampPuts.push({ id: row.id, hlc: row.hlc, ...(keep ? { value: row.value } : {}), ...(effect.pending ? { pending: 1 as const } : {}) });
          if (effect.pending) return;
          applied++;
          effect.cards.forEach((c) => touchedCards.add(c));
          countIn(effect.decks);
        };
        let created = false;
        // Decks first, one by one (few); then a deck's cards in bulk (a deck may bring 100,000); then the rest.
        for (const row of newer.filter((r) => r.id.startsWith('deck:'))) {
          note(row, await applyRegister(db, row.id, row.value, now));
          created = true;
        }
        const cards = newer.filter((r) => r.id.startsWith('card:'));
        if (cards.length) {
          const effects = await applyCardRegisters(db, cards.map((r) => r.value as CardValue), now);
          cards.forEach((row, i) => note(row, effects[i]!));
          created ||= effects.some((e) => !e.pending);
        }
        for (const row of newer.filter((r) => !r.id.startsWith('deck:') && !r.id.startsWith('card:'))) {
          note(row, await applyRegister(db, row.id, row.value, now));
        }
        await db.registerStamps.bulkPut(stampPuts);
        // Values that waited for a deck or card that has now arrived.
        if (created) {
          const waiting = (await db.registerStamps.where('pending').equals(1).toArray()).sort((a, b) => registerRank(a.id) - registerRank(b.id));
          const waitingCards = waiting.filter((w) => w.id.startsWith('card:'));
          const effects = waitingCards.length ? await applyCardRegisters(db, waitingCards.map((w) => w.value as CardValue), now) : [];
          const resolved: StoredRegisterStamp[] = [];
          const settle = (stamp: StoredRegisterStamp, effect: RegisterEffect & { pending: boolean }) => {
            if (effect.pending) return;
            applied++;
            effect.cards.forEach((c) => touchedCards.add(c));
            countIn(effect.decks);
            resolved.push({ id: stamp.id, hlc: stamp.hlc, ...(stamp.id.startsWith('moved:') ? { value: stamp.value } : {}) });
          };
          waitingCards.forEach((w, i) => settle(w, effects[i]!));
          for (const stamp of waiting.filter((w) => !w.id.startsWith('card:'))) settle(stamp, await applyRegister(db, stamp.id, stamp.value, now));
          if (resolved.length) await db.registerStamps.bulkPut(resolved);
        }
        await saveClock(db, clock);
      }

      if (reviews.length) {
        const known = await db.reviews.bulkGet(reviews.map((r) => r.id));
        const voided = await db.reviewVoids.bulkGet(reviews.map((r) => r.id));
        const adds: StoredReviewLog[] = [];
        // Takeovers are rare: one bulk read finds the cards that moved, and only those follow the chain.
        const cardIds = [...new Set(reviews.filter((_, i) => !known[i]).map((r) => r.cardId))];
        const moved = await db.registerStamps.bulkGet(cardIds.map((id) => `moved:${id}`));
        const targets = new Map<string, { cardId: string; deckId?: string }>();
        for (const [i, cardId] of cardIds.entries()) targets.set(cardId, moved[i]?.value ? await resolveMoved(db, cardId) : { cardId });
        for (let i = 0; i < reviews.length; i++) {
          if (known[i]) continue;
          const row = reviews[i]!;
          const target = targets.get(row.cardId)!;
          const stored: StoredReviewLog = {
            id: row.id,
            cardId: target.cardId,
            deckId: target.deckId ?? row.deckId,
            rating: row.rating,
            reviewedAt: row.at,
            durationMs: row.durationMs,
            stateBefore: row.before,
            stateAfter: row.after,
            versionAfter: 0,
            device: row.device,
            fsrsLog: logEntryFrom(row.before, row.rating, row.at),
          };
          if (row.kind !== 'grade') stored.kind = row.kind;
          if (voided[i]) stored.voided = 1;
          adds.push(stored);
          touchedCards.add(stored.cardId);
        }
        if (adds.length) await db.reviews.bulkAdd(adds);
        applied += adds.length;
      }

      if (voids.length) {
        const known = await db.reviewVoids.bulkGet(voids.map((v) => v.id));
        const adds = voids.filter((_, i) => !known[i]);
        if (adds.length) {
          await db.reviewVoids.bulkAdd(adds.map((v) => ({ id: v.id, month: v.month, voidedAt: v.at, device: v.device })));
          const targets = await db.reviews.bulkGet(adds.map((v) => v.id));
          const marked = targets.flatMap((r) => (r && !r.voided ? [{ ...r, voided: 1 as const }] : []));
          if (marked.length) await db.reviews.bulkPut(marked);
          marked.forEach((r) => touchedCards.add(r.cardId));
        }
        applied += adds.length;
      }

      const replayed = await writeReplayed(db, await replayCards(db, [...touchedCards]));
      for (const [deckId, delta] of deckDeltas) {
        if (delta === 0) continue;
        const deck = await db.decks.get(deckId);
        if (deck) await db.decks.put({ ...deck, cardCount: Math.max(0, deck.cardCount + delta) });
      }
      return { applied, skipped, replayed };
    }),
  );
}
