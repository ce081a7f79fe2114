// Builds an Anki package (.apkg) from one deck: a zip holding `collection.anki2` (an SQLite
// database in Anki's schema 11, which every Anki since 2.1 imports), the `media` list and the
// cards' images and sounds (ankiMedia.ts).
// Pure apart from its injected parts (sql.js, the zip writer, the markdown renderer), so the
// same code runs in the browser and in Node tests.
//
// Mapping: a basic card → a note of the "Basic (Rehearse)" type, Front/Back as sanitized HTML
// from the app's renderer, math turned back into Anki's MathJax `\(…\)` / `\[…\]`; cloze cards →
// "Cloze (Rehearse)" notes, one Anki card per Rehearse card (ankiCloze.ts says how). Tags: the
// section path as one hierarchical tag (ankiTags.ts). Note guids and the note type and deck ids
// are derived from the Rehearse ids, so exporting again and importing updates the same notes in
// Anki instead of duplicating them.
//
// Scheduling (when `includeProgress`): the collection's days are the user's study days
// (ankiDays.ts); new cards stay new in deck order; review and learning cards keep their due day
// or time, step, interval, reps, lapses and FSRS memory state (ankiSchedule.ts); a suspended card
// stays suspended. The user's steps, limits and FSRS parameters are the decks' options preset.
// The review log becomes Anki's revlog, so Anki's FSRS optimizer sees the history. Without
// progress every card arrives new and no history is written.

import type { SqlJsStatic, SqlValue } from 'sql.js';
import { DEFAULT_SCHEDULER_SETTINGS, type SchedulerSettings } from '../../core/scheduling/settings.ts';
import type { TimeZoneOffset } from '../../core/scheduling/day.ts';
import type { StoredCard, StoredCardState, StoredReviewLog } from '../../storage/db.ts';
import { planNotes } from './ankiCloze.ts';
import { ankiTags, tagString } from './ankiTags.ts';
import { PackageMedia } from './ankiMedia.ts';
import { sha1Hex } from './sha1.ts';
import { ankiDayClock, type AnkiDayClock } from './ankiDays.ts';
import { REVLOG_TYPE, revlogFactor, revlogInterval, schedulingColumns, stepMinutes } from './ankiSchedule.ts';

export { ankiTags } from './ankiTags.ts';
export { sha1Hex } from './sha1.ts';

/** What one deck export needs. */
export interface AnkiDeckExport {
  deck: { id: string; title: string; description?: string | undefined };
  /** The deck's visible cards, in deck order. */
  cards: readonly StoredCard[];
  states: readonly StoredCardState[];
  logs: readonly StoredReviewLog[];
  /** The deck's media files by the names its cards use (absent: none stored). */
  media?: ReadonlyMap<string, Uint8Array>;
}

/** The parts the builder is given rather than imports, so it stays loadable anywhere. */
export interface ApkgTools {
  SQL: SqlJsStatic;
  zip(files: Record<string, Uint8Array>): Uint8Array;
  renderHtml(markdown: string): Promise<string>;
}

export interface ApkgOptions {
  now: number;
  /** Scheduling state and review history (default true); otherwise every card is new. */
  includeProgress?: boolean;
  /** The user's scheduler settings (day start, steps, FSRS parameters); the defaults when absent. */
  settings?: SchedulerSettings;
  /** The device's zone, for the collection's day (the runtime's own zone when absent). */
  timeZone?: TimeZoneOffset;
}

const FIELD_SEPARATOR = '\x1f';
/** Fixed ids for the note types, so Anki recognises them on every import. */
export const BASIC_MODEL_ID = 1_718_000_000_001;
export const CLOZE_MODEL_ID = 1_718_000_000_002;

