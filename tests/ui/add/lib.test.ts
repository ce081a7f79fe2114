// The add-card screen's decisions: a shared text as a card, the deck picked first, what
// "Save and add another" keeps, the save shortcut, and the add route.
import { describe, expect, it } from 'vitest';
import { addCardQuery, cardFromSharedText, fieldsFromQuery, initialDeck, isSaveShortcut, nextForm, NEW_DECK, savedMessage } from '../../../src/ui/add/lib.ts';
import { parseRoute, routeHref } from '../../../src/ui/useHashRoute.ts';

const decks = [
  { id: 'js', title: 'JavaScript', own: false },
  { id: 'added-1', title: 'Interview notes', own: true },
];

describe('cardFromSharedText', () => {
  it('asks the title and answers with the text', () => {
    expect(cardFromSharedText('What is CAP?', 'Consistency,\navailability.')).toEqual({ front: 'What is CAP?', back: 'Consistency,\navailability.' });
  });
  it('without a title (or named after it) asks the first line and answers with the rest', () => {
    expect(cardFromSharedText('', '# What is CAP?\n\nConsistency, availability.\n')).toEqual({ front: 'What is CAP?', back: 'Consistency, availability.' });
    // import/shared.ts names an untitled share after its first line, cut at 60 characters.
    const long = 'Why does a B-tree keep its nodes wide instead of binary, on disk?';
    expect(cardFromSharedText(long.slice(0, 60), `${long}\nFewer seeks.`)).toEqual({ front: long, back: 'Fewer seeks.' });
  });
  it('a one-line share leaves the back to write', () => {
    expect(cardFromSharedText('', 'Just a question?')).toEqual({ front: 'Just a question?', back: '' });
  });
});

describe('fieldsFromQuery', () => {
  it('takes front, back and tags, or a share, and round-trips addCardQuery', () => {
    const card = { front: 'Q & a? 50%', back: 'A\n\n- list' };
    expect(fieldsFromQuery(addCardQuery(card))).toEqual({ ...card, tags: '' });
    expect(fieldsFromQuery('title=Hi&text=There&url=https%3A%2F%2Fx.org')).toEqual({ front: 'Hi', back: 'There\n\nhttps://x.org', tags: '' });
    expect(fieldsFromQuery('')).toEqual({ front: '', back: '', tags: '' });
  });
});

describe('initialDeck', () => {
  it('picks the route deck, else the last one, else the user own, else a new deck', () => {
    expect(initialDeck(decks, 'js', 'added-1')).toEqual({ deckId: 'js', newDeckName: '' });
    expect(initialDeck(decks, undefined, 'js')).toEqual({ deckId: 'js', newDeckName: '' });
    expect(initialDeck(decks, 'gone', 'gone-too')).toEqual({ deckId: 'added-1', newDeckName: '' });
    expect(initialDeck([decks[0]!], undefined, undefined)).toEqual({ deckId: NEW_DECK, newDeckName: 'My cards' });
  });
});

describe('nextForm and the shortcut', () => {
  it('keeps the deck (now existing), the tags and the reverse choice; clears the text', () => {
    const form = { front: 'Q', back: 'A', tags: 'dist sys', deckId: NEW_DECK, newDeckName: 'Mine', reverse: true };
    expect(nextForm(form, 'added-9')).toEqual({ front: '', back: '', tags: 'dist sys', deckId: 'added-9', newDeckName: '', reverse: true });
  });
  it('saves on Ctrl+Enter and Cmd+Enter only', () => {
    expect(isSaveShortcut({ key: 'Enter', ctrlKey: true, metaKey: false })).toBe(true);
    expect(isSaveShortcut({ key: 'Enter', ctrlKey: false, metaKey: true })).toBe(true);
    expect(isSaveShortcut({ key: 'Enter', ctrlKey: false, metaKey: false })).toBe(false);
    expect(isSaveShortcut({ key: 's', ctrlKey: true, metaKey: false })).toBe(false);
  });
  it('says what was added where', () => {
    expect(savedMessage('Q?', true, 'Mine', true)).toBe('Added “Q?” and its reverse to the new deck Mine.');
  });
});

describe('the add route', () => {
  it('parses and writes #/add, #/add/<deck> and a query', () => {
    expect(parseRoute('#/add')).toEqual({ name: 'add' });
    expect(parseRoute('#/add/js')).toEqual({ name: 'add', deckId: 'js' });
    expect(parseRoute('#/add?front=Q')).toEqual({ name: 'add', query: 'front=Q' });
    expect(parseRoute('#/add/added-x_1?front=Q%2F')).toEqual({ name: 'add', deckId: 'added-x_1', query: 'front=Q%2F' });
    for (const route of [{ name: 'add' as const }, { name: 'add' as const, deckId: 'a b' }, { name: 'add' as const, deckId: 'js', query: 'front=Q' }]) {
      expect(parseRoute(routeHref(route))).toEqual(route);
    }
  });
});
