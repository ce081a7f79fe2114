// Stable card ids: deck id + a hash of the normalized front + an occurrence number.
// Editing an answer keeps the id (and so the card's progress); editing the question changes
// it, and storage's deck sync then carries the progress over to the nearly identical question.

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

/** Assigns ids in order; the n-th repeat of the same normalized question gets `~n`. */
export function assignCardIds(deckId: string, fronts: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return fronts.map((front) => {
    const key = normalizeQuestion(front);
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    const id = `${deckId}/${stableHash(key)}`;
    return count === 0 ? id : `${id}~${count + 1}`;
  });
}
