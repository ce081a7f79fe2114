// An Anki package, read, → Rehearse decks in the shape `npm run convert` prints for a note, one
// deck per Anki deck that holds cards. Each Anki card becomes one Rehearse card:
// - the front is the fields the card's question template shows, the back the fields its answer
//   template adds (`{{type:Back}}` counts as answer), so a reversed card asks the Back; when the
//   template shows none of the note's fields, the first field is the front and the rest the back
//   (Basic, and reversed, optional reversed, type in the answer, and custom note types alike);
// - a cloze note type gives the existing cloze kind, card ord n showing gap c(n+1) and every
//   other gap as its text; with nothing added on the answer side, the back is the text.
// Each card keeps its Anki review rows as `reviews` and its Anki scheduling as `anki`, so a later
// step can rebuild its state.
import { deckIdFromFileName, stableHash } from '../deck/cardId.ts';
import { DECK_FORMAT, DECK_VERSION, type Card, type Deck, type NoteWarning } from '../deck/types.ts';
import { ankiFieldToMarkdown, clozeForNumber } from './fieldMarkdown.ts';
import type { AnkiCard, AnkiNote, AnkiNotetype, AnkiPackage, AnkiRevlog } from './types.ts';

export type AnkiReviewKind = 'learn' | 'review' | 'relearn' | 'filtered' | 'manual';

/** One answer from Anki's review log. */
export interface AnkiReview {
  /** Epoch milliseconds (Anki's revlog id). */
  reviewedAt: number;
  /** 1 Again, 2 Hard, 3 Good, 4 Easy. */
  rating: 1 | 2 | 3 | 4;
  durationMs: number;
  kind: AnkiReviewKind;
  /** The revlog row's id, to add only new reviews on a re-import. */
  revlogId: number;
}

/** What a later step needs to rebuild the card's state and to find it again on a re-import. */
export type AnkiCardOrigin = Pick<AnkiCard, 'ord' | 'queue' | 'type' | 'due' | 'ivl' | 'factor' | 'reps' | 'lapses' | 'left' | 'fsrs'> & {
  noteGuid: string;
  cardId: number;
  deckName: string;
};

export interface AnkiDeckCard extends Card {
  reviews: AnkiReview[];
  anki: AnkiCardOrigin;
}

export interface AnkiRehearseDeck extends Deck {
  cards: AnkiDeckCard[];
  anki: { deckId: number; deckName: string; collectionCreated: number };
}

export interface AnkiDecks {
  decks: AnkiRehearseDeck[];
  /** About the package as a whole (left-out review rows, media), in plain words. */
  warnings: string[];
}

const LAYOUT = 'anki-package';
const REVIEW_KINDS: Record<number, AnkiReviewKind> = { 0: 'learn', 1: 'review', 2: 'relearn', 3: 'filtered', 4: 'manual', 5: 'manual' };

/** The package's decks with cards, in deck-name order. */
export function ankiPackageToDecks(pkg: AnkiPackage, fileName: string): AnkiDecks {
  const warnings = [...pkg.warnings];
  const notes = new Map(pkg.notes.map((note, index) => [note.id, { note, line: index + 1 }]));
  const notetypes = new Map(pkg.notetypes.map((notetype) => [notetype.id, notetype]));
  const deckNames = new Map(pkg.decks.map((deck) => [deck.id, deck.name]));
  const reviews = reviewsByCard(pkg.revlog, new Set(pkg.cards.map((card) => card.id)), warnings);

  const byDeck = new Map<number, { drafts: Draft[]; warnings: NoteWarning[] }>();
  let missingNotes = 0;
  for (const card of pkg.cards) {
    const found = notes.get(card.noteId);
    if (!found) {
      missingNotes++;
      continue;
    }
    const group = byDeck.get(card.deckId) ?? { drafts: [], warnings: [] };
    byDeck.set(card.deckId, group);
    const sides = cardSides(found.note, notetypes.get(found.note.notetypeId), card);
    if (!sides.front) {
      group.warnings.push({ line: found.line, ruleId: 'anki-empty-front', reason: 'A card of this note shows nothing on its front; it was left out.' });
      continue;
    }
    if (sides.kind === 'cloze' && !sides.front.includes(`{{c${card.ord + 1}::`)) {
      group.warnings.push({ line: found.line, ruleId: 'anki-cloze-no-gap', reason: `This cloze note has no gap c${card.ord + 1}, so its card shows the whole text.` });
    }
    group.drafts.push({ card, note: found.note, line: found.line, ...sides });
  }
  if (missingNotes > 0) warnings.push(`${count(missingNotes, 'card')} without ${missingNotes === 1 ? 'its note' : 'their notes'} left out.`);

  const decks: AnkiRehearseDeck[] = [];
  const usedIds = new Set<string>();
  // In Anki id order, so that of two names that read alike the older deck keeps the plain id.
  for (const [ankiDeckId, group] of [...byDeck].sort(([a], [b]) => a - b)) {
    const deckName = deckNames.get(ankiDeckId) ?? 'Imported from Anki';
    const id = uniqueId(deckIdFromFileName(deckName.replace(/[\\/.]/g, ' ')), usedIds);
    group.drafts.sort((a, b) => a.note.id - b.note.id || a.card.ord - b.card.ord);
    const cards = group.drafts.map((draft): AnkiDeckCard => ({
      id: ankiCardId(id, draft.note.guid, draft.card.ord),
      front: draft.front,
      back: draft.back,
      tags: draft.note.tags,
      kind: draft.kind,
      meta: { line: draft.line, layout: LAYOUT },
      reviews: reviews.get(draft.card.id) ?? [],
      anki: originOf(draft.card, draft.note, deckName),
    }));
    if (cards.length === 0 && group.warnings.length === 0) continue;
    decks.push({
      format: DECK_FORMAT,
      version: DECK_VERSION,
      id,
      title: deckName,
      source: fileName,
      layouts: [LAYOUT],
      cards,
      warnings: group.warnings,
      anki: { deckId: ankiDeckId, deckName, collectionCreated: pkg.collectionCreated },
    });
  }
  decks.sort((a, b) => a.title.localeCompare(b.title));
  return { decks, warnings };
}