/** Builds the .apkg bytes. */
export async function buildApkg(input: AnkiDeckExport, tools: ApkgTools, options: ApkgOptions): Promise<Uint8Array> {
  const { now } = options;
  const includeProgress = options.includeProgress ?? true;
  const nowSec = Math.floor(now / 1000);
  const settings = options.settings ?? DEFAULT_SCHEDULER_SETTINGS;
  // The collection begins at the start of today's study day; review due dates are days from it.
  const clock = ankiDayClock(now, settings.dayStartHour, options.timeZone);
  const deckId = idFromText(`deck:${input.deck.id}`);
  const states = new Map(input.states.map((s) => [s.cardId, s]));
  const media = new PackageMedia(input.media);

  const db = new tools.SQL.Database();
  try {
    db.run(SCHEMA);
    db.run('INSERT INTO col VALUES (1,?,?,?,11,0,0,0,?,?,?,?,?)', [
      clock.crtSec,
      now,
      now,
      JSON.stringify(collectionConf(input.cards.length, clock)),
      JSON.stringify(models(deckId, nowSec)),
      JSON.stringify(decks(deckId, input.deck.title, input.deck.description ?? '', nowSec)),
      JSON.stringify(deckConfigs(settings, nowSec)),
      '{}',
    ]);
    const insertNote = db.prepare('INSERT INTO notes VALUES (?,?,?,?,-1,?,?,?,?,0,\'\')');
    const insertCard = db.prepare('INSERT INTO cards VALUES (?,?,?,?,?,-1,?,?,?,?,?,?,?,?,0,0,0,?)');
    const ids = uniqueIds(now);
    const ankiCardIds = new Map<string, number>();
    const positions = new Map(input.cards.map((card, position) => [card.id, position]));
    for (const note of planNotes(input.cards)) {
      const noteId = ids();
      const first = note.cards[0]!.card;
      const cloze = note.clozeText !== undefined;
      const html = (markdown: string) => toAnkiHtml(markdown, tools, media);
      const fields = cloze ? await clozeFields(note.clozeText!, first, html) : [await html(first.front), await html(first.back)];
      const sortField = stripHtml(fields[0]!);
      insertNote.run([
        noteId,
        guidFor(first.id),
        cloze ? CLOZE_MODEL_ID : BASIC_MODEL_ID,
        nowSec,
        tagString(ankiTags(first)),
        fields.join(FIELD_SEPARATOR),
        sortField,
        checksum(sortField),
      ]);
      // Each Anki card with its own Rehearse card's schedule.
      for (const { card, ord } of note.cards) {
        const state = includeProgress ? states.get(card.id) : undefined;
        const cardId = ids();
        ankiCardIds.set(card.id, cardId);
        insertCard.run([cardId, noteId, deckId, ord, nowSec, ...schedulingColumns(state, positions.get(card.id)!, clock, settings)]);
      }
    }
    insertNote.free();
    insertCard.free();

    if (includeProgress) {
      const insertLog = db.prepare('INSERT INTO revlog VALUES (?,?,-1,?,?,?,?,?,?)');
      const logIds = uniqueIds(0);
      for (const log of [...input.logs].sort((a, b) => a.reviewedAt - b.reviewedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
        const cid = ankiCardIds.get(log.cardId);
        if (cid === undefined) continue;
        insertLog.run([
          logIds(log.reviewedAt),
          cid,
          log.rating,
          revlogInterval(log.stateAfter, log.reviewedAt),
          revlogInterval(log.stateBefore, log.reviewedAt),
          revlogFactor(log.stateAfter),
          Math.min(60_000, Math.max(0, Math.round(log.durationMs))),
          REVLOG_TYPE[log.fsrsLog.state] ?? 1,
        ]);
      }
      insertLog.free();
    }
    const collection = db.export();
    return tools.zip({ 'collection.anki2': collection, ...media.entries() });
  } finally {
    db.close();
  }
}

/** Anki's schema 11, as `Collection` creates it (tables and indexes). */
const SCHEMA = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`;

const CSS = `.card { font-family: system-ui, sans-serif; font-size: 20px; text-align: left; color: black; background-color: white; line-height: 1.45; }
.nightMode .card, .night_mode .card { color: #e8e8e8; background-color: #1b1e24; }
pre { overflow-x: auto; padding: 0.6em; background: rgba(127,127,127,0.12); border-radius: 6px; }
code { font-family: ui-monospace, monospace; font-size: 0.9em; }
table { border-collapse: collapse; } td, th { border: 1px solid rgba(127,127,127,0.4); padding: 0.2em 0.5em; }
.cloze { font-weight: bold; color: #0a58ca; }`;

const LATEX_PRE = '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';

function field(name: string, ord: number) {
  return { name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] };
}

function models(deckId: number, nowSec: number) {
  const common = { mod: nowSec, usn: -1, sortf: 0, did: deckId, css: CSS, latexPre: LATEX_PRE, latexPost: '\\end{document}', latexsvg: false, tags: [], vers: [] };
  return {
    [BASIC_MODEL_ID]: {
      ...common,
      id: BASIC_MODEL_ID,
      name: 'Basic (Rehearse)',
      type: 0,
      flds: [field('Front', 0), field('Back', 1)],
      tmpls: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}', did: null, bqfmt: '', bafmt: '' }],
      req: [[0, 'any', [0]]],
    },
    [CLOZE_MODEL_ID]: {
      ...common,
      id: CLOZE_MODEL_ID,
      name: 'Cloze (Rehearse)',
      type: 1,
      flds: [field('Text', 0), field('Extra', 1)],
      tmpls: [{ name: 'Cloze', ord: 0, qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Extra}}', did: null, bqfmt: '', bafmt: '' }],
    },
  };
}

function deckJson(id: number, name: string, desc: string, nowSec: number, conf: number) {
  return {
    id,
    name,
    desc,
    mod: nowSec,
    usn: -1,
    collapsed: false,
    browserCollapsed: false,
    newToday: [0, 0],
    revToday: [0, 0],
    lrnToday: [0, 0],
    timeToday: [0, 0],
    dyn: 0,
    conf,
    extendNew: 0,
    extendRev: 0,
  };
}

function decks(deckId: number, title: string, desc: string, nowSec: number) {
  return {
    1: deckJson(1, 'Default', '', nowSec, 1),
    [deckId]: deckJson(deckId, title.replace(/\s+/g, ' ').trim() || 'Rehearse', desc, nowSec, DECK_CONFIG_ID),
  };
}

/** The deck options preset of exported decks: its own id, so Anki adds it beside the user's "Default". */
export const DECK_CONFIG_ID = 1_718_000_000_003;

function deckConfig(id: number, name: string, settings: SchedulerSettings, nowSec: number) {
  return {
    id,
    name,
    mod: nowSec,
    usn: -1,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    // The steps a learning card's `left` counts down (rslib/src/scheduler/states/steps.rs reads them in minutes).
    new: { delays: settings.learningSteps.map(stepMinutes), ints: [1, 4, 0], initialFactor: 2500, order: 1, perDay: settings.newCardsPerDay, bury: false, separate: true },
    rev: { perDay: settings.maxReviewsPerDay, ease4: 1.3, fuzz: 0.05, ivlFct: 1, maxIvl: settings.maximumInterval, bury: false, hardFactor: 1.2, minSpace: 1 },
    lapse: { delays: settings.relearningSteps.map(stepMinutes), mult: 0, minInt: 1, leechFails: 8, leechAction: 1 },
    // FSRS: the user's parameters under the key of their version (Anki reads 6, else 5, else 4.x:
    // rslib/src/deckconfig/mod.rs `fsrs_params`); none when the user has the defaults, which are Anki's too.
    ...fsrsParameterKeys(settings.fsrsWeights),
    desiredRetention: settings.desiredRetention,
  };
}

function fsrsParameterKeys(weights: readonly number[] | undefined) {
  const list = weights ? [...weights] : [];
  return { fsrsWeights: list.length === 17 ? list : [], fsrsParams5: list.length === 19 ? list : [], fsrsParams6: list.length === 21 ? list : [] };
}

/** Anki's own default preset (id 1), and the user's settings as the exported decks' preset. */
function deckConfigs(settings: SchedulerSettings, nowSec: number) {
  return {
    1: deckConfig(1, 'Default', DEFAULT_SCHEDULER_SETTINGS, 0),
    [DECK_CONFIG_ID]: deckConfig(DECK_CONFIG_ID, 'Rehearse', settings, nowSec),
  };
}

function collectionConf(cardCount: number, clock: AnkiDayClock) {
  return {
    // The v2 scheduler, whose learning answers have four buttons as ours do. Without it Anki reads
    // the collection as v1 data and renumbers learning answers on upgrade (Good became Easy).
    schedVer: 2,
    // The day start, and the zone `crt` is a day start in (minutes west of UTC, as Anki counts):
    // Anki's day count (rslib/src/scheduler/timing.rs `sched_timing_today_v2_new`) reads both.
    rollover: clock.rollover,
    creationOffset: clock.creationOffset,
    // Rehearse schedules with FSRS only (BoolKey::Fsrs, rslib/src/config/bool.rs).
    fsrs: true,
    activeDecks: [1],
    curDeck: 1,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    curModel: BASIC_MODEL_ID,
    nextPos: cardCount + 1,
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true,
  };
}

/** Millisecond ids, each one above the last (Anki's own id scheme). */
function uniqueIds(start: number): (at?: number) => number {
  let last = start - 1;
  return (at) => {
    // Whole milliseconds: a log's times need not be (restored, synced or generated rows), Anki's ids are integers.
    last = Math.max(last + 1, Math.floor(at ?? last + 1));
    return last;
  };
}

/** A positive id below 2^53 from text (FNV-1a over 52 bits). */
function idFromText(text: string): number {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return Number(h & 0xfffffffffffffn) || 1;
}

const GUID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';

/** A 10-character guid in Anki's alphabet, the same for the same Rehearse card id. */
export function guidFor(cardId: string): string {
  let n = BigInt(idFromText(`guid:${cardId}`)) * 4096n + BigInt(idFromText(`guid2:${cardId}`) & 4095);
  let out = '';
  for (let i = 0; i < 10; i++) {
    out += GUID_CHARS[Number(n % BigInt(GUID_CHARS.length))];
    n /= BigInt(GUID_CHARS.length);
  }
  return out;
}

/** A field: the card's markdown rendered as the app renders it, with math and media as Anki writes them. */
async function toAnkiHtml(markdown: string, tools: ApkgTools, media: PackageMedia): Promise<string> {
  return media.ankiHtml(katexToMathJax(await tools.renderHtml(media.dataImagesToFiles(markdown))));
}

/** Text and Extra of a cloze note; the card's back is Extra unless it is the text again. */
async function clozeFields(text: string, card: StoredCard, html: (markdown: string) => Promise<string>): Promise<[string, string]> {
  const extra = card.back.trim() === card.front.trim() ? '' : card.back;
  return [await html(text), extra ? await html(extra) : ''];
}

/**
 * KaTeX's output (HTML + MathML) → Anki's MathJax delimiters around the original TeX, which
 * KaTeX keeps in an `<annotation encoding="application/x-tex">`. Anki renders MathJax itself;
 * KaTeX's markup would need KaTeX's stylesheet and fonts.
 */
export function katexToMathJax(html: string): string {
  const open = /<span class="katex(-display)?">/g;
  let out = '';
  let from = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const end = matchingSpanEnd(html, m.index);
    if (end === -1) break;
    const inner = html.slice(m.index, end);
    const tex = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(inner)?.[1];
    if (tex === undefined) continue;
    out += html.slice(from, m.index) + (m[1] ? `\\[${tex}\\]` : `\\(${tex}\\)`);
    from = end;
    open.lastIndex = end;
  }
  return out + html.slice(from);
}

function matchingSpanEnd(html: string, start: number): number {
  const tag = /<span\b|<\/span>/g;
  tag.lastIndex = start;
  let depth = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    depth += m[0] === '</span>' ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return -1;
}

/** Anki's sort field: the first field without markup. */
export function stripHtml(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi, '')
    .replace(/<(br|\/p|\/div|\/li|\/h\d|\/tr|\/td|\/th)\b[^>]*>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Anki's `csum`: the first 8 hex digits of SHA-1 of the stripped first field, as a number. */
export function checksum(text: string): number {
  return Number.parseInt(sha1Hex(new TextEncoder().encode(text)).slice(0, 8), 16);
}
