// The backup file: everything on the device (decks, cards, scheduling state, review log,
// settings) as one JSON document. Reading goes through `readBackup`, which checks every row,
// brings older backup versions up to date and rejects what is not ours with one clear sentence.

import { MAX_INTERVAL_DAYS } from '../core/scheduling/settings.ts';
import { normalizeInterview } from '../core/planning/interviewQuota.ts';
import { newRowId, type StoredCard, type StoredCardState, type StoredDeck, type StoredReviewLog, type StoredSetting } from './db.ts';

export const BACKUP_FORMAT = 'rehearse-backup';
/** Version of the backup file layout (not of the database schema). */
export const BACKUP_VERSION = 2;

/** A backup as read and checked. */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** When it was made, ISO 8601. */
  exportedAt: string;
  /** The database schema version of the app that made it (informative). */
  schemaVersion: number;
  decks: StoredDeck[];
  cards: StoredCard[];
  cardStates: StoredCardState[];
  reviewLogs: StoredReviewLog[];
  settings: StoredSetting[];
}

/** Why a file cannot be restored. */
export type BackupErrorCode = 'empty' | 'not-backup' | 'truncated' | 'too-new' | 'damaged';

/** A file that cannot be restored; nothing was written. The message is one sentence for the user. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The tables of a backup, in the order they are written and restored. */
export const BACKUP_TABLES = ['decks', 'cards', 'cardStates', 'reviewLogs', 'settings'] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

type Row = Record<string, unknown>;
const isRecord = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isCount = (v: unknown): v is number => isNum(v) && Number.isInteger(v) && v >= 0;

const DAY = 24 * 60 * 60 * 1000;
/** No time the app writes is older than this: Rehearse (and ts-fsrs) came long after. */
const EARLIEST = Date.UTC(2000, 0, 1);
/** A device's clock may run a little ahead of the one that made the backup. */
const CLOCK_SLACK = DAY;
/**
 * The longest text a card can hold: the converter refuses notes larger than this (its
 * `MAX_NOTE_SIZE`, not imported so the deck list's chunk stays free of the parser; a test keeps
 * the two equal).
 */
export const MAX_BACKUP_TEXT = 20 * 1024 * 1024;
const MAX_TEXT = MAX_BACKUP_TEXT;
/** Ids, titles, tags and setting keys are short; this is far above any the app writes. */
const MAX_NAME = 1000;

/** The file's text, kept beside a backup read from it so a problem found later can name its line. */
const sourceText = new WeakMap<Backup, string>();

/**
 * Parses and checks a backup file's text. Throws `BackupError` with one sentence when the file is
 * empty, not JSON, not a Rehearse backup, from a newer version, cut off, or has a row the app
 * itself would never write (wrong type, a time out of range, text too long, a repeated id, a
 * reference to a row that is not there); the sentence names the first such row and its line.
 */
export function readBackup(text: string): Backup {
  if (text.trim() === '') throw new BackupError('empty', 'The file is empty.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const start = text.trimStart();
    if (start.startsWith('{') && start.includes(`"${BACKUP_FORMAT}"`)) {
      throw new BackupError('truncated', 'This backup file is incomplete: it ends too early, perhaps because the download was cut off.');
    }
    throw new BackupError('not-backup', 'This file is not a Rehearse backup (it is not a JSON backup file).');
  }
  const backup = checkBackup(value, text);
  sourceText.set(backup, text);
  return backup;
}

/** Checks an already-parsed backup (see `readBackup`); problems name the row but no line. */
export function restoreBackupFile(value: unknown): Backup {
  return checkBackup(value, undefined);
}