interface Sides {
  front: string;
  back: string;
  kind: 'basic' | 'cloze';
}
interface Draft extends Sides {
  card: AnkiCard;
  note: AnkiNote;
  line: number;
}

/**
 * A card's id from its note's GUID and its card ord, not from its text: Anki keeps both through
 * every edit of the note, so a re-import of the package finds the card (and its progress) again
 * however its question was reworded.
 */
export function ankiCardId(deckId: string, noteGuid: string, ord: number): string {
  return `${deckId}/${stableHash(`anki:${noteGuid}:${ord}`)}`;
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function cardSides(note: AnkiNote, notetype: AnkiNotetype | undefined, card: AnkiCard): Sides {
  const cloze = notetype?.kind === 'cloze';
  const fields = note.fields.map(ankiFieldToMarkdown).map((field) => (cloze ? clozeForNumber(field, card.ord + 1) : field));
  const kind = cloze ? 'cloze' : 'basic';
  // A cloze note type has one template for all its cards; the others one per card ord.
  const template = cloze ? notetype.templates[0] : notetype?.templates.find((t) => t.ord === card.ord);
  if (notetype && template) {
    const index = new Map(notetype.fields.map((name, i) => [name, i]));
    const asked = fieldRefs(template.qfmt, index, false);
    const answered = fieldRefs(template.afmt, index, true).filter((i) => !asked.includes(i));
    const front = joinFields(fields, asked);
    if (front) return { front, back: joinFields(fields, answered) || (cloze ? front : ''), kind };
  }
  const back = joinFields(fields, fields.map((_, i) => i).slice(1));
  return { front: fields[0] ?? '', back: back || (cloze ? (fields[0] ?? '') : ''), kind };
}

function joinFields(fields: readonly string[], indexes: readonly number[]): string {
  return indexes.map((i) => fields[i] ?? '').filter(Boolean).join('\n\n');
}

/**
 * The fields a template shows, in order: `{{Name}}` and filtered forms (`{{text:Name}}`,
 * `{{edit:Name}}`); `{{type:Name}}` only on the answer side (on the question it is the input box);
 * section markers `{{#…}}`, `{{^…}}`, `{{/…}}` and `{{FrontSide}}` show no field.
 */
function fieldRefs(template: string, index: ReadonlyMap<string, number>, answer: boolean): number[] {
  const refs: number[] = [];
  for (const m of template.matchAll(/\{\{([^}]+)\}\}/g)) {
    const inner = m[1]!.trim();
    if (/^[#^/!]/.test(inner)) continue;
    const parts = inner.split(':');
    const name = parts.pop()!.trim();
    if (!answer && parts.some((p) => p.trim().startsWith('type'))) continue;
    const i = index.get(name);
    if (i !== undefined && !refs.includes(i)) refs.push(i);
  }
  return refs;
}

function originOf(card: AnkiCard, note: AnkiNote, deckName: string): AnkiCardOrigin {
  return {
    noteGuid: note.guid,
    cardId: card.id,
    ord: card.ord,
    deckName,
    queue: card.queue,
    type: card.type,
    due: card.due,
    ivl: card.ivl,
    factor: card.factor,
    reps: card.reps,
    lapses: card.lapses,
    left: card.left,
    ...(card.fsrs ? { fsrs: card.fsrs } : {}),
  };
}

/** Answers per card, oldest first; manual reschedules (ease 0), cramming and other cards' rows are counted, not kept. */
function reviewsByCard(revlog: readonly AnkiRevlog[], cardIds: ReadonlySet<number>, warnings: string[]): Map<number, AnkiReview[]> {
  const byCard = new Map<number, AnkiReview[]>();
  let manual = 0;
  let cramming = 0;
  let orphans = 0;
  for (const row of [...revlog].sort((a, b) => a.id - b.id)) {
    if (!cardIds.has(row.cardId)) {
      orphans++;
      continue;
    }
    if (row.ease < 1 || row.ease > 4) {
      manual++;
      continue;
    }
    // Cramming: answered in a filtered deck that does not reschedule (Anki's is_cramming), which
    // Anki leaves out of scheduling and statistics; replayed, it would move the card.
    if (row.type === 3 && row.factor === 0) {
      cramming++;
      continue;
    }
    const list = byCard.get(row.cardId) ?? [];
    list.push({
      reviewedAt: row.id,
      rating: row.ease as 1 | 2 | 3 | 4,
      durationMs: row.timeMs,
      kind: REVIEW_KINDS[row.type] ?? 'review',
      revlogId: row.id,
    });
    byCard.set(row.cardId, list);
  }
  if (manual > 0) warnings.push(`${count(manual, 'manual reschedule')} in the review history left out: they are not answers.`);
  if (cramming > 0) warnings.push(`${count(cramming, 'answer')} in a filtered deck without rescheduling left out: Anki does not schedule by ${cramming === 1 ? 'it' : 'them'}.`);
  if (orphans > 0) {
    warnings.push(`${count(orphans, 'review row')} of cards no longer in the collection left out.`);
  }
  return byCard;
}
