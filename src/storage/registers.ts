// The last-writer-wins registers that sync (core/sync/rows.ts lists the keys): how each reads
// from the app's own tables, and how a remote value is written back into them. A value that
// names a card or deck this device does not hold yet waits beside its stamp (`pending`) and is
// applied when the card or deck arrives.

import { newScheduleState } from '../core/scheduling/fsrs.ts';
import { normalizeSettings, type SchedulerSettings } from '../core/scheduling/settings.ts';
import { normalizeInterview, type InterviewDate } from '../core/planning/interviewQuota.ts';
import { withIndexFields, type RehearseDb, type StoredCard, type StoredCardState, type StoredDeck } from './db.ts';
import { cardsToReplayForSettings, schedulerSettingsIn } from './replayCards.ts';
import { mediaTables } from './media/schema.ts';
import { deleteDeckMedia } from './media/deckMedia.ts';

export const SCHEDULER_REGISTER = 'setting:scheduler';
export const flagsKey = (cardId: string) => `flags:${cardId}`;
export const editKey = (cardId: string) => `edit:${cardId}`;
export const cardKey = (cardId: string) => `card:${cardId}`;
export const deckKey = (deckId: string) => `deck:${deckId}`;
export const deckMetaKey = (deckId: string) => `deckMeta:${deckId}`;
/** A takeover: the progress of the card named moved to `to` (a re-import matched an edited question). */
export const movedKey = (cardId: string) => `moved:${cardId}`;

export interface FlagsValue {
  suspended: boolean;
  buriedUntil: number;
}
export type EditValue = { front: string; back: string; tags: string[] } | null;
export interface DeckMetaValue {
  userTitle: string | null;
  userHidden: boolean;
  /** Absent in values written before interview dates existed (then the deck's own is kept). */
  interview?: InterviewDate | null;
}
export type DeckValue = { deleted: true } | (Pick<StoredDeck, 'title' | 'source' | 'layouts' | 'order'> & Partial<Pick<StoredDeck, 'description' | 'importCut' | 'excludedCardIds'>>);
export type CardValue = Omit<StoredCard, 'userEdited' | 'original'> | { id: string; deckId: string; deleted: true };
export interface MovedValue {
  to: string;
  deckId: string;
}

/** The tables `readRegister` and `applyRegister` use (a deck deleted elsewhere takes its media names here). */
export function registerTables(db: RehearseDb) {
  return [db.decks, db.cards, db.cardStates, db.reviews, db.settings, db.registerStamps, ...Object.values(mediaTables(db))] as const;
}

function keyParts(key: string): [string, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}

/** The register's local value; undefined when this device has nothing to say for it. */
export async function readRegister(db: RehearseDb, key: string): Promise<unknown> {
  const [kind, id] = keyParts(key);
  switch (kind) {
    case 'setting':
      return id === 'scheduler' ? normalizeSettings((await db.settings.get('scheduler'))?.value as Partial<SchedulerSettings>) : undefined;
    case 'flags': {
      const row = await db.cardStates.get(id);
      return row ? ({ suspended: row.suspended, buriedUntil: row.buriedUntil } satisfies FlagsValue) : undefined;
    }
    case 'edit': {
      const card = await db.cards.get(id);
      if (!card) return undefined;
      return (card.userEdited ? { front: card.front, back: card.back, tags: card.tags } : null) satisfies EditValue;
    }
    case 'deckMeta': {
      const deck = await db.decks.get(id);
      return deck
        ? ({ userTitle: deck.userTitle ?? null, userHidden: deck.userHidden === true, interview: normalizeInterview(deck.interview) ?? null } satisfies DeckMetaValue)
        : undefined;
    }
    case 'deck': {
      const deck = await db.decks.get(id);
      if (!deck) return { deleted: true } satisfies DeckValue;
      if (deck.origin !== 'imported') return undefined;
      return deckValue(deck);
    }
    case 'card': {
      const card = await db.cards.get(id);
      if (card) return cardValue(card);
      // A card a re-import removed: the deletion waits beside its stamp.
      return (await db.registerStamps.get(key))?.value;
    }
    case 'moved':
      return (await db.registerStamps.get(key))?.value;
    default:
      return undefined;
  }
}

export function deckValue(deck: StoredDeck): DeckValue {
  return {
    title: deck.title,
    source: deck.source,
    layouts: deck.layouts,
    order: deck.order,
    ...(deck.description !== undefined ? { description: deck.description } : {}),
    ...(deck.importCut !== undefined ? { importCut: deck.importCut } : {}),
    ...(deck.excludedCardIds !== undefined ? { excludedCardIds: deck.excludedCardIds } : {}),
  };
}