function checkBackup(value: unknown, text: string | undefined): Backup {
  if (!isRecord(value) || value.format !== BACKUP_FORMAT) {
    if (isRecord(value) && value.format === 'rehearse-deck') {
      throw new BackupError('not-backup', 'This is a Rehearse deck file, not a backup: import it as a deck instead.');
    }
    throw new BackupError('not-backup', 'This file is not a Rehearse backup.');
  }
  const version = value.version;
  if (!isNum(version) || !Number.isInteger(version) || version < 1) {
    throw new BackupError('damaged', 'This backup is damaged: it does not say which version it is.');
  }
  if (version > BACKUP_VERSION) {
    throw new BackupError(
      'too-new',
      `This backup was made by a newer version of Rehearse (backup version ${version}; this app reads up to ${BACKUP_VERSION}): reload the page to update the app, then try again.`,
    );
  }
  const upgraded = upgrade(value, version);
  for (const table of BACKUP_TABLES) {
    if (!Array.isArray(upgraded[table])) throw new BackupError('damaged', `This backup is damaged: it has no list of ${TABLE_WORDS[table]}.`);
  }
  const made = isStr(upgraded.exportedAt) ? Date.parse(upgraded.exportedAt) : NaN;
  if (!(made >= EARLIEST)) throw new BackupError('damaged', 'This backup is damaged: it does not say when it was made.');
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: upgraded.exportedAt as string,
    schemaVersion: isNum(upgraded.schemaVersion) ? upgraded.schemaVersion : 1,
    decks: upgraded.decks as StoredDeck[],
    cards: upgraded.cards as StoredCard[],
    cardStates: upgraded.cardStates as StoredCardState[],
    reviewLogs: upgraded.reviewLogs as StoredReviewLog[],
    settings: upgraded.settings as StoredSetting[],
  };
  const problem = firstProblem(backup, made);
  if (problem) throw damaged(problem, text);
  return backup;
}

/**
 * Brings an older backup layout up to the current one, one version at a time, and keeps reading
 * every old version forever. Version 2 (schema v3, sync): reviews carry globally unique string
 * ids; a version-1 review's device-local number is replaced by a new id.
 */
function upgrade(value: Row, version: number): Row {
  let out = value;
  if (version < 2 && Array.isArray(out.reviewLogs)) {
    out = { ...out, reviewLogs: out.reviewLogs.map((r: unknown) => (isRecord(r) ? { ...r, id: newRowId() } : r)) };
  }
  return out;
}

const TABLE_WORDS: Record<BackupTable, string> = {
  decks: 'decks',
  cards: 'cards',
  cardStates: 'scheduling states',
  reviewLogs: 'reviews',
  settings: 'settings',
};
const ROW_WORDS: Record<BackupTable, string> = {
  decks: 'deck',
  cards: 'card',
  cardStates: 'scheduling state',
  reviewLogs: 'review',
  settings: 'setting',
};

/** How a repeated row is told. */
const SAME_WORDS: Record<BackupTable, string> = {
  decks: 'has the same id as',
  cards: 'has the same id as',
  cardStates: 'is for the same card as',
  reviewLogs: 'has the same id as',
  settings: 'has the same name as',
};

/** The first row the app would not have written: its table, its index and what is wrong. */
export interface BackupProblem {
  table: BackupTable;
  index: number;
  reason: string;
}

/** The error for a problem, its row named by number and (given the text) line. */
function damaged(problem: BackupProblem, text: string | undefined): BackupError {
  const line = text === undefined ? undefined : lineOfRow(text, problem.table, problem.index);
  const place = `${ROW_WORDS[problem.table]} ${problem.index + 1}${line === undefined ? '' : ` (line ${line.toLocaleString('en')})`}`;
  return new BackupError('damaged', `This backup is damaged: ${place} ${problem.reason}.`);
}

/** What the checks of one row know besides the row. */
interface Context {
  /** When the backup was made (epoch ms). */
  made: number;
}

function firstProblem(backup: Backup, made: number): BackupProblem | null {
  const ctx: Context = { made };
  const rows = (table: BackupTable, check: (row: Row, ctx: Context) => string | null, id?: (row: Row) => unknown) => {
    const seen = new Map<unknown, number>();
    for (const [index, row] of (backup[table] as unknown[]).entries()) {
      const reason = isRecord(row) ? check(row, ctx) : 'is not an object';
      if (reason) return { table, index, reason };
      const key = id?.(row as Row);
      if (key === undefined) continue;
      const first = seen.get(key);
      if (first !== undefined) return { table, index, reason: `${SAME_WORDS[table]} ${ROW_WORDS[table]} ${first + 1}` };
      seen.set(key, index);
    }
    return null;
  };
  const shapes =
    rows('decks', deckProblem, (r) => r.id) ??
    rows('cards', cardProblem, (r) => r.id) ??
    rows('cardStates', stateProblem, (r) => r.cardId) ??
    rows('reviewLogs', logProblem, (r) => r.id) ??
    rows('settings', settingProblem, (r) => r.key);
  if (shapes) return shapes;
  // References inside the file: every scheduling state belongs to a card of the backup, in that
  // card's deck, and every card has its state (the app writes the two together).
  const cards = new Map(backup.cards.map((c) => [c.id, c]));
  const withState = new Set<string>();
  for (const [index, s] of backup.cardStates.entries()) {
    const card = cards.get(s.cardId);
    if (!card) return { table: 'cardStates', index, reason: 'is of a card that is not in the backup' };
    if (card.deckId !== s.deckId) return { table: 'cardStates', index, reason: 'names another deck than its card' };
    withState.add(s.cardId);
  }
  for (const [index, c] of backup.cards.entries()) {
    if (!withState.has(c.id)) return { table: 'cards', index, reason: 'has no scheduling state' };
  }
  return null;
}

