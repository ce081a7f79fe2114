// The .apkg export read the way Anki itself reads a package: each field is interpreted by a small
// port of the Anki code that reads it (file and function named at each helper), with the ankitects/anki
// source as of 2026-08 (c32cb29). Anki cannot be installed here, so this is the check that stands in
// for opening the file in Anki; the round trips through our own reader (src/core/anki/readPackage.ts)
// are a second, independent reading.
import { unzipSync, zipSync } from 'fflate';
import type { Database, SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ankiPackageToDecks, readAnkiMedia, readAnkiPackage } from '../../src/core/anki/index.ts';
import { DEFAULT_SCHEDULER_SETTINGS, startOfStudyDay, type SchedulerSettings, type TimeZoneOffset } from '../../src/core/scheduling/index.ts';
import type { ScheduleState } from '../../src/core/scheduling/fsrs.ts';
import type { StoredCard, StoredCardState, StoredReviewLog } from '../../src/storage/db.ts';
import { buildApkg, type AnkiDeckExport } from '../../src/ui/anki/apkg.ts';
import { renderCardMarkdown } from '../../src/ui/render/markdownToHtml.ts';
import { loadSql } from '../core/anki/ankiFixtures.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSql();
});

// ---- small factories of export input ---------------------------------------------------------

function card(id: string, front: string, extra: Partial<StoredCard> = {}): StoredCard {
  return { id, deckId: 'd', front, back: `${front} (answer)`, tags: [], kind: 'basic', meta: { line: 1 }, position: 0, hidden: false, ...extra };
}

function schedule(extra: Partial<ScheduleState>): ScheduleState {
  return { due: 0, stability: 3.2, difficulty: 5.5, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 1, lapses: 0, state: 2, lastReview: null, ...extra };
}

function stateOf(c: StoredCard, s: ScheduleState, extra: Partial<StoredCardState> = {}): StoredCardState {
  return { cardId: c.id, deckId: c.deckId, schedule: s, version: 1, position: c.position, suspended: false, buriedUntil: 0, hidden: false, ...extra };
}

function reviewLog(c: StoredCard, at: number, rating: 1 | 2 | 3 | 4, after: ScheduleState, before: ScheduleState = schedule({ state: 0, reps: 0 })): StoredReviewLog {
  return {
    id: `r-${c.id}-${at}`,
    cardId: c.id,
    deckId: c.deckId,
    rating,
    reviewedAt: at,
    durationMs: 4000,
    stateBefore: before,
    stateAfter: after,
    versionAfter: 1,
    fsrsLog: { rating, state: before.state, due: before.due, stability: before.stability, difficulty: before.difficulty, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0, review: at },
  };
}

interface Exported {
  col: Database;
  files: Record<string, Uint8Array>;
  bytes: Uint8Array;
}

async function exportApkg(
  input: Omit<AnkiDeckExport, 'deck'> & { deck?: AnkiDeckExport['deck'] },
  options: { now: number; timeZone?: TimeZoneOffset; settings?: Partial<SchedulerSettings> },
): Promise<Exported> {
  const bytes = await buildApkg(
    { deck: input.deck ?? { id: 'd', title: 'Deck' }, cards: input.cards, states: input.states, logs: input.logs },
    { SQL, zip: zipSync, renderHtml: renderCardMarkdown },
    { now: options.now, timeZone: options.timeZone ?? 0, settings: { ...DEFAULT_SCHEDULER_SETTINGS, ...options.settings } },
  );
  const files = unzipSync(bytes);
  return { col: new SQL.Database(files['collection.anki2']!), files, bytes };
}

function rows(col: Database, sql: string): Array<Record<string, unknown>> {
  const [result] = col.exec(sql);
  return (result?.values ?? []).map((v) => Object.fromEntries(result!.columns.map((c, i) => [c, v[i]])));
}

function colConf(col: Database): Record<string, unknown> {
  return JSON.parse(rows(col, 'SELECT conf FROM col')[0]!.conf as string) as Record<string, unknown>;
}

// ---- ports of Anki's reading -----------------------------------------------------------------

/** Local calendar day number (chrono's num_days_from_ce, shifted: only differences are used). */
function localDay(sec: number, minutesWest: number): number {
  return Math.floor((sec - minutesWest * 60) / 86_400);
}

