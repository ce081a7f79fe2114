// A deck written back as a markdown note that deckFromNote reads into the same cards: the deck's
// title on the first line, its sections as headings, each card a `Q:` heading with its answer
// under it. What a heading cannot carry goes another way the converter reads:
//
// - a question on several lines (code in it), or that a heading would change (runs of spaces,
//   a closing `#`, wrapping quotes): a `Q:` / `A:` block between two rules;
// - a cloze card: its text, between two rules;
// - an answer whose first line would read as the rest of the question: a `<!-- card -->` line
//   first (a tool comment, which the converter drops);
// - a heading inside an answer that would end it (as high as the question's, or itself a
//   question): demoted below the question's level, or its `#` escaped when it cannot go deeper;
//   a rule (`---`) inside an answer, which would end it too: written as `<hr>`.
//
// One thing is not kept: a cloze or several-line question with no section that follows cards
// with sections takes the sections before it (see writeSections).
//
// The last two change the answer's markdown (not how it reads): notes made by this app's own
// markdown reader never have them; text-layout notes (numbered PDF text, transcripts) can.
import { classifyHeading } from '../formats/markdown/questionHeading.ts';
import { scanNoteStructure } from '../formats/markdown/noteStructure.ts';
import type { Card } from './types.ts';

/** What export needs of a card. */
export type ExportCard = Pick<Card, 'front' | 'back' | 'kind' | 'tags'>;

export interface ExportDeck {
  title: string;
  cards: readonly ExportCard[];
}

/** Deepest section path written as headings; deeper sections join into the last level's title. */
const MAX_SECTION_DEPTH = 4;

/** The markdown note for `deck`. Pure and linear in the size of the deck. */
export function deckToMarkdown(deck: ExportDeck): string {
  const out: string[] = [titleHeading(deck.title), ''];
  // The title heading is a note of its own, not a section: an empty `#` closes it unless the
  // first card's section heading (level 1) does.
  if ((deck.cards[0]?.tags.length ?? 0) === 0) out.push('#', '');
  let open: string[] = [];

  for (const card of deck.cards) {
    const path = sectionPath(card.tags);
    writeSections(out, open, path);
    open = path;
    if (card.kind === 'cloze') {
      out.push('---', '', card.front.trim(), '', '---', '');
      continue;
    }
    // Each question sits one level below its own sections, so answers keep their headings.
    const level = path.length + 1;
    if (headingCarries(card.front)) {
      const back = safeBack(card.back.trim(), level);
      out.push(`${'#'.repeat(level)} Q: ${card.front.trim()}`, '');
      if (readsAsQuestionContinuation(back)) out.push('<!-- card -->');
      out.push(back, '');
    } else {
      // Between rules every heading would end the answer: all are escaped.
      const back = safeBack(card.back.trim(), 0);
      out.push('---', '', `Q: ${card.front.trim()}`, `A: ${back}`, '', '---', '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** A file name for the exported note, from the deck id (an imported deck's `import-` dropped). */
export function exportFileName(deckId: string): string {
  return `${deckId.replace(/^import-/, '') || 'deck'}.md`;
}

/** The deck's title as the first heading, which the converter takes as the title; never a question. */
function titleHeading(title: string): string {
  const clean = title.replace(/\s+/g, ' ').replace(/[ \t]+#+$/, '').trim();
  const asks = classifyHeading(clean);
  if (clean.length >= 3 && !asks.explicit && !asks.promptLike && !clean.includes('<!--')) return `# ${clean}`;
  const named = `Deck: ${clean.replace(/[?？؟⸮\u037e]/gu, '').replace(/<!--/g, '').trim()}`;
  const still = classifyHeading(named);
  return still.explicit || still.promptLike ? '# Rehearse deck' : `# ${named}`;
}

function sectionPath(tags: readonly string[]): string[] {
  const path = tags.map((tag) => tag.replace(/\s+/g, ' ').trim()).filter((tag) => tag !== '');
  if (path.length <= MAX_SECTION_DEPTH) return path;
  return [...path.slice(0, MAX_SECTION_DEPTH - 1), path.slice(MAX_SECTION_DEPTH - 1).join(' › ')];
}

/**
 * Headings that move from the open section path to `path`. Going back up to a shorter path
 * repeats its last heading (which closes the deeper ones); going back to no section at all takes
 * a heading with no title, which closes every section only when a question heading follows it
 * directly: a cloze or a several-line question with no section, after cards with sections, keeps
 * the sections before it.
 */
function writeSections(out: string[], open: readonly string[], path: readonly string[]): void {
  let common = 0;
  while (common < open.length && common < path.length && open[common] === path[common]) common++;
  if (common === open.length && common === path.length) return;
  if (path.length === 0) {
    out.push('#', '');
    return;
  }
  const from = common === path.length ? common - 1 : common;
  for (let i = from; i < path.length; i++) out.push(`${'#'.repeat(i + 1)} ${path[i]}`, '');
}

/** Whether `# Q: <front>` reads back as exactly `front`. */
function headingCarries(front: string): boolean {
  const text = front.trim();
  if (text === '' || /\n/.test(text) || /\s{2,}|\t/.test(text)) return false;
  if (/(?:^|\s)#+$/.test(text) || text.includes('<!--')) return false;
  // Wrapping or trailing quotes are unwrapped from headings.
  if (/^["“”„«「『'‘]/u.test(text) || /["“”»」』'’]$/u.test(text)) return false;
  // A front that itself starts with emphasis around a `Q:` label would lose it.
  if (/^(?:\*\*|__|\*|_)/.test(text) && classifyHeading(text.replace(/^(?:\*\*|__|\*|_)+/, '')).labelled) return false;
  return true;
}

/**
 * The converter takes a short question-like line alone under a question heading as the rest of
 * the question (`Give an example.`); an answer that starts that way is marked off.
 */
function readsAsQuestionContinuation(back: string): boolean {
  const [first = '', second] = back.split('\n', 2);
  const line = first.trim();
  if (line === '' || line.length > 160 || (second !== undefined && second.trim() !== '')) return false;
  if (/^[-*+>#|<`$!\[]|^\d+[.)]\s|^["“”]/u.test(line)) return false;
  if (/^[^\s:：]{1,24}[:：]/u.test(line) || /[:：]$/u.test(line)) return false;
  const asked = classifyHeading(line);
  return asked.explicit || asked.promptLike;
}

/** An answer whose headings and rules would end it early, made safe (see the file comment); level 0: between rules. */
function safeBack(back: string, questionLevel: number): string {
  if (!/^ {0,3}(?:#|[-*_.])/m.test(back)) return back;
  const structure = scanNoteStructure(back);
  if (structure.marks.length === 0) return back;
  const lines = structure.lines.slice();
  for (const mark of structure.marks) {
    const line = lines[mark.index]!;
    if (mark.kind === 'separator') {
      lines[mark.index] = '<hr>';
      continue;
    }
    const text = line.replace(/^ {0,3}#{1,6}[ \t]*/, '');
    const asks = classifyHeading(text);
    if (asks.explicit) {
      lines[mark.index] = line.replace(/^( {0,3})#/, '$1\\#');
    } else if (questionLevel === 0) {
      lines[mark.index] = line.replace(/^( {0,3})#/, '$1\\#');
    } else if (mark.level <= questionLevel) {
      const level = questionLevel + 1;
      lines[mark.index] = level <= 6 ? `${'#'.repeat(level)} ${text}` : line.replace(/^( {0,3})#/, '$1\\#');
    }
  }
  return lines.join('\n');
}