/**
 * The first card whose deck, or review whose card, is neither in the backup nor among `here`:
 * the rows already on the device that a merge keeps, or `null` for a replace, which keeps none.
 * Storage calls it inside the restore's transaction, before writing.
 */
export function missingReference(
  backup: Backup,
  here: { deckIds: ReadonlySet<string>; cardIds: ReadonlySet<string> } | null,
): BackupError | null {
  const decks = new Set(backup.decks.map((d) => d.id));
  const cards = new Set(backup.cards.map((c) => c.id));
  const nowhere = here === null ? 'that is not in the backup (a replace keeps nothing of this device)' : 'that is neither in the backup nor on this device';
  let problem: BackupProblem | null = null;
  const c = backup.cards.findIndex((card) => !decks.has(card.deckId) && !here?.deckIds.has(card.deckId));
  if (c >= 0) problem = { table: 'cards', index: c, reason: `belongs to a deck ${nowhere}` };
  else {
    const r = backup.reviewLogs.findIndex((log) => !orphanAllowed(log) && !cards.has(log.cardId) && !here?.cardIds.has(log.cardId));
    if (r >= 0) problem = { table: 'reviewLogs', index: r, reason: `is of a card ${nowhere}` };
  }
  return problem && damaged(problem, sourceText.get(backup));
}

/** The decks cards name and the cards reviews name that the backup itself does not hold. */
export function referencesOutside(backup: Backup): { deckIds: string[]; cardIds: string[] } {
  const decks = new Set(backup.decks.map((d) => d.id));
  const cards = new Set(backup.cards.map((c) => c.id));
  return {
    deckIds: [...new Set(backup.cards.map((c) => c.deckId).filter((id) => !decks.has(id)))],
    cardIds: [...new Set(backup.reviewLogs.filter((l) => !orphanAllowed(l)).map((l) => l.cardId).filter((id) => !cards.has(id)))],
  };
}

/**
 * A voided answer may name a card the backup no longer holds: deleting a deck removes its cards
 * and voids their answers, keeping the rows so the deletion reaches the other devices. It counts
 * nowhere, so it needs no card.
 */
function orphanAllowed(log: { voided?: 1 }): boolean {
  return log.voided === 1;
}

function yearOf(ms: number): string {
  return String(new Date(ms).getUTCFullYear());
}

/** A time the app wrote: not before 2000, not after `latest`. */
function timeProblem(value: unknown, what: string, latest: number, after: string): string | null {
  if (!isNum(value)) return `has no ${what}`;
  if (value < EARLIEST) return `has a ${what} in ${yearOf(value)}, before the year 2000`;
  if (value > latest) return `has a ${what} in ${yearOf(value)}, ${after}`;
  return null;
}

/** Something that happened: at the latest when the backup was made. */
const pastProblem = (value: unknown, what: string, ctx: Context) =>
  timeProblem(value, what, ctx.made + CLOCK_SLACK, 'after the backup was made');

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

function textProblem(value: unknown, what: string, max = MAX_TEXT): string | null {
  if (!isStr(value)) return `has no ${what}`;
  if (value.length > max) {
    return max === MAX_TEXT
      ? `has ${article(what)} ${what} of ${(value.length / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_TEXT / 1024 / 1024} MB a whole note may have`
      : `has ${article(what)} ${what} of ${value.length.toLocaleString('en')} characters, more than ${max.toLocaleString('en')}`;
  }
  return null;
}

function namesProblem(value: unknown, what: string): string | null {
  if (!Array.isArray(value) || !value.every(isStr)) return `has ${what} that are not text`;
  if (value.some((v) => v.length > MAX_NAME)) return `has one of its ${what} longer than ${MAX_NAME.toLocaleString('en')} characters`;
  return null;
}

const idProblem = (value: unknown, what: string) => (isStr(value) && value !== '' ? textProblem(value, what, MAX_NAME) : `has no ${what}`);

