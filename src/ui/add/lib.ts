// The add-card screen's decisions, as plain functions: what a shared text becomes, which deck is
// picked first, and what "Save and add another" keeps.

import type { DeckChoice } from '../../storage/addCard.ts';

/** The picker's value for "a new deck, by the name typed". */
export const NEW_DECK = '\u0000new';

/** The form's fields. */
export interface AddCardForm {
  front: string;
  back: string;
  tags: string;
  /** A deck id, or `NEW_DECK`. */
  deckId: string;
  newDeckName: string;
  reverse: boolean;
}

/** A card from a shared text: the title (or the first line) asks, the rest answers. */
export function cardFromSharedText(title: string, text: string): { front: string; back: string } {
  const body = text.trim();
  const name = title.trim();
  const [first = '', ...rest] = body.split('\n');
  const firstLine = first.replace(/^#+\s*/, '').trim();
  // A share without a title is named after its first line (import/shared.ts): that line asks.
  if (!name || firstLine.startsWith(name)) return { front: firstLine, back: rest.join('\n').trim() };
  return { front: name, back: body };
}

/** The route's query (`front`, `back`, `tags`, or a share's `title`/`text`/`url`) as the form's text. */
export function fieldsFromQuery(query: string): Pick<AddCardForm, 'front' | 'back' | 'tags'> {
  const params = new URLSearchParams(query);
  const tags = params.get('tags') ?? '';
  if (params.has('front') || params.has('back')) return { front: params.get('front') ?? '', back: params.get('back') ?? '', tags };
  const url = params.get('url')?.trim() ?? '';
  const text = params.get('text')?.trim() ?? '';
  const body = [text, url && !text.includes(url) ? url : ''].filter(Boolean).join('\n\n');
  if (!body && !params.get('title')) return { front: '', back: '', tags };
  return { ...cardFromSharedText(params.get('title') ?? '', body), tags };
}

/** The route's query for a card of `front` and `back` (the import screen's "Add as a card"). */
export function addCardQuery(card: { front: string; back: string }): string {
  return new URLSearchParams({ front: card.front, back: card.back }).toString();
}

/**
 * The deck picked first: the one the route names, else the deck last added to, else the user's
 * own first deck, else a new one ("My cards"), since a bundled deck is rarely where a note of
 * one's own belongs.
 */
export function initialDeck(decks: readonly DeckChoice[], routeDeckId: string | undefined, lastDeckId: string | undefined): Pick<AddCardForm, 'deckId' | 'newDeckName'> {
  for (const id of [routeDeckId, lastDeckId]) if (id && decks.some((d) => d.id === id)) return { deckId: id, newDeckName: '' };
  const own = decks.find((d) => d.own);
  return own ? { deckId: own.id, newDeckName: '' } : { deckId: NEW_DECK, newDeckName: 'My cards' };
}

/** After "Save and add another": the deck (now an existing one) and the tags stay, the text goes. */
export function nextForm(form: AddCardForm, savedDeckId: string): AddCardForm {
  return { ...form, front: '', back: '', deckId: savedDeckId, newDeckName: '' };
}

/** Ctrl+Enter, or Cmd+Enter on a Mac: save. */
export function isSaveShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean }): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey);
}

/** What the screen says after a save. */
export function savedMessage(front: string, reverse: boolean, deckTitle: string, createdDeck: boolean): string {
  const short = front.length > 60 ? `${front.slice(0, 57).trimEnd()}…` : front;
  return `Added “${short}”${reverse ? ' and its reverse' : ''} to ${createdDeck ? 'the new deck ' : ''}${deckTitle}.`;
}