/** Seconds of the local wall clock `hour`:00 on the local day of `sec` (rslib/src/scheduler/timing.rs `rollover_datetime`). */
function rolloverAt(sec: number, minutesWest: number, hour: number): number {
  return localDay(sec, minutesWest) * 86_400 + minutesWest * 60 + (hour % 24) * 3600;
}

/**
 * Anki's day count of the collection at `nowSec` (`days_elapsed`), as rslib/src/scheduler/timing.rs
 * `sched_timing_today` computes it for a v2 collection: `rollover` from the config (Anki writes 4 when
 * it is missing, rslib/src/scheduler/mod.rs `timing_for_timestamp`); with `creationOffset` set,
 * `sched_timing_today_v2_new`, else `sched_timing_today_v2_legacy`. `currentMinutesWest` is the
 * importing device's zone (`local_utc_offset_for_user`), minutes west of UTC as Anki counts them.
 */
function ankiDaysElapsed(col: Database, nowSec: number, currentMinutesWest: number): number {
  const crt = rows(col, 'SELECT crt FROM col')[0]!.crt as number;
  const conf = colConf(col);
  const rollover = typeof conf.rollover === 'number' ? conf.rollover : 4;
  if (typeof conf.creationOffset === 'number') {
    const rolloverToday = rolloverAt(nowSec, currentMinutesWest, rollover);
    const days = localDay(nowSec, currentMinutesWest) - localDay(crt, conf.creationOffset);
    return Math.max(0, rolloverToday <= nowSec ? days : days - 1);
  }
  const crtAtRollover = rolloverAt(crt, currentMinutesWest, rollover);
  return Math.max(0, Math.trunc((nowSec - crtAtRollover) / 86_400));
}

// ---- the tests -------------------------------------------------------------------------------

/** Fixed zones, in Rehearse's convention (minutes east of UTC). */
const ZONES: Array<[name: string, minutesEast: number]> = [
  ['Sydney (UTC+10)', 600],
  ['New York (UTC−5)', -300],
  ['Kolkata (UTC+5:30)', 330],
  ['UTC', 0],
];

describe('crt and due days, as Anki counts days (rslib/src/scheduler/timing.rs)', () => {
  // 01:30 UTC: already the next calendar day in Sydney and Kolkata, the evening before in New York,
  // and before the 4:00 day start in UTC.
  const now = Date.UTC(2024, 5, 10, 1, 30);
  for (const [zone, east] of ZONES) {
    for (const dayStartHour of [4, 0]) {
      it(`${zone}, day start ${dayStartHour}:00: crt is the local day start and a review card comes due on its study day`, async () => {
        const dues = [now + 5 * HOUR, now + DAY, now + 3 * DAY + 2 * HOUR, now + 40 * DAY, now - 2 * DAY];
        const cards = dues.map((_, i) => card(`c${i}`, `Question ${i}`, { position: i }));
        const states = cards.map((c, i) => stateOf(c, schedule({ due: dues[i]!, scheduledDays: 4, lastReview: now - DAY })));
        const { col, bytes } = await exportApkg({ cards, states, logs: [] }, { now, timeZone: east, settings: { dayStartHour } });

        const crt = rows(col, 'SELECT crt FROM col')[0]!.crt as number;
        expect(crt * 1000).toBe(startOfStudyDay(now, dayStartHour, east));
        expect(colConf(col)).toMatchObject({ rollover: dayStartHour, creationOffset: 0 - east });
        const west = 0 - east;
        const exported = rows(col, 'SELECT c.due FROM cards c ORDER BY c.id').map((r) => r.due as number);
        for (const [i, due] of dues.entries()) {
          if (due < now) continue;
          // Rehearse shows a review card from the start of the study day its due time falls in.
          const dayStart = startOfStudyDay(due, dayStartHour, east) / 1000;
          expect(ankiDaysElapsed(col, dayStart, west)).toBe(exported[i]);
          expect(ankiDaysElapsed(col, dayStart - 1, west)).toBe(Math.max(0, exported[i]! - 1));
        }
        // Overdue by two study days: two days before today (Anki keeps a negative due, as fix_due_other.sql allows).
        expect(exported[4]).toBe(-2);
        // Today, as Anki counts it on the device that exported.
        expect(ankiDaysElapsed(col, now / 1000, west)).toBe(0);
        // Our reader sees the same crt and days.
        const pkg = readAnkiPackage(bytes, 'd.apkg', { SQL });
        expect(pkg.collectionCreated).toBe(crt);
        expect(pkg.cards.map((c) => c.due)).toEqual(exported);
      });
    }
  }
});

