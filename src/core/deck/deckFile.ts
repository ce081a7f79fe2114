// The deck files the build writes and the app reads (public/decks/*.json and index.json).
// Reading goes through restore*: it checks the shape, brings old versions up to date and
// rejects what is not ours with one clear sentence.
import { DECK_FORMAT, DECK_VERSION, type Card, type Deck } from './types.ts';
import { stableHash } from './cardId.ts';

export const DECK_INDEX_FORMAT = 'rehearse-deck-index';
export const DECK_INDEX_VERSION = 1;

export interface DeckIndexEntry {
  id: string;
  title: string;
  description?: string;
  source: string;
  /** Path of the deck file, relative to the index. */
  file: string;
  cardCount: number;
  /** Changes whenever the deck file's content does: lets the app skip unchanged decks. */
  contentHash: string;
}

export interface DeckIndex {
  format: typeof DECK_INDEX_FORMAT;
  version: typeof DECK_INDEX_VERSION;
  decks: DeckIndexEntry[];
}

export class DeckFileError extends Error {
  override readonly name = 'DeckFileError';
}

export function deckIndexEntry(deck: Deck, json: string): DeckIndexEntry {
  return {
    id: deck.id,
    title: deck.title,
    ...(deck.description ? { description: deck.description } : {}),
    source: deck.source,
    file: `${deck.id}.json`,
    cardCount: deck.cards.length,
    contentHash: stableHash(json),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function restoreDeckIndex(value: unknown): DeckIndex {
  if (!isRecord(value) || value.format !== DECK_INDEX_FORMAT) {
    throw new DeckFileError('The deck index is not a Rehearse deck index.');
  }
  if (typeof value.version !== 'number' || value.version > DECK_INDEX_VERSION) {
    throw new DeckFileError(`The deck index has version ${String(value.version)}; this app reads up to ${DECK_INDEX_VERSION}.`);
  }
  if (!Array.isArray(value.decks)) throw new DeckFileError('The deck index has no list of decks.');
  const decks = value.decks.filter(
    (entry): entry is DeckIndexEntry =>
      isRecord(entry) && typeof entry.id === 'string' && typeof entry.file === 'string' && typeof entry.title === 'string',
  );
  return { format: DECK_INDEX_FORMAT, version: DECK_INDEX_VERSION, decks };
}

export function restoreDeck(value: unknown): Deck {
  if (!isRecord(value) || value.format !== DECK_FORMAT) throw new DeckFileError('This file is not a Rehearse deck.');
  if (typeof value.version !== 'number' || value.version > DECK_VERSION) {
    throw new DeckFileError(`The deck has version ${String(value.version)}; this app reads up to ${DECK_VERSION}.`);
  }
  if (typeof value.id !== 'string' || value.id === '') throw new DeckFileError('The deck has no id.');
  if (!Array.isArray(value.cards)) throw new DeckFileError(`Deck ${value.id} has no list of cards.`);
  const cards: Card[] = [];
  for (const card of value.cards) {
    if (!isRecord(card) || typeof card.id !== 'string' || typeof card.front !== 'string' || typeof card.back !== 'string') {
      throw new DeckFileError(`Deck ${value.id} has a card without an id, front or back.`);
    }
    cards.push({
      id: card.id,
      front: card.front,
      back: card.back,
      tags: Array.isArray(card.tags) ? card.tags.filter((tag): tag is string => typeof tag === 'string') : [],
      kind: card.kind === 'cloze' ? 'cloze' : 'basic',
      meta: isRecord(card.meta) && typeof card.meta.line === 'number' ? (card.meta as unknown as Card['meta']) : { line: 0 },
    });
  }
  return {
    format: DECK_FORMAT,
    version: DECK_VERSION,
    id: value.id,
    title: typeof value.title === 'string' && value.title ? value.title : value.id,
    ...(typeof value.description === 'string' ? { description: value.description } : {}),
    source: typeof value.source === 'string' ? value.source : '',
    layouts: Array.isArray(value.layouts) ? value.layouts.filter((l): l is string => typeof l === 'string') : [],
    cards,
    warnings: [],
  };
}