function deckProblem(r: Row, ctx: Context): string | null {
  return (
    idProblem(r.id, 'id') ??
    textProblem(r.title, 'title', MAX_NAME) ??
    (r.description !== undefined ? textProblem(r.description, 'description') : null) ??
    (r.userTitle !== undefined ? textProblem(r.userTitle, 'name', MAX_NAME) : null) ??
    (isStr(r.source) ? textProblem(r.source, 'source', MAX_NAME) : 'has no source') ??
    namesProblem(r.layouts, 'layouts') ??
    (r.excludedCardIds !== undefined ? namesProblem(r.excludedCardIds, 'left-out cards') : null) ??
    (r.importCut !== undefined ? textProblem(r.importCut, 'cut', MAX_NAME) : null) ??
    (!isCount(r.order) || !isCount(r.cardCount) || !isBool(r.hidden) ? 'is missing its order, card count or hidden flag' : null) ??
    (r.userHidden !== undefined && !isBool(r.userHidden) ? 'has a hidden flag that is not yes or no' : null) ??
    (r.interview !== undefined && !normalizeInterview(r.interview) ? 'has an interview date that is not a date' : null) ??
    (r.origin !== undefined && r.origin !== 'bundled' && r.origin !== 'imported' ? 'has an unknown origin' : null) ??
    pastProblem(r.syncedAt, 'sync time', ctx)
  );
}

function cardProblem(r: Row): string | null {
  const original = r.original;
  return (
    idProblem(r.id, 'id') ??
    idProblem(r.deckId, 'deck') ??
    textProblem(r.front, 'question') ??
    textProblem(r.back, 'answer') ??
    namesProblem(r.tags, 'tags') ??
    (r.kind !== 'basic' && r.kind !== 'cloze' ? 'has an unknown kind' : null) ??
    (!isRecord(r.meta) || !isCount(r.position) || !isBool(r.hidden) ? 'is missing its position, details or hidden flag' : null) ??
    (r.userEdited !== undefined && !isBool(r.userEdited) ? 'has an edited flag that is not yes or no' : null) ??
    (r.userAdded !== undefined && r.userAdded !== true ? 'has an added-in-the-app flag that is not yes' : null) ??
    (original === undefined
      ? null
      : !isRecord(original)
        ? 'has an original version that is not a card'
        : (textProblem(original.front, 'original question') ?? textProblem(original.back, 'original answer') ?? namesProblem(original.tags, 'original tags')))
  );
}

/** The scheduler's own bounds: ts-fsrs keeps stability within 100 years and difficulty within 1–10. */
const MAX_DAYS = MAX_INTERVAL_DAYS;

/** The scheduling fields every state has, in plain words. */
const SCHEDULE_WORDS = [
  ['due', 'a due date'],
  ['stability', 'a stability'],
  ['difficulty', 'a difficulty'],
  ['elapsedDays', 'the days since its last review'],
  ['scheduledDays', 'its interval'],
  ['learningSteps', 'its learning step'],
  ['reps', 'its number of reviews'],
  ['lapses', 'its number of lapses'],
] as const;

function scheduleProblem(s: unknown, ctx: Context): string | null {
  if (!isRecord(s)) return 'has no scheduling data';
  for (const [key, words] of SCHEDULE_WORDS) {
    if (!isNum(s[key])) return `has a scheduling state without ${words}`;
  }
  if (s.state !== 0 && s.state !== 1 && s.state !== 2 && s.state !== 3) return 'has an unknown scheduling state';
  if (s.lastReview !== null && !isNum(s.lastReview)) return 'has a last review that is not a time';
  const n = s as Record<string, number>;
  if (!(n.stability! >= 0 && n.stability! <= MAX_DAYS)) return `has a stability of ${n.stability} days, outside 0 to ${MAX_DAYS.toLocaleString('en')}`;
  if (!(n.difficulty === 0 || (n.difficulty! >= 1 && n.difficulty! <= 10))) return `has a difficulty of ${n.difficulty}, outside 1 to 10`;
  for (const key of ['elapsedDays', 'scheduledDays'] as const) {
    if (!(n[key]! >= 0 && n[key]! <= 2 * MAX_DAYS)) return `has ${key === 'elapsedDays' ? 'a number of days since its last review' : 'an interval'} of ${n[key]} days, outside 0 to ${(2 * MAX_DAYS).toLocaleString('en')}`;
  }
  if (!isCount(s.reps) || !isCount(s.lapses) || !isCount(s.learningSteps)) return 'has counts of reviews, lapses or steps that are not whole numbers';
  if (n.lapses! > n.reps!) return 'has more lapses than reviews';
  return (
    (s.lastReview === null ? null : pastProblem(s.lastReview, 'last review', ctx)) ??
    timeProblem(n.due, 'due date', ctx.made + (MAX_DAYS + 1) * DAY, 'more than the longest interval after the backup was made')
  );
}

