// Pure helpers of the import screen: the converter's warnings and a re-import's changes in plain
// words, the "Cut cards at" choices, which cards are ticked, the card list's windowing, sizes,
// and the name a pasted note's deck gets. Tested in tests/ui/import/.
import { deckIdFromFileName } from '../../core/deck/cardId.ts';
import { groupedNumber } from '../../core/text/groupedNumber.ts';
import type { Card, Deck, NoteWarning } from '../../core/deck/types.ts';
import type { CutChoice } from '../../core/formats/cuts.ts';
import type { DeckSyncPreview } from '../../storage/previewDeckSync.ts';
import type { SyncReport } from '../../storage/syncDecks.ts';
import { markdownToPlainText } from '../render/plainText.ts';

/** Warnings of one kind, said once with a count; the lines are shown on demand. */
export interface WarningGroup {
  ruleId: string;
  count: number;
  /** One sentence in plain words, e.g. "3 question headings have no answer, so they are not cards." */
  text: string;
  lines: number[];
  /** The converter's own sentences, one per warning, for the details. */
  reasons: string[];
  /** Per warning, the index (in deck order) of the card it concerns, or undefined when it is about no card. */
  cards: Array<number | undefined>;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the layout calls a question, for "3 question headings have no answer". */
function questionNoun(layout: string, reasons: readonly string[], n: number): string {
  if (layout === 'markdown') {
    // Heading questions are quoted with “…”; inline `Q:` lines start "The question".
    const headings = reasons.every((r) => r.startsWith('“'));
    return headings ? plural(n, 'question heading', 'question headings') : plural(n, 'question', 'questions');
  }
  if (layout === 'numbered') return plural(n, 'numbered question', 'numbered questions');
  if (layout === 'transcript') return plural(n, 'question in the transcript', 'questions in the transcript');
  if (layout === 'scored-pairs') return plural(n, 'Q line', 'Q lines');
  return plural(n, 'question', 'questions');
}

/**
 * Warnings about text that was not made into a card (or about a card's own line only): they
 * point at a card only when their line is that card's line, never because they fall inside it.
 */
const EXACT_LINE_RULES = new Set([
  'no-answer',
  'placeholder-answer',
  'empty-question',
  'orphan-answer',
  'closing-turn',
  'skipped-noise',
  'no-model-answer',
  'repeated-front',
  'duplicate-card',
]);

/**
 * The card (index in deck order) each warning concerns: the card on the warning's line, or for
 * warnings about a card's answer (an image-only back, a long back, text after a rule…) the card
 * whose lines it falls inside — from its line up to the next card's. Undefined for the others.
 */
export function cardsOfWarnings(warnings: readonly NoteWarning[], cards: readonly Pick<Card, 'meta'>[]): Array<number | undefined> {
  const byLine = cards.map((card, index) => ({ line: card.meta.line, index })).sort((a, b) => a.line - b.line || a.index - b.index);
  return warnings.map((warning) => {
    // The last card starting at or before the warning's line.
    let lo = 0;
    let hi = byLine.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (byLine[mid]!.line <= warning.line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return undefined;
    // Several cards on one line (inline syntaxes): the first of them.
    while (found > 0 && byLine[found - 1]!.line === byLine[found]!.line) found--;
    const card = byLine[found]!;
    return card.line === warning.line || !EXACT_LINE_RULES.has(warning.ruleId) ? card.index : undefined;
  });
}

/** The sum of the numbers the warnings' sentences start with ("13 turns were…"), 1 for a sentence without. */
function leadingCounts(list: readonly NoteWarning[]): number {
  return list.reduce((sum, w) => sum + (Number(/^(\d[\d,]*)/.exec(w.reason)?.[1]?.replace(/,/g, '')) || 1), 0);
}

/** Groups the converter's warnings by rule, in plain words, most frequent first; with `cards`, each warning's card. */
export function groupWarnings(warnings: readonly NoteWarning[], layout: string, cards: readonly Pick<Card, 'meta'>[] = []): WarningGroup[] {
  const cardOf = new Map<NoteWarning, number | undefined>();
  const targets = cardsOfWarnings(warnings, cards);
  warnings.forEach((w, i) => cardOf.set(w, targets[i]));
  const byRule = new Map<string, NoteWarning[]>();
  for (const w of warnings) {
    const list = byRule.get(w.ruleId);
    if (list) list.push(w);
    else byRule.set(w.ruleId, [w]);
  }
  const groups: WarningGroup[] = [];
  for (const [ruleId, list] of byRule) {
    const n = list.length;
    const reasons = list.map((w) => w.reason);
    const has = n === 1 ? 'has' : 'have';
    let text: string;
    switch (ruleId) {
      case 'no-answer':
        text = `${questionNoun(layout, reasons, n)} ${has} no answer, so ${n === 1 ? 'it is not a card' : 'they are not cards'}.`;
        break;
      case 'skipped-noise': {
        const turns = leadingCounts(list);
        text = `This file looks like a transcript; ${plural(turns, 'turn was', 'turns were')} skipped as noise.`;
        break;
      }
      case 'orphan-answer':
        text = `${plural(n, 'answer has', 'answers have')} no question before ${n === 1 ? 'it' : 'them'} and ${n === 1 ? 'was' : 'were'} skipped.`;
        break;
      case 'empty-question':
        text = `${plural(n, 'question is', 'questions are')} empty and ${n === 1 ? 'was' : 'were'} skipped.`;
        break;
      case 'mismatched-number':
        text = `${plural(n, 'answer is', 'answers are')} numbered differently from ${n === 1 ? 'its question' : 'their questions'}; paired anyway.`;
        break;
      case 'text-after-rule':
        text = `${plural(n, 'answer ends', 'answers end')} at a horizontal rule; the text after ${n === 1 ? 'it is' : 'them is'} in no card.`;
        break;
      case 'no-model-answer':
        text = `${plural(n, 'critique has', 'critiques have')} no quoted model answer, so no card was made from ${n === 1 ? 'it' : 'them'}.`;
        break;
      case 'placeholder-answer':
        text =
          n === 1
            ? '1 answer is only a placeholder (like “TODO”, “Answer here” or “...”), so it is not a card.'
            : `${n} answers are only placeholders (like “TODO”, “Answer here” or “...”), so they are not cards.`;
        break;
      case 'image-only-back':
        text =
          n === 1
            ? '1 card has only an image for its answer; check that the image shows.'
            : `${n} cards have only an image for their answer; check that the images show.`;
        break;
      case 'embed-not-included':
        text =
          n === 1
            ? '1 card embeds a file (![[…]]) that is not part of this import.'
            : `${n} cards embed files (![[…]]) that are not part of this import.`;
        break;
      case 'repeated-front':
        text =
          n === 1
            ? '1 question is asked more than once with different answers; each answer is its own card.'
            : `${n} questions are asked more than once with different answers; each answer is its own card.`;
        break;
      case 'duplicate-card':
        text =
          n === 1
            ? '1 question appears more than once with the same answer; the copies were merged into one card.'
            : `${n} questions appear more than once with the same answer; the copies were merged into one card each.`;
        break;
      case 'long-back':
        text =
          n === 1
            ? '1 answer is over 3,000 characters long; another question may be hiding inside it.'
            : `${n} answers are over 3,000 characters long; other questions may be hiding inside them.`;
        break;
      case 'link-list': {
        const links = list.reduce((sum, w) => sum + (Number(/^(\d+)/.exec(w.reason)?.[1]) || 0), 0);
        text = `${plural(n, 'answer is', 'answers are')} followed by a reading list (${plural(links, 'link', 'links')} in all); the links are in no card.`;
        break;
      }
      case 'unanswered-prompt':
        text =
          n === 1
            ? '1 question has no answer and, with the questions around it, ends the answer before it; it is not a card.'
            : `${n} questions have no answer and, coming together, end the answer before them; they are not cards.`;
        break;
      case 'unreadable-bytes': {
        // One warning per line, each saying how many bytes.
        const bytes = leadingCounts(list);
        text = `${plural(bytes, 'byte', 'bytes')} on ${plural(n, 'line', 'lines')} ${bytes === 1 ? 'is' : 'are'} not valid text and ${bytes === 1 ? 'is' : 'are'} shown as �.`;
        break;
      }
      case 'closing-turn': {
        // One warning for the interview's closing turns, saying how many.
        const turns = leadingCounts(list);
        text = `${plural(turns, 'closing turn', 'closing turns')} (“Any questions for me?”) ${turns === 1 ? 'is' : 'are'} not ${turns === 1 ? 'a card' : 'cards'}: the replies are questions for the interviewer, not answers.`;
        break;
      }
      default:
        text = ruleId.endsWith('-failed')
          ? `Part of this file could not be read: ${reasons[0] ?? ''}`
          : n === 1
            ? (reasons[0] ?? ruleId)
            : `${reasons[0] ?? ruleId} (and ${n - 1} more like it)`;
    }
    groups.push({ ruleId, count: n, text, lines: list.map((w) => w.line), reasons, cards: list.map((w) => cardOf.get(w)) });
  }
  return groups.sort((a, b) => b.count - a.count);
}

/** "12 new, 3 updated, 1 removed" for a re-import; "No changes" when there are none. */
export function changeSummary(preview: DeckSyncPreview): string {
  const parts: string[] = [];
  if (preview.added) parts.push(`${preview.added} new`);
  if (preview.updated) parts.push(`${preview.updated} updated`);
  if (preview.removed) parts.push(`${preview.removed} removed`);
  if (preview.restored) parts.push(`${preview.restored} back in the note`);
  return parts.length === 0 ? 'No changes' : parts.join(', ');
}

/** The key of a takeover, for the set of those the user refused. */
export function takeoverKey(t: { from: string; to: string }): string {
  return `${t.from}\u0000${t.to}`;
}

/**
 * The preview as it will be with the takeovers in `refused` refused: each refused one is one
 * card fewer updated, one new card, and one removed card (hidden with its history).
 */
export function withRefusals(preview: DeckSyncPreview, refused: ReadonlySet<string>): DeckSyncPreview {
  const out = preview.takeovers.filter((t) => refused.has(takeoverKey(t)));
  if (out.length === 0) return preview;
  return {
    ...preview,
    updated: preview.updated - out.length,
    added: preview.added + out.length,
    removed: preview.removed + out.length,
    removedWithHistory: preview.removedWithHistory + out.filter((t) => t.reviews > 0).length,
  };
}

/** The takeovers the user refused, as `importDeck` takes them. */
export function refusedTakeovers(preview: DeckSyncPreview, refused: ReadonlySet<string>): Array<{ from: string; to: string }> {
  return preview.takeovers.filter((t) => refused.has(takeoverKey(t))).map(({ from, to }) => ({ from, to }));
}

/** "“…quicksort?” keeps the progress of “…quicksort ?”": one takeover in words (questions shortened to one line). */
export function takeoverSentence(t: { fromFront: string; toFront: string; reviews: number }): string {
  const from = plainLine(t.fromFront, 120);
  const to = plainLine(t.toFront, 120);
  const reviews = t.reviews > 0 ? ` (${plural(t.reviews, 'review', 'reviews')})` : '';
  return from === to ? `“${to}” keeps its progress${reviews}` : `“${to}” keeps the progress of “${from}”${reviews}`;
}

/** One card the user edited whose text changed in the note, in words. */
export function noteChangedSentence(e: { front: string; noteFront: string }): string {
  return `“${plainLine(e.front, 120)}”: you edited this card and the note changed it (now “${plainLine(e.noteFront, 120)}”). Your text stays; Revert on the card brings in the note’s.`;
}

/** What happens to progress on a re-import, in one sentence (empty for a new deck). */
export function progressNote(preview: DeckSyncPreview): string {
  if (!preview.exists) return '';
  const kept = preview.unchanged + preview.updated + preview.restored;
  const removed = preview.removedWithHistory
    ? ` Removed cards are hidden; the history of ${plural(preview.removedWithHistory, 'card', 'cards')} is kept.`
    : preview.removed
      ? ' Removed cards are hidden.'
      : '';
  return `${plural(kept, 'card keeps its', 'cards keep their')} progress.${removed}`;
}

/** Bytes in words: "812 KB", "12.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** A pasted note is named by the user; the name stands in for a file name (`.txt`). */
export function pastedFileName(name: string): string {
  return `${name.replace(/\s+/g, ' ').trim()}.txt`;
}

/** Files worth sending to the converter from a drop or a picker (folders and empty entries out). */
export function acceptedFiles(files: Iterable<File>): File[] {
  return [...files].filter((file) => file.name !== '' || file.size > 0);
}

/** The deck id the import gives a file (or a pasted note's file name): core's `importDeckId`, without loading the converter. */
export function deckIdForImport(fileName: string): string {
  // core/deck/importNote.ts would bring every note format (and remark) into this chunk.
  return `import-${deckIdFromFileName(fileName)}`;
}

/** "Level-3 headings — 42 cards", "Auto (nothing found) — no cards". */
export function cutChoiceLabel(choice: CutChoice): string {
  const cards = groupedNumber(choice.cards);
  return `${choice.label} — ${choice.cards === 0 ? 'no cards' : `${cards} ${choice.cards === 1 ? 'card' : 'cards'}`}`;
}

/** The choice the "Cut cards at" control shows: the one that cut the deck, else auto. */
export function selectedCut(cut: { chosen: string; choices: readonly CutChoice[] }): string {
  return cut.choices.some((c) => c.id === cut.chosen) ? cut.chosen : 'auto';
}

/** What the preview says about the cut, when it needs saying. */
export type CutNotice =
  | { kind: 'auto-found-nothing'; others: number }
  | { kind: 'cut-finds-nothing' }
  | { kind: 'fell-back' }
  | undefined;

export function cutNotice(cards: number, cut: { chosen: string; choices: readonly CutChoice[] }, fellBack: boolean): CutNotice {
  if (cards === 0) {
    const others = cut.choices.filter((c) => c.id !== 'auto' && c.cards > 0).length;
    return selectedCut(cut) === 'auto' ? { kind: 'auto-found-nothing', others } : { kind: 'cut-finds-nothing' };
  }
  return fellBack ? { kind: 'fell-back' } : undefined;
}

/** The deck as it will be imported: the ticked cards only. */
export function deckToImport(deck: Deck, excluded: ReadonlySet<string>): Deck {
  if (excluded.size === 0) return deck;
  return { ...deck, cards: deck.cards.filter((card) => !excluded.has(card.id)) };
}

/** Cards of `cards` that are ticked. */
export function tickedCount(cards: readonly Pick<Card, 'id'>[], excluded: ReadonlySet<string>): number {
  if (excluded.size === 0) return cards.length;
  let n = 0;
  for (const card of cards) if (!excluded.has(card.id)) n++;
  return n;
}

/**
 * Ticks (or unticks) `ids`. The set keeps ids of cards that are not in the current cut: a card
 * unticked under one cut stays unticked when the user comes back to it, and stays remembered.
 */
export function setTicked(excluded: ReadonlySet<string>, ids: Iterable<string>, ticked: boolean): Set<string> {
  const next = new Set(excluded);
  for (const id of ids) {
    if (ticked) next.delete(id);
    else next.add(id);
  }
  return next;
}

/** "38 of 42 cards will be imported", "All 42 cards will be imported", "No card is ticked". */
export function tickedSentence(ticked: number, total: number): string {
  if (total === 0) return 'No cards with this cut.';
  if (ticked === 0) return 'No card is ticked: tick the cards to import.';
  if (ticked === total) return total === 1 ? 'The card will be imported.' : `All ${total} cards will be imported.`;
  return `${ticked} of ${total} cards will be imported.`;
}

/** One line of plain text for a card side in the list (the rendered card opens on demand). */
export function plainLine(markdown: string, max = 160): string {
  // Only the start is needed: do not run the stripping over a 3,000-character answer.
  const text = markdownToPlainText(markdown.slice(0, max * 3)).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "12 new, 3 updated, 1 removed" after an import (the same words as the preview), or "42 cards" for a new deck. */
export function importedSummary(report: SyncReport, existed: boolean, cards: number): string {
  if (!existed) return plural(cards, 'card', 'cards');
  return changeSummary({
    exists: true,
    total: cards,
    added: report.added,
    // As the preview counts: a card carried over unchanged (moved, a repeat re-keyed) is not an update.
    updated: report.edited + report.takeovers.length,
    removed: report.hidden,
    removedWithHistory: 0,
    restored: report.restored,
    unchanged: 0,
    takeovers: [],
    noteChangedUnderEdit: [],
  });
}

/**
 * Rows of the card list: every closed row `rowHeight` high, and at most one open row
 * `openHeight` high. Positions are computed, not measured, so 10,000 rows cost nothing until
 * they scroll into view.
 */
export interface RowLayout {
  count: number;
  rowHeight: number;
  /** -1 when no row is open. */
  openIndex: number;
  openHeight: number;
}

/** Top of row `index`, in px from the top of the list. */
export function rowTop(layout: RowLayout, index: number): number {
  const { rowHeight, openIndex, openHeight } = layout;
  return index * rowHeight + (openIndex >= 0 && index > openIndex ? openHeight - rowHeight : 0);
}

/** Height of the whole list. */
export function listHeight(layout: RowLayout): number {
  if (layout.count === 0) return 0;
  return rowTop(layout, layout.count - 1) + (layout.openIndex === layout.count - 1 ? layout.openHeight : layout.rowHeight);
}

/** The row at `y` px from the top of the list (clamped to the rows there are). */
export function rowAt(layout: RowLayout, y: number): number {
  const { count, rowHeight, openIndex, openHeight } = layout;
  if (count === 0) return 0;
  let index: number;
  if (openIndex >= 0 && y >= rowTop(layout, openIndex)) {
    const openEnd = rowTop(layout, openIndex) + openHeight;
    index = y < openEnd ? openIndex : openIndex + 1 + Math.floor((y - openEnd) / rowHeight);
  } else {
    index = Math.floor(y / rowHeight);
  }
  return Math.max(0, Math.min(count - 1, index));
}

/** Rows to render for a viewport `[scrollTop, scrollTop + height)`, with `overscan` rows either side: `[start, end)`. */
export function visibleRows(layout: RowLayout, scrollTop: number, height: number, overscan: number): { start: number; end: number } {
  if (layout.count === 0) return { start: 0, end: 0 };
  const first = rowAt(layout, Math.max(0, scrollTop));
  const last = rowAt(layout, Math.max(0, scrollTop + height - 1));
  return { start: Math.max(0, first - overscan), end: Math.min(layout.count, last + 1 + overscan) };
}

/** "Line 12", "Lines 4, 9 and 20", "Lines 4, 9, 20, 31, 40 and 12 more". */
export function linesSummary(lines: readonly number[]): string {
  if (lines.length === 1) return `Line ${lines[0]}`;
  const shown = lines.slice(0, lines.length <= 6 ? lines.length - 1 : 5);
  const rest = lines.length - shown.length;
  return `Lines ${shown.join(', ')} and ${lines.length <= 6 ? lines.at(-1) : `${rest} more`}`;
}

/**
 * What the cards were cut at, for the preview's "Layout": what auto chose in words ("Question
 * headings and bold lines"), the chosen cut's own label, or "None found".
 */
export function layoutWords(cards: number, cut: { chosen: string; autoLabel: string; choices: readonly CutChoice[] }, layoutLabel: string): string {
  if (cards === 0) return 'None found';
  const chosen = selectedCut(cut);
  const words = chosen === 'auto' ? cut.autoLabel : (cut.choices.find((c) => c.id === chosen)?.label ?? layoutLabel);
  const text = words || layoutLabel;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
