// Stable card ids: deck id + a hash of the normalized front; a repeat of a question also by its
// answer. Editing an answer keeps the id (and so the card's progress); editing the question
// changes it, and the deck-sync planner (core/deckSync) then carries the progress over to the
// nearly identical question. tests/core/deck/cardIdPins.test.ts pins ids: a change to this rule
// would re-key every user's collection.

/** Folds what does not change the meaning of a question: case, markdown marks, quotes, spacing. */
const ASCII_ONLY = /^[\x00-\x7f]*$/;

export function normalizeQuestion(front: string): string {
  // NFKC is the identity on ASCII: skipped there, which most questions are (same ids either way).
  return (ASCII_ONLY.test(front) ? front : front.normalize('NFKC'))
    .toLowerCase()
    .replace(/[‘’‚‛′´`]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    // Markup and sentence punctuation go; symbols that carry meaning (C++ vs C, >> vs <<) stay.
    .replace(/[\s*_`~\\.,;:!?¿¡'"()[\]{}«»…。、，：；！？（）【】「」-]+/gu, ' ')
    .trim();
}

/** FNV-1a over UTF-16 code units, two 32-bit lanes -> 13 base-36 characters. */
export function stableHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (i & 0xff), 0x01000193) >>> 0;
  }
  return a.toString(36).padStart(7, '0') + b.toString(36).padStart(7, '0').slice(0, 6);
}

/** File name -> deck id: lower-case words joined by dashes, extension dropped. */
export function deckIdFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.[^.]+$/, '');
  const slug = stem
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'deck';
}

/**
 * Assigns ids in order. The first copy of a question gets `deckId/hash(question)`, as a question
 * asked once does; a later copy adds `~` and a hash of its answer, and only a later copy with the
 * very same answer as an earlier one adds `~2`, `~3` (its place among those equals). So deleting or
 * adding one copy of a repeated question leaves every other later copy its id; when the first copy
 * goes, the deck-sync planner gives each history back to its own card by content.
 */
export function assignCardIds(deckId: string, fronts: readonly string[], backs: readonly string[] = []): string[] {
  const seen = new Set<string>();
  const repeats = new Map<string, number>();
  return fronts.map((front, i) => {
    const key = normalizeQuestion(front);
    const id = `${deckId}/${stableHash(key)}`;
    if (!seen.has(key)) {
      seen.add(key);
      return id;
    }
    const repeatId = `${id}~${answerKey(backs[i] ?? '')}`;
    const count = (repeats.get(repeatId) ?? 0) + 1;
    repeats.set(repeatId, count);
    return count === 1 ? repeatId : `${repeatId}~${count}`;
  });
}

/** Eight characters naming an answer, folded like a question (case, marks, spacing). */
export function answerKey(back: string): string {
  return stableHash(normalizeQuestion(back)).slice(0, 8);
}

/** The part of a card id that names its question: the id without a repeat's `~…` suffix. */
export function questionIdOf(cardId: string): string {
  const slash = cardId.lastIndexOf('/');
  const tilde = cardId.indexOf('~', slash + 1);
  return tilde < 0 ? cardId : cardId.slice(0, tilde);
}