function stateProblem(r: Row, ctx: Context): string | null {
  if (!isStr(r.cardId) || !isStr(r.deckId)) return 'has no card or deck';
  if (!isCount(r.version) || !isCount(r.position) || !isNum(r.buriedUntil)) return 'is missing its version, position or burial';
  if (!isBool(r.suspended) || !isBool(r.hidden)) return 'is missing its suspended or hidden flag';
  if (r.buriedUntil !== 0) {
    const buried = timeProblem(r.buriedUntil, 'burial end', ctx.made + 2 * DAY, 'after the day the backup was made');
    if (buried) return buried;
  }
  return scheduleProblem(r.schedule, ctx);
}

function logProblem(r: Row, ctx: Context): string | null {
  if (!isStr(r.id) || r.id === '' || r.id.length > 64) return 'has no id';
  if (!isStr(r.cardId) || !isStr(r.deckId)) return 'has no card or deck';
  const event = r.kind === 'reset' || r.kind === 'reschedule';
  if (r.kind !== undefined && r.kind !== 'grade' && r.kind !== 'practice' && !event) return 'is neither an answer nor a reset or reschedule';
  if (event ? r.rating !== 0 : r.rating !== 1 && r.rating !== 2 && r.rating !== 3 && r.rating !== 4) return 'has a rating other than Again, Hard, Good or Easy';
  if (r.voided !== undefined && r.voided !== 1) return 'has a damaged undo mark';
  if (!isNum(r.reviewedAt) || !isNum(r.durationMs) || !isNum(r.versionAfter)) return 'is missing its time, duration or version';
  if (!isCount(r.durationMs) || !isCount(r.versionAfter)) return 'has a duration or version that is not a whole number';
  if (!isRecord(r.fsrsLog) || !isNum(r.fsrsLog.review)) return 'has no FSRS log';
  return pastProblem(r.reviewedAt, 'review time', ctx) ?? scheduleProblem(r.stateBefore, ctx) ?? scheduleProblem(r.stateAfter, ctx);
}

/** Settings hold a few numbers and words; this is far above any the app writes. */
const MAX_SETTING = 1024 * 1024;

function settingProblem(r: Row): string | null {
  const key = idProblem(r.key, 'key');
  if (key) return key;
  const size = (JSON.stringify(r.value) ?? '').length;
  return size > MAX_SETTING ? `has a value of ${(size / 1024 / 1024).toFixed(1)} MB, more than the 1 MB a setting may have` : null;
}

/**
 * The line (1-based) where element `index` of the top-level array `table` starts, by a scan that
 * only follows strings and brackets; run only to word an error.
 */
export function lineOfRow(text: string, table: string, index: number): number | undefined {
  let depth = 0;
  let line = 1;
  let lastString = '';
  let inTable = false;
  let expectRow = false;
  let count = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    if (inTable && depth === 2) {
      if (c === 44 /* , */) {
        expectRow = true;
        continue;
      }
      if (expectRow && c !== 93 /* ] */) {
        expectRow = false;
        if (++count === index) return line;
      }
    }
    if (c === 34 /* " */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      if (depth === 1) lastString = text.slice(i + 1, j);
      i = j;
    } else if (c === 123 || c === 91) {
      depth++;
      if (depth === 2 && c === 91 && lastString === table) {
        inTable = true;
        expectRow = true;
      }
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth < 2) inTable = false;
    }
  }
  return undefined;
}

/** Counts shown before a restore. */
export interface BackupSummary {
  exportedAt: string;
  decks: number;
  /** Cards still in their decks (not hidden). */
  cards: number;
  reviews: number;
}

/** What a backup holds, in the numbers a person recognises. */
export function summarizeBackup(backup: Backup): BackupSummary {
  return {
    exportedAt: backup.exportedAt,
    decks: backup.decks.filter((d) => !d.hidden).length,
    cards: backup.cards.filter((c) => !c.hidden).length,
    reviews: backup.reviewLogs.length,
  };
}

/** `rehearse-backup-YYYY-MM-DD.json`, in the user's local date. */
export function backupFileName(now: number): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `rehearse-backup-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json`;
}
