// Anki notes → Rehearse decks: on the fixture packages (what a user of each would see), and on a
// small package written out by hand for what the fixtures lack (several gaps, MathJax, manual
// rows, hierarchy).
import type { SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ankiCardId,
  ankiFieldToMarkdown,
  ankiPackageToDecks,
  readAnkiPackage,
  type AnkiDeckCard,
  type AnkiPackage,
} from '../../../src/core/anki/index.ts';
import { fixtureBytes, loadSql } from './ankiFixtures.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSql();
});

function decksOf(name: string) {
  return ankiPackageToDecks(readAnkiPackage(fixtureBytes(name), name, { SQL }), name);
}

const byFront = (cards: readonly AnkiDeckCard[], front: string) => cards.filter((c) => c.front === front);

describe('ankiPackageToDecks on the fixtures', () => {
  it('turns the legacy deck into one deck of 6 cards with their 7 reviews', () => {
    const { decks, warnings } = decksOf('legacy_deck.apkg');
    expect(decks.map((d) => [d.id, d.title, d.cards.length])).toEqual([['test-deck', 'Test deck', 6]]);
    const deck = decks[0]!;
    expect(deck).toMatchObject({ format: 'rehearse-deck', version: 1, source: 'legacy_deck.apkg', layouts: ['anki-package'] });
    expect(deck.cards.flatMap((c) => c.reviews)).toHaveLength(7);
    const [car] = byFront(deck.cards, '**Car**');
    expect(car).toMatchObject({
      back: 'Back for Car\n<img src="download.jpg">\n[sound:cable-car.mp3]',
      tags: ['technic', 'wheels'],
      kind: 'basic',
      anki: { noteGuid: 'r|EIC$_]pj', cardId: 1681200886280, deckName: 'Test deck', type: 2, queue: 2, ivl: 1 },
    });
    expect(car!.reviews.map((r) => [r.rating, r.kind])).toEqual([[3, 'learn'], [3, 'learn']]);
    expect(car!.reviews[0]!.reviewedAt).toBeLessThan(car!.reviews[1]!.reviewedAt);
    expect(deck.cards.find((c) => c.kind === 'cloze')).toMatchObject({ front: 'test', back: 'back extra' });
    expect(warnings).toEqual([]);
  });

  it('gives the optional reversed note its two cards, the second asking the back', () => {
    const deck = decksOf('new_deck.apkg').decks[0]!;
    expect(deck.cards.flatMap((c) => c.reviews)).toHaveLength(23);
    expect(byFront(deck.cards, 'optional reversed card')[0]?.back).toBe('back');
    expect(byFront(deck.cards, 'back')[0]).toMatchObject({ back: 'optional reversed card', anki: { ord: 1 } });
    // Type in the answer: the question is the Front, the typed Back is the answer.
    expect(byFront(deck.cards, 'front')[0]?.back).toBe('type');
    expect(new Set(deck.cards.map((c) => c.id)).size).toBe(6);
  });

  it('keeps images and sounds of the media deck, and the reversed card of a Basic (and reversed) note', () => {
    const deck = decksOf('deck_sheduling_media_new.apkg').decks[0]!;
    expect(deck.title).toBe('new_test_deck');
    expect(deck.cards).toHaveLength(8);
    const forward = deck.cards.find((c) => c.front.endsWith('front with two images and audio'));
    expect(forward?.front).toBe('[sound:proficiency.mp3]<img src="Screenshot 2023-10-24 at 22.01.53.png"><img src="1452.webp">\nfront with two images and audio');
    const reversed = deck.cards.find((c) => c.back === forward?.front);
    expect(reversed?.anki.ord).toBe(1);
    expect(deck.cards.every((c) => c.reviews.length === 0 && c.anki.queue === 0)).toBe(true);
    // "Back&nbsp;" is read as "Back".
    expect(byFront(deck.cards, 'Front')[0]?.back).toBe('Back');
  });

  it('keeps the one review of the collection whose card is still there, and says the others were left out', () => {
    const { decks, warnings } = decksOf('collection_nomedia_new.colpkg');
    expect(decks.map((d) => d.title)).toEqual(['new_test_deck']);
    expect(decks[0]!.cards.flatMap((c) => c.reviews)).toHaveLength(1);
    expect(warnings).toEqual(['87 review rows of cards no longer in the collection left out.']);
    const learning = decks[0]!.cards.find((c) => c.reviews.length === 1);
    expect(learning?.anki).toMatchObject({ type: 1, queue: 1, left: 2002 });
  });
});