/** The cloze numbers in a note's fields (rslib/src/cloze.rs `cloze_number_in_fields`). */
function clozeNumbersInFields(flds: string): number[] {
  return [...new Set([...flds.matchAll(/\{\{c(\d+)::/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
}

describe('cloze notes: one Anki card per Rehearse card (rslib/src/notetype/cardgen.rs)', () => {
  const now = Date.UTC(2024, 5, 10, 12);
  // One Anki cloze note read into Rehearse: one card per gap, its own gap as {{cN::…}}.
  const fromAnki = [
    card('g1', 'A {{c1::LEFT JOIN}} keeps every row of the left table.', { kind: 'cloze', position: 1, tags: ['sql'] }),
    card('g2', 'A LEFT JOIN keeps every row of the {{c2::left}} table.', { kind: 'cloze', position: 2, tags: ['sql'] }),
    card('g3', 'A LEFT JOIN keeps every row of the left {{c3::table::noun}}.', { kind: 'cloze', position: 3, tags: ['sql'] }),
  ].map((c) => ({ ...c, back: c.front }));
  // A cloze written in a note: its gaps are hidden together on one card.
  const native = card('n1', 'An ==inner join== keeps only ==matching== rows.', { kind: 'cloze', position: 0 });
  native.back = native.front;
  const cards = [native, ...fromAnki];
  const dues = [now + 2 * DAY, now + 5 * DAY, now + 9 * DAY, now + 20 * DAY];
  const states = cards.map((c, i) => stateOf(c, schedule({ due: dues[i]!, scheduledDays: 2 + i, reps: i + 1, lastReview: now - DAY })));
  const logs = cards.map((c, i) => reviewLog(c, now - DAY - i * HOUR, 3, states[i]!.schedule));

  it('a note written with several gaps is one note with one card hiding them all; an Anki note read as a card per gap is that note again, each card with its own schedule and history', async () => {
    const { col, bytes } = await exportApkg({ cards, states, logs }, { now });
    const notes = rows(col, 'SELECT id, flds FROM notes ORDER BY id');
    expect(notes).toHaveLength(2);
    const text = (n: Record<string, unknown>) => (n.flds as string).split('\x1f')[0]!;
    expect(text(notes[0]!)).toBe('<p>An {{c1::inner join}} keeps only {{c1::matching}} rows.</p>');
    expect(text(notes[1]!)).toBe('<p>A {{c1::LEFT JOIN}} keeps every row of the {{c2::left}} {{c3::table::noun}}.</p>');
    const exported = rows(col, 'SELECT id, nid, ord, due, ivl, reps FROM cards ORDER BY nid, ord');
    // Anki generates (and keeps) one card per cloze number in the fields, ord = number − 1.
    for (const note of notes) {
      const ords = exported.filter((c) => c.nid === note.id).map((c) => c.ord);
      expect(ords).toEqual(clozeNumbersInFields(note.flds as string).map((n) => n - 1));
    }
    expect(exported).toHaveLength(cards.length);
    expect(exported.map((c) => [c.ord, c.due, c.ivl, c.reps])).toEqual([
      [0, 2, 2, 1],
      [0, 5, 3, 2],
      [1, 9, 4, 3],
      [2, 20, 5, 4],
    ]);
    // Each answer on the card it was given to.
    const revlog = rows(col, 'SELECT cid, id FROM revlog ORDER BY id DESC');
    expect(revlog.map((r) => exported.findIndex((c) => c.id === r.cid))).toEqual([0, 1, 2, 3]);

    // Our reader: the same four cards, each gap on its own card, each with its one review.
    const { decks } = ankiPackageToDecks(readAnkiPackage(bytes, 'd.apkg', { SQL }), 'd.apkg');
    expect(decks[0]!.cards.map((c) => [c.front, c.reviews.length])).toEqual([
      ['An {{c1::inner join}} keeps only {{c1::matching}} rows.', 1],
      ['A {{c1::LEFT JOIN}} keeps every row of the left table.', 1],
      ['A LEFT JOIN keeps every row of the {{c2::left}} table.', 1],
      ['A LEFT JOIN keeps every row of the left {{c3::table::noun}}.', 1],
    ]);
  });
});

/** The steps Anki reads for a card: `new.delays` or `lapse.delays` of its deck's config, in minutes. */
function deckSteps(col: Database, did: number): { learn: number[]; relearn: number[] } {
  const { decks, dconf } = rows(col, 'SELECT decks, dconf FROM col')[0]! as { decks: string; dconf: string };
  const conf = JSON.parse(dconf)[String(JSON.parse(decks)[String(did)].conf)] as { new: { delays: number[] }; lapse: { delays: number[] } };
  return { learn: conf.new.delays, relearn: conf.lapse.delays };
}

/** The step a learning card is at (rslib/src/scheduler/states/steps.rs `LearningSteps::get_index`, `left % 1000` as `remaining`). */
function ankiStepIndex(steps: number[], left: number): number {
  return Math.min(Math.max(0, steps.length - (left % 1000)), Math.max(0, steps.length - 1));
}

/** Anki's "steps that can be completed by the day cutoff" (pylib/anki/scheduler/v2.py `_leftToday`, before 558c754 removed v2). */
function leftToday(delays: number[], left: number, nowSec: number, dayCutoffSec: number): number {
  const rest = left === 0 ? delays : delays.slice(-left);
  let t = nowSec;
  let ok = 0;
  for (const [i, delay] of rest.entries()) {
    t += Math.trunc(delay * 60);
    if (t > dayCutoffSec) break;
    ok = i;
  }
  return ok + 1;
}

describe('learning cards keep their step (rslib/src/scheduler/states/steps.rs)', () => {
  // 20:00 in UTC+2, so a 1-day step lands on a later day and a 10-minute one today.
  const now = Date.UTC(2024, 5, 10, 18);
  const east = 120;
  const settings = { learningSteps: ['1m', '10m', '1d'], relearningSteps: ['10m', '1h'] } as Partial<SchedulerSettings>;
  const learning = [
    { state: 1, learningSteps: 0, due: now + MIN },
    { state: 1, learningSteps: 1, due: now + 10 * MIN },
    { state: 1, learningSteps: 2, due: now + DAY },
    { state: 3, learningSteps: 0, due: now + 10 * MIN, lapses: 1 },
    { state: 3, learningSteps: 1, due: now + HOUR, lapses: 1 },
  ] as const;
  const cards = learning.map((_, i) => card(`l${i}`, `Learning ${i}`, { position: i }));
  const states = cards.map((c, i) => stateOf(c, schedule({ ...learning[i], scheduledDays: 0, lastReview: now })));

  it('the deck config holds the user’s steps, `left` counts the steps still to go and today’s part of them, `due` is in seconds today or in days later', async () => {
    const { col, bytes } = await exportApkg({ cards, states, logs: [] }, { now, timeZone: east, settings });
    const exported = rows(col, 'SELECT did, type, queue, due, left FROM cards ORDER BY id');
    const steps = deckSteps(col, exported[0]!.did as number);
    expect(steps).toEqual({ learn: [1, 10, 1440], relearn: [10, 60] });
    const dayCutoff = startOfStudyDay(now + DAY, 4, east) / 1000;
    for (const [i, c] of exported.entries()) {
      const s = learning[i]!;
      const delays = s.state === 1 ? steps.learn : steps.relearn;
      expect(c.type).toBe(s.state === 1 ? 1 : 3);
      expect(ankiStepIndex(delays, c.left as number)).toBe(s.learningSteps);
      const remaining = (c.left as number) % 1000;
      expect(Math.floor((c.left as number) / 1000)).toBe(leftToday(delays, remaining, now / 1000, dayCutoff));
    }
    // Due today: the learning queue (1), in epoch seconds; due on a later day: the day-learning queue (3), a day number.
    expect(exported.map((c) => [c.queue, c.due])).toEqual([
      [1, (now + MIN) / 1000],
      [1, (now + 10 * MIN) / 1000],
      [3, 1],
      [1, (now + 10 * MIN) / 1000],
      [1, (now + HOUR) / 1000],
    ]);
    // Our reader sees the same.
    const pkg = readAnkiPackage(bytes, 'd.apkg', { SQL });
    expect(pkg.cards.map((c) => [c.queue, c.due, c.left])).toEqual(exported.map((c) => [c.queue, c.due, c.left]));
  });
});

/** The card's `data` as Anki's CardData reads it (rslib/src/storage/card/data.rs): only these keys mean anything. */
function ankiCardData(data: string): { s?: number; d?: number; dr?: number; decay?: number; lrt?: number } {
  const parsed = JSON.parse(data) as Record<string, unknown>;
  const num = (k: string) => (typeof parsed[k] === 'number' ? { [k]: parsed[k] as number } : {});
  return { ...num('s'), ...num('d'), ...num('dr'), ...num('decay'), ...num('lrt') };
}

/** The preset's parameters: FSRS-6, else 5, else 4.x (rslib/src/deckconfig/mod.rs `fsrs_params`). */
function ankiFsrsParams(conf: Record<string, unknown>): number[] {
  const list = (k: string) => (Array.isArray(conf[k]) ? (conf[k] as number[]) : []);
  return list('fsrsParams6').length ? list('fsrsParams6') : list('fsrsParams5').length ? list('fsrsParams5') : list('fsrsWeights');
}

/** rslib/src/scheduler/fsrs/memory_state.rs `get_decay_from_params` (FSRS-6's default decay 0.1542, FSRS-5's 0.5). */
function ankiDecay(params: number[]): number {
  return params.length === 0 ? 0.1542 : params.length < 21 ? 0.5 : params[20]!;
}

function presetOf(col: Database, did: number): Record<string, unknown> {
  const { decks, dconf } = rows(col, 'SELECT decks, dconf FROM col')[0]! as { decks: string; dconf: string };
  return JSON.parse(dconf)[String(JSON.parse(decks)[String(did)].conf)] as Record<string, unknown>;
}

describe('FSRS memory state and parameters (rslib/src/storage/card/data.rs, rslib/src/deckconfig/)', () => {
  const now = Date.UTC(2024, 5, 10, 12);
  const w19 = [0.41, 1.18, 3.17, 15.69, 7.19, 0.53, 1.46, 0.005, 1.55, 0.12, 1.01, 1.93, 0.11, 0.3, 2.3, 0.23, 2.99, 0.52, 0.66];
  const w21 = [...w19, 0.1, 0.35];
  const review = card('r', 'Review', { position: 0 });
  const learning = card('l', 'Learning', { position: 1 });
  const reviewState = schedule({ state: 2, due: now + 4 * DAY, stability: 12.3456789, difficulty: 4.5678912, scheduledDays: 7, lastReview: now - 3 * DAY + 1234 });
  const learningState = schedule({ state: 1, due: now + 10 * MIN, stability: 0.4, difficulty: 6.1, learningSteps: 1, lastReview: now });
  const states = [stateOf(review, reviewState), stateOf(learning, learningState)];
  const logs = [reviewLog(review, now - 3 * DAY + 1234, 3, reviewState), reviewLog(learning, now, 3, learningState)];

  for (const [name, weights, slot] of [
    ['FSRS-5 parameters (19)', w19, 'fsrsParams5'],
    ['FSRS-6 parameters (21)', w21, 'fsrsParams6'],
    ['the default parameters', undefined, undefined],
  ] as const) {
    it(`${name}: cards.data has s, d, dr, decay and lrt; the preset has the parameters and desired retention`, async () => {
      const settings = { desiredRetention: 0.85, ...(weights ? { fsrsWeights: [...weights] } : {}) };
      const { col, bytes } = await exportApkg({ cards: [review, learning], states, logs }, { now, settings });
      const exported = rows(col, 'SELECT did, data FROM cards ORDER BY id');
      const preset = presetOf(col, exported[0]!.did as number);
      expect(ankiFsrsParams(preset)).toEqual(weights ?? []);
      if (slot) expect(preset[slot]).toEqual(weights);
      expect(preset.desiredRetention).toBe(0.85);
      // Rounded to 3 places, as CardData::convert_to_json writes it.
      const decay = Math.round(ankiDecay(ankiFsrsParams(preset)) * 1000) / 1000;
      expect(exported.map((c) => ankiCardData(c.data as string))).toEqual([
        { s: 12.3457, d: 4.568, dr: 0.85, decay, lrt: Math.floor((now - 3 * DAY + 1234) / 1000) },
        { s: 0.4, d: 6.1, dr: 0.85, decay, lrt: now / 1000 },
      ]);
      // FSRS is on in the collection, and each answer's revlog factor is the difficulty after it (0.1–1.1, × 1000), as Anki writes it.
      expect(colConf(col).fsrs).toBe(true);
      const factors = rows(col, 'SELECT factor FROM revlog ORDER BY id').map((r) => r.factor);
      expect(factors).toEqual([Math.round(((4.5678912 - 1) / 9 + 0.1) * 1000), Math.round(((6.1 - 1) / 9 + 0.1) * 1000)]);
      // Our reader finds the same state.
      const pkg = readAnkiPackage(bytes, 'd.apkg', { SQL });
      expect(pkg.cards[0]!.fsrs).toEqual({ stability: 12.3457, difficulty: 4.568, desiredRetention: 0.85, decay, lastReview: Math.floor((now - 3 * DAY + 1234) / 1000) });
    });
  }
});

/** A note's tags as Anki reads them (rslib/src/tags/mod.rs `split_tags`), each normalized (tags/register.rs `normalize_tag_name`). */
function ankiTagsOf(tags: string): string[] {
  const component = (c: string) => c.replace(/[\x00-\x1f\x7f \u3000]/g, '').trim() || 'blank';
  return tags
    .split(/[ \u3000]/)
    .filter((t) => t !== '')
    .map((t) => t.split('::').map(component).join('::'));
}

describe('tags (rslib/src/tags/)', () => {
  const sectioned: Array<[section: string[], tag: string]> = [
    [['Interview Prep:', 'Joins'], 'Interview_Prep::Joins'],
    [['Q&A: SQL', 'Window functions'], 'Q&A:_SQL::Window_functions'],
    [['C++ :: Templates'], 'C++_:_Templates'],
    [[':Intro', '   ', 'Part 1:'], 'Intro::Part_1'],
  ];
  it('a section path is one valid hierarchical tag: no spaces, no component starting or ending with `:`, one level per section', async () => {
    const cards = sectioned.map(([section], i) => card(`t${i}`, `Tagged ${i}`, { position: i, tags: [...section, 'extra tag'], meta: { line: 1, section, layout: 'markdown' } }));
    const anki = card('a', 'From Anki', { position: 9, tags: ['Interview::SQL:', '::sql::joins', 'a::::b', 'plain'], meta: { line: 1, section: ['Interview::SQL:'], layout: 'anki-text' } });
    const { col, bytes } = await exportApkg({ cards: [...cards, anki], states: [], logs: [] }, { now: Date.UTC(2024, 5, 10) });
    const written = rows(col, 'SELECT tags FROM notes ORDER BY id').map((r) => r.tags as string);
    const read = written.map(ankiTagsOf);
    // Anki would keep every tag exactly as written…
    expect(read.map((tags) => tags.join(' '))).toEqual(written.map((t) => t.trim()));
    // …and each level is a section title, not a colon left over.
    for (const tag of read.flat()) for (const level of tag.split('::')) expect(level).toMatch(/^[^:](.*[^:])?$/);
    expect(read).toEqual([...sectioned.map(([, tag]) => [tag, 'extra_tag']), ['Interview::SQL', 'sql::joins', 'a::b', 'plain']]);
    // Our reader reads the same tags.
    const { decks } = ankiPackageToDecks(readAnkiPackage(bytes, 'd.apkg', { SQL }), 'd.apkg');
    expect(decks[0]!.cards.map((c) => c.tags)).toEqual(read);
  });
});

/**
 * The media a field refers to, as Anki finds them (rslib/src/text.rs `extract_media_refs`: the
 * `src` of `<img>`/`<audio>`/… tags, `[sound:…]`), entities decoded.
 */
function ankiMediaRefs(field: string): string[] {
  const refs: string[] = [];
  for (const m of field.matchAll(/<\b(?:img|audio|video|object|source)\b(?:[^>]|"[^"]+?"|'[^']+?')+?\b(?:src|data)\b=(?:"([^"]+?)"|'([^']+?)'|([^ >]+?))[^>]*>/gis)) {
    refs.push((m[1] ?? m[2] ?? m[3]!).replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#(\d+);/g, (_w, n: string) => String.fromCodePoint(Number(n))));
  }
  for (const m of field.matchAll(/\[sound:(.+?)\]/gs)) refs.push(m[1]!);
  return refs;
}

/**
 * The package's media as Anki's importer takes them from a legacy package (no `meta` entry):
 * the `media` entry is a JSON map of zip entry index → file name, each name a single plain path
 * component (rslib/src/import_export/package/media.rs `extract_media_entries`, `SafeMediaEntry::from_legacy`,
 * rslib/io/src/lib.rs `filename_is_safe`).
 */
function ankiMediaEntries(files: Record<string, Uint8Array>): Map<string, Uint8Array> {
  expect(files.meta).toBeUndefined();
  const map = JSON.parse(new TextDecoder().decode(files.media)) as Record<string, string>;
  const out = new Map<string, Uint8Array>();
  for (const [index, name] of Object.entries(map)) {
    expect(String(Number.parseInt(index, 10))).toBe(index);
    expect(name).not.toMatch(/[/\\]|^\.\.?$/);
    expect(files[index]).toBeDefined();
    out.set(name, files[index]!);
  }
  return out;
}

describe('images and sounds go in the package as media (rslib/src/import_export/package/media.rs)', () => {
  const pngBase64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const png = Uint8Array.from(atob(pngBase64), (c) => c.charCodeAt(0));
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>';
  const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  const hello = new Uint8Array([0x49, 0x44, 0x33, 4, 5, 6]);

  it('data: images become files of the package, stored images and sounds come along by name, remote images stay addresses', async () => {
    const cards = [
      card('m1', `A dot: ![dot](data:image/png;base64,${pngBase64})`, { position: 0, back: `The same dot <img src="data:image/png;base64,${pngBase64}" alt="again"> and a shape ![s](data:image/svg+xml,${encodeURIComponent(svg)})` }),
      card('m2', 'A photo ![](photo.jpg) [sound:hello.mp3]', { position: 1, back: 'Remote ![r](https://example.com/a.png) and ![gone](missing.png)' }),
    ];
    const media = new Map([
      ['photo.jpg', photo],
      ['hello.mp3', hello],
      ['unused.png', png],
    ]);
    const bytes = await buildApkg(
      { deck: { id: 'd', title: 'Deck' }, cards, states: [], logs: [], media },
      { SQL, zip: zipSync, renderHtml: renderCardMarkdown },
      { now: Date.UTC(2024, 5, 10), timeZone: 0 },
    );
    const files = unzipSync(bytes);
    const col = new SQL.Database(files['collection.anki2']!);
    const fields = rows(col, 'SELECT flds FROM notes ORDER BY id').map((r) => (r.flds as string).split('\x1f'));
    const refs = fields.map((f) => f.map(ankiMediaRefs));
    const entries = ankiMediaEntries(files);

    // The data: images, by the SHA-1 of their bytes (the same dot twice is one file).
    const [dotName, dotAgain, shapeName] = [refs[0]![0]![0]!, refs[0]![1]![0]!, refs[0]![1]![1]!];
    expect(dotName).toMatch(/^rehearse-[0-9a-f]{40}\.png$/);
    expect(dotAgain).toBe(dotName);
    expect(shapeName).toMatch(/^rehearse-[0-9a-f]{40}\.svg$/);
    expect(entries.get(dotName)).toEqual(png);
    expect(new TextDecoder().decode(entries.get(shapeName))).toBe(svg);
    // Stored files by the names the card uses; the remote image stays an address; a name the deck lacks is not invented.
    expect(refs[1]).toEqual([['photo.jpg', 'hello.mp3'], ['https://example.com/a.png', 'missing.png']]);
    expect(entries.get('photo.jpg')).toEqual(photo);
    expect(entries.get('hello.mp3')).toEqual(hello);
    expect([...entries.keys()].sort()).toEqual([dotName, shapeName, 'hello.mp3', 'photo.jpg'].sort());
    expect(fields.flat().join('')).not.toContain('data:');

    // Our reader lists the same files with the same bytes.
    const pkg = readAnkiPackage(bytes, 'd.apkg', { SQL });
    const read = readAnkiMedia(bytes, pkg.layout, pkg.media);
    expect(new Map([...read].sort())).toEqual(new Map([...entries].sort()));
  });
});
