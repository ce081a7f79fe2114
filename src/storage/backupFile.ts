// The backup file: everything on the device (decks, cards, scheduling state, review log,
// settings) as one JSON document. Reading goes through `readBackup`, which checks every row,
// brings older backup versions up to date and rejects what is not ours with one clear sentence.

import type { StoredCard, StoredCardState, StoredDeck, StoredReviewLog, StoredSetting } from './db.ts';

export const BACKUP_FORMAT = 'rehearse-backup';
/** Version of the backup file layout (not of the database schema). */
export const BACKUP_VERSION = 1;

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

/**
 * Parses and checks a backup file's text. Throws `BackupError` with one sentence when the file is
 * empty, not JSON, not a Rehearse backup, from a newer version, cut off, or has rows of the
 * wrong shape. Card states whose card is not in the backup are dropped (they could not be shown).
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
  return restoreBackupFile(value);
}

/** Checks an already-parsed backup (see `readBackup`). */
export function restoreBackupFile(value: unknown): Backup {
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
  const decks = checkRows<StoredDeck>(upgraded.decks as unknown[], 'decks', deckProblem);
  const cards = checkRows<StoredCard>(upgraded.cards as unknown[], 'cards', cardProblem);
  const cardIds = new Set(cards.map((c) => c.id));
  const cardStates = checkRows<StoredCardState>(upgraded.cardStates as unknown[], 'cardStates', stateProblem).filter((s) =>
    cardIds.has(s.cardId),
  );
  const reviewLogs = checkRows<StoredReviewLog>(upgraded.reviewLogs as unknown[], 'reviewLogs', logProblem);
  const settings = checkRows<StoredSetting>(upgraded.settings as unknown[], 'settings', (r) => (isStr(r.key) ? null : 'has no key'));
  const exportedAt = isStr(upgraded.exportedAt) && !Number.isNaN(Date.parse(upgraded.exportedAt)) ? upgraded.exportedAt : new Date(0).toISOString();
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt,
    schemaVersion: isNum(upgraded.schemaVersion) ? upgraded.schemaVersion : 1,
    decks,
    cards,
    cardStates,
    reviewLogs,
    settings,
  };
}

/**
 * Brings an older backup layout up to the current one, one version at a time. Version 1 is the
 * first; a version 2 adds `if (version < 2) …` here and keeps reading version 1 forever.
 */
function upgrade(value: Row, _version: number): Row {
  return value;
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

function checkRows<T>(rows: unknown[], table: BackupTable, problem: (row: Row) => string | null): T[] {
  for (const [index, row] of rows.entries()) {
    const reason = isRecord(row) ? problem(row) : 'is not an object';
    if (reason) throw new BackupError('damaged', `This backup is damaged: ${ROW_WORDS[table]} ${index + 1} ${reason}.`);
  }
  return rows as T[];
}

function deckProblem(r: Row): string | null {
  if (!isStr(r.id) || r.id === '') return 'has no id';
  if (!isStr(r.title)) return 'has no title';
  if (!isNum(r.order) || !isNum(r.cardCount) || !isBool(r.hidden)) return 'is missing its order, card count or hidden flag';
  return null;
}

function cardProblem(r: Row): string | null {
  if (!isStr(r.id) || r.id === '') return 'has no id';
  if (!isStr(r.deckId)) return 'has no deck';
  if (!isStr(r.front) || !isStr(r.back)) return 'has no front or back';
  if (!Array.isArray(r.tags) || !r.tags.every(isStr)) return 'has tags that are not text';
  if (r.kind !== 'basic' && r.kind !== 'cloze') return 'has an unknown kind';
  if (!isRecord(r.meta) || !isNum(r.position) || !isBool(r.hidden)) return 'is missing its position, details or hidden flag';
  return null;
}

function scheduleProblem(s: unknown): string | null {
  if (!isRecord(s)) return 'has no scheduling data';
  for (const key of ['due', 'stability', 'difficulty', 'elapsedDays', 'scheduledDays', 'learningSteps', 'reps', 'lapses'] as const) {
    if (!isNum(s[key])) return `has a scheduling state without ${key}`;
  }
  if (s.state !== 0 && s.state !== 1 && s.state !== 2 && s.state !== 3) return 'has an unknown scheduling state';
  if (s.lastReview !== null && !isNum(s.lastReview)) return 'has a last review that is not a time';
  return null;
}

function stateProblem(r: Row): string | null {
  if (!isStr(r.cardId) || !isStr(r.deckId)) return 'has no card or deck';
  if (!isNum(r.version) || !isNum(r.position) || !isNum(r.buriedUntil)) return 'is missing its version, position or burial';
  if (!isBool(r.suspended) || !isBool(r.hidden)) return 'is missing its suspended or hidden flag';
  return scheduleProblem(r.schedule);
}

function logProblem(r: Row): string | null {
  if (r.id !== undefined && !isNum(r.id)) return 'has an id that is not a number';
  if (!isStr(r.cardId) || !isStr(r.deckId)) return 'has no card or deck';
  if (r.rating !== 1 && r.rating !== 2 && r.rating !== 3 && r.rating !== 4) return 'has a rating other than Again, Hard, Good or Easy';
  if (!isNum(r.reviewedAt) || !isNum(r.durationMs) || !isNum(r.versionAfter)) return 'is missing its time, duration or version';
  if (!isRecord(r.fsrsLog) || !isNum(r.fsrsLog.review)) return 'has no FSRS log';
  return scheduleProblem(r.stateBefore) ?? scheduleProblem(r.stateAfter);
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