/** A package written out by hand: a cloze note with two gaps, a Basic note with MathJax, a hierarchy. */
function handmade(): AnkiPackage {
  return {
    layout: 'anki21b',
    collectionCreated: 1_700_000_000,
    schedulerVersion: 2,
    decks: [{ id: 10, name: 'Math::Algebra' }, { id: 1, name: 'Default' }],
    notetypes: [
      { id: 100, name: 'Cloze', kind: 'cloze', fields: ['Text', 'Back Extra'], templates: [{ ord: 0, name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>{{Back Extra}}' }] },
      { id: 200, name: 'Basic', kind: 'normal', fields: ['Front', 'Back'], templates: [{ ord: 0, name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' }] },
      { id: 400, name: 'Cloze+', kind: 'cloze', fields: ['Header', 'Text', 'Source'], templates: [{ ord: 0, name: 'Cloze', qfmt: '{{Header}}<br>{{cloze:Text}}', afmt: '{{cloze:Text}}<br>{{Source}}' }] },
      { id: 300, name: 'Odd', kind: 'normal', fields: ['A', 'B', 'C'], templates: [{ ord: 0, name: 'Card 1', qfmt: 'static text', afmt: 'more' }] },
    ],
    notes: [
      { id: 1, guid: 'g1', notetypeId: 100, fields: ['The {{c1::root}} of \\(x^2 = 4\\) is {{c2::2::a number}}', ''], tags: ['algebra'] },
      { id: 2, guid: 'g2', notetypeId: 200, fields: ['Area of a circle?', '\\[A = \\pi r^2\\]'], tags: [] },
      { id: 4, guid: 'g4', notetypeId: 400, fields: ['Chapter 2', 'Water boils at {{c1::100}} °C', 'a textbook'], tags: [] },
      { id: 3, guid: 'g3', notetypeId: 300, fields: ['first', '', 'third'], tags: [] },
    ],
    cards: [
      { id: 11, noteId: 1, deckId: 10, ord: 0, type: 2, queue: -1, due: 30, ivl: 10, factor: 2500, reps: 3, lapses: 0, left: 0, fsrs: { stability: 10.5, difficulty: 4.2 } },
      { id: 12, noteId: 1, deckId: 10, ord: 1, type: 0, queue: -3, due: 1, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0 },
      { id: 21, noteId: 2, deckId: 10, ord: 0, type: 0, queue: 0, due: 2, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0 },
      { id: 31, noteId: 3, deckId: 1, ord: 0, type: 0, queue: 0, due: 3, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0 },
      { id: 51, noteId: 4, deckId: 1, ord: 0, type: 0, queue: 0, due: 5, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0 },
      { id: 41, noteId: 99, deckId: 1, ord: 0, type: 0, queue: 0, due: 4, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0 },
    ],
    revlog: [
      { id: 1_700_000_300_000, cardId: 11, ease: 0, ivl: 5, lastIvl: 10, factor: 2500, timeMs: 0, type: 4 },
      { id: 1_700_000_100_000, cardId: 11, ease: 1, ivl: -600, lastIvl: 0, factor: 0, timeMs: 8000, type: 0 },
      { id: 1_700_000_200_000, cardId: 11, ease: 4, ivl: 10, lastIvl: -600, factor: 2500, timeMs: 3000, type: 2 },
      { id: 1_700_000_250_000, cardId: 11, ease: 3, ivl: 10, lastIvl: 10, factor: 2500, timeMs: 2500, type: 3 },
    ],
    media: [],
    warnings: [],
  };
}

describe('ankiPackageToDecks on a handmade package', () => {
  const { decks, warnings } = ankiPackageToDecks(handmade(), 'handmade.apkg');
  const algebra = decks.find((d) => d.title === 'Math::Algebra')!;

  it('makes one deck per Anki deck with cards, named with its hierarchy', () => {
    expect(decks.map((d) => [d.id, d.title, d.cards.length])).toEqual([['default', 'Default', 2], ['math-algebra', 'Math::Algebra', 3]]);
    expect(algebra.anki).toEqual({ deckId: 10, deckName: 'Math::Algebra', collectionCreated: 1_700_000_000 });
  });

  it('gives a cloze note one cloze card per gap, the other gaps shown as text', () => {
    const clozes = algebra.cards.filter((c) => c.kind === 'cloze');
    expect(clozes.map((c) => c.front)).toEqual([
      'The {{c1::root}} of $x^2 = 4$ is 2',
      'The root of $x^2 = 4$ is {{c2::2::a number}}',
    ]);
    expect(clozes.map((c) => c.tags)).toEqual([['algebra'], ['algebra']]);
    // Suspended and buried stay so, through Anki's queue.
    expect(clozes.map((c) => c.anki.queue)).toEqual([-1, -3]);
    expect(clozes[0]!.anki.fsrs).toEqual({ stability: 10.5, difficulty: 4.2 });
    expect(new Set(clozes.map((c) => c.id)).size).toBe(2);
  });

  it('takes a cloze card\'s sides from its templates, whichever field holds the gaps', () => {
    expect(decks[0]!.cards.find((c) => c.kind === 'cloze')).toMatchObject({
      front: 'Chapter 2\n\nWater boils at {{c1::100}} °C',
      back: 'a textbook',
    });
  });

  it('turns display MathJax into $$ and keeps the note order', () => {
    expect(algebra.cards[2]).toMatchObject({ front: 'Area of a circle?', back: '$$\nA = \\pi r^2\n$$', kind: 'basic' });
  });

  it('reads the review rows oldest first with rating, duration and kind, leaving the manual row out', () => {
    const reviews = algebra.cards[0]!.reviews;
    expect(reviews).toEqual([
      { reviewedAt: 1_700_000_100_000, rating: 1, durationMs: 8000, kind: 'learn', revlogId: 1_700_000_100_000 },
      { reviewedAt: 1_700_000_200_000, rating: 4, durationMs: 3000, kind: 'relearn', revlogId: 1_700_000_200_000 },
      { reviewedAt: 1_700_000_250_000, rating: 3, durationMs: 2500, kind: 'filtered', revlogId: 1_700_000_250_000 },
    ]);
    expect(warnings).toContain('1 manual reschedule in the review history left out: they are not answers.');
    expect(warnings).toContain('1 card without its note left out.');
  });

  it('falls back to first field front, the rest back, when the template shows no field', () => {
    expect(decks[0]!.cards[0]).toMatchObject({ front: 'first', back: 'third' });
  });
});

describe('ankiPackageToDecks deck ids', () => {
  it('gives two decks whose names read alike different ids', () => {
    const pkg = handmade();
    pkg.decks.push({ id: 11, name: 'Math Algebra' });
    pkg.cards.push({ id: 61, noteId: 2, deckId: 11, ord: 0, type: 0, queue: 0, due: 6, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0 });
    const ids = ankiPackageToDecks(pkg, 'x.apkg').decks.map((d) => [d.title, d.id]);
    expect(ids).toEqual([['Default', 'default'], ['Math Algebra', 'math-algebra-2'], ['Math::Algebra', 'math-algebra']]);
  });
});

describe('ankiPackageToDecks cramming', () => {
  it('leaves out answers in a filtered deck that did not reschedule (factor 0), as Anki\'s scheduling and statistics do', () => {
    const pkg = handmade();
    pkg.revlog.push({ id: 1_700_000_260_000, cardId: 11, ease: 3, ivl: 0, lastIvl: 10, factor: 0, timeMs: 1500, type: 3 });
    const { decks, warnings } = ankiPackageToDecks(pkg, 'x.apkg');
    const reviews = decks.find((d) => d.title === 'Math::Algebra')!.cards[0]!.reviews;
    expect(reviews.map((r) => r.revlogId)).toEqual([1_700_000_100_000, 1_700_000_200_000, 1_700_000_250_000]);
    expect(warnings).toContain('1 answer in a filtered deck without rescheduling left out: Anki does not schedule by it.');
  });
});

describe('ankiPackageToDecks card ids', () => {
  it('come from the note GUID and card ord, so a note edited in Anki keeps its cards\' ids', () => {
    const before = ankiPackageToDecks(handmade(), 'x.apkg').decks;
    const edited = handmade();
    edited.notes[1]!.fields = ['What is the area of a circle of radius r?', '\\(\\pi r^2\\)'];
    edited.notes[0]!.fields[0] = 'The {{c1::square root}} of \\(x^2 = 9\\) is {{c2::3}}';
    const after = ankiPackageToDecks(edited, 'x.apkg').decks;
    const ids = (decks: typeof before) => decks.flatMap((d) => d.cards.map((c) => [c.anki.cardId, c.id]));
    expect(ids(after)).toEqual(ids(before));
    expect(after[1]!.cards[2]!.front).toBe('What is the area of a circle of radius r?');
    expect(before[1]!.cards[2]!.id).toBe(ankiCardId('math-algebra', 'g2', 0));
  });
});

describe('ankiFieldToMarkdown', () => {
  it('keeps [sound:…] as Anki wrote it and converts inline MathJax', () => {
    expect(ankiFieldToMarkdown('Say it: [sound:my_file.mp3]<br>\\(a_1 + b\\)')).toBe('Say it: [sound:my_file.mp3]\n$a_1 + b$');
  });
});