/** An imported card as it travels: the note's text (the user's edit travels as its own register). */
export function cardValue(card: StoredCard): CardValue {
  const { userEdited: _u, original, ...rest } = card;
  return card.userEdited && original ? { ...rest, ...original } : rest;
}

/** What applying a remote register touched: cards to replay, and how many visible cards each deck gained (or lost). */
export interface RegisterEffect {
  cards: string[];
  decks: Array<[deckId: string, visibleDelta: number]>;
}

const NONE: RegisterEffect = { cards: [], decks: [] };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for a value this register kind can take (a remote row that is not is skipped). */
export function validRegisterValue(key: string, value: unknown): boolean {
  const [kind, id] = keyParts(key);
  if (!id) return false;
  switch (kind) {
    case 'setting':
      return id === 'scheduler' && isRecord(value);
    case 'flags':
      return isRecord(value) && typeof value.suspended === 'boolean' && typeof value.buriedUntil === 'number';
    case 'edit':
      return value === null || (isRecord(value) && typeof value.front === 'string' && typeof value.back === 'string' && Array.isArray(value.tags));
    case 'deckMeta':
      return (
        isRecord(value) &&
        (value.userTitle === null || typeof value.userTitle === 'string') &&
        typeof value.userHidden === 'boolean' &&
        (value.interview === undefined || value.interview === null || normalizeInterview(value.interview) !== undefined)
      );
    case 'deck':
      return isRecord(value) && (value.deleted === true || (typeof value.title === 'string' && typeof value.source === 'string' && Array.isArray(value.layouts) && typeof value.order === 'number'));
    case 'card':
      if (isRecord(value) && value.deleted === true) return value.id === id && typeof value.deckId === 'string';
      return (
        isRecord(value) &&
        value.id === id &&
        typeof value.deckId === 'string' &&
        typeof value.front === 'string' &&
        typeof value.back === 'string' &&
        Array.isArray(value.tags) &&
        typeof value.position === 'number' &&
        typeof value.hidden === 'boolean'
      );
    case 'moved':
      return isRecord(value) && typeof value.to === 'string' && typeof value.deckId === 'string';
    default:
      return false;
  }
}


/**
 * Writes a remote register's value into the app's tables (inside a transaction over
 * `registerTables`). Returns what it touched, and whether the value must wait for its card or
 * deck (`pending`).
 */
export async function applyRegister(db: RehearseDb, key: string, value: unknown, now: number): Promise<RegisterEffect & { pending: boolean }> {
  const [kind, id] = keyParts(key);
  const done = (effect: RegisterEffect = NONE) => ({ ...effect, pending: false });
  const wait = { ...NONE, pending: true };
  switch (kind) {
    case 'setting': {
      const before = await schedulerSettingsIn(db);
      const after = normalizeSettings(value as Partial<SchedulerSettings>);
      await db.settings.put({ key: 'scheduler', value: after });
      return done({ cards: await cardsToReplayForSettings(db, before, after), decks: [] });
    }
    case 'flags': {
      const row = await db.cardStates.get(id);
      if (!row) return wait;
      const v = value as FlagsValue;
      await db.cardStates.put(withIndexFields({ ...row, suspended: v.suspended, buriedUntil: v.buriedUntil }));
      return done();
    }
    case 'edit': {
      const card = await db.cards.get(id);
      if (!card) return wait;
      await db.cards.put(withEdit(card, value as EditValue));
      return done();
    }
    case 'deckMeta': {
      const deck = await db.decks.get(id);
      if (!deck) return wait;
      const v = value as DeckMetaValue;
      const { userTitle: _t, userHidden: _h, interview: ownInterview, ...rest } = deck;
      const interview = v.interview === undefined ? ownInterview : (normalizeInterview(v.interview) ?? undefined);
      const next: StoredDeck = {
        ...rest,
        ...(v.userTitle ? { userTitle: v.userTitle } : {}),
        ...(v.userHidden ? { userHidden: true, hidden: true } : { hidden: false }),
        ...(interview ? { interview } : {}),
      };
      await db.decks.put(next);
      return done();
    }
    case 'deck': {
      const v = value as DeckValue;
      const existing = await db.decks.get(id);
      if ('deleted' in v) {
        if (!existing) return done();
        // Cards and states go with the deck; its review rows stay (they are never deleted).
        await db.cardStates.where('deckId').equals(id).delete();
        await db.cards.where('deckId').equals(id).delete();
        await db.decks.delete(id);
        await deleteDeckMedia(db, id);
        return done();
      }
      const next: StoredDeck = {
        ...(existing ?? { cardCount: 0, hidden: false }),
        id,
        title: v.title,
        source: v.source,
        layouts: v.layouts,
        order: existing?.order ?? v.order,
        syncedAt: now,
        origin: 'imported',
      };
      delete next.description;
      delete next.importCut;
      delete next.excludedCardIds;
      if (v.description !== undefined) next.description = v.description;
      if (v.importCut !== undefined) next.importCut = v.importCut;
      if (v.excludedCardIds !== undefined) next.excludedCardIds = v.excludedCardIds;
      await db.decks.put(next);
      return done();
    }
    case 'card':
      return (await applyCardRegisters(db, [value as CardValue], now))[0]!;
    case 'moved': {
      const v = value as MovedValue;
      await moveProgress(db, id, v.to, v.deckId);
      return done({ cards: [v.to], decks: [] });
    }
    default:
      return done();
  }
}

