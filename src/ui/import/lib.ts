// Pure helpers of the import screen: the converter's warnings and a re-import's changes in plain
// words, sizes, and the name a pasted note's deck gets. Tested in tests/ui/import/lib.test.ts.
import type { NoteWarning } from '../../core/deck/types.ts';
import type { DeckSyncPreview } from '../../storage/previewDeckSync.ts';

/** Warnings of one kind, said once with a count; the lines are shown on demand. */
export interface WarningGroup {
  ruleId: string;
  count: number;
  /** One sentence in plain words, e.g. "3 question headings have no answer, so they are not cards." */
  text: string;
  lines: number[];
  /** The converter's own sentences, one per warning, for the details. */
  reasons: string[];
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

/** Groups the converter's warnings by rule, in plain words, most frequent first. */
export function groupWarnings(warnings: readonly NoteWarning[], layout: string): WarningGroup[] {
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
        const turns = list.reduce((sum, w) => sum + (Number(/^(\d+)/.exec(w.reason)?.[1]) || 1), 0);
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
      default:
        text = ruleId.endsWith('-failed')
          ? `Part of this file could not be read: ${reasons[0] ?? ''}`
          : n === 1
            ? (reasons[0] ?? ruleId)
            : `${reasons[0] ?? ruleId} (and ${n - 1} more like it)`;
    }
    groups.push({ ruleId, count: n, text, lines: list.map((w) => w.line), reasons });
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