/** The state of a card new on this device: never answered, introduced in deck order. */
export function freshState(card: StoredCard, now: number): StoredCardState {
  return withIndexFields({
    cardId: card.id,
    deckId: card.deckId,
    schedule: newScheduleState(now),
    version: 0,
    position: card.position,
    suspended: false,
    buriedUntil: 0,
    hidden: card.hidden,
  });
}

/**
 * `card:` registers in bulk (a deck may bring 100,000 cards): one read and one write per table.
 * Same rules as `applyRegister`, one effect per value, in order.
 */
export async function applyCardRegisters(db: RehearseDb, values: readonly CardValue[], now: number): Promise<Array<RegisterEffect & { pending: boolean }>> {
  const ids = values.map((v) => v.id);
  const deckIds = [...new Set(values.map((v) => v.deckId))];
  const decks = new Set((await db.decks.bulkGet(deckIds)).flatMap((d) => (d ? [d.id] : [])));
  const [cards, states] = await Promise.all([db.cards.bulkGet(ids), db.cardStates.bulkGet(ids)]);
  const cardPuts: StoredCard[] = [];
  const statePuts: StoredCardState[] = [];
  const deletes: string[] = [];
  const effects = values.map((v, i) => {
    const wasVisible = cards[i] !== undefined && !cards[i]!.hidden;
    if ('deleted' in v) {
      deletes.push(v.id);
      return { cards: [], decks: [[v.deckId, wasVisible ? -1 : 0]] as RegisterEffect['decks'], pending: false };
    }
    if (!decks.has(v.deckId)) return { ...NONE, pending: true };
    const existing = cards[i];
    const card: StoredCard = existing?.userEdited
      ? { ...v, front: existing.front, back: existing.back, tags: existing.tags, userEdited: true, original: { front: v.front, back: v.back, tags: v.tags } }
      : { ...v };
    cardPuts.push(card);
    const state = states[i];
    if (!state) statePuts.push(freshState(card, now));
    else if (state.hidden !== card.hidden || state.position !== card.position || state.deckId !== card.deckId) {
      statePuts.push(withIndexFields({ ...state, hidden: card.hidden, position: card.position, deckId: card.deckId }));
    }
    // A card moving between decks counts out of its old one.
    const delta: RegisterEffect['decks'] =
      existing && existing.deckId !== v.deckId
        ? [[existing.deckId, wasVisible ? -1 : 0], [v.deckId, v.hidden ? 0 : 1]]
        : [[v.deckId, (v.hidden ? 0 : 1) - (wasVisible ? 1 : 0)]];
    return { cards: [v.id], decks: delta, pending: false };
  });
  if (deletes.length) await Promise.all([db.cardStates.bulkDelete(deletes), db.cards.bulkDelete(deletes)]);
  if (cardPuts.length) await db.cards.bulkPut(cardPuts);
  if (statePuts.length) await db.cardStates.bulkPut(statePuts);
  return effects;
}

/** A card with the user's text `edit` on it (null: the note's own text back). */
export function withEdit(card: StoredCard, edit: EditValue): StoredCard {
  const original = card.userEdited && card.original ? card.original : { front: card.front, back: card.back, tags: card.tags };
  const { userEdited: _u, original: _o, ...rest } = card;
  if (edit === null) return { ...rest, ...original };
  return { ...rest, front: edit.front, back: edit.back, tags: edit.tags, userEdited: true, original };
}

/** Moves the reviews of card `from` to `to` (a takeover made on another device). */
export async function moveProgress(db: RehearseDb, from: string, to: string, deckId: string): Promise<void> {
  if (from === to) return;
  await db.reviews.where('cardId').equals(from).modify({ cardId: to, deckId });
}
