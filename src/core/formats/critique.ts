// A critique of an interview: per question an assessment paragraph, `- Lead. explanation` gap
// bullets and a double-quoted model answer, but never the question itself. Each model answer
// becomes a card whose question is inferred from the block's own words (critiqueFront.ts).
//
// Gap bullets are not made into cards: they critique the user's own answer ("No business
// impact."), and what they teach is what the model answer right after them says in full.
import { fencedLines, splitLines } from '../text/codeFences.ts';
import type { NoteWarning } from '../deck/types.ts';
import { inferCritiqueQuestion } from './critiqueFront.ts';
import type { NoteFormat, ParseResult, RawCard } from './types.ts';

const OPEN_QUOTE = /^\s*["“]/;
const CLOSE_QUOTE = /["”]\s*$/;
const BULLET = /^\s*[-*•]\s+\S/;
const HEADING = /^ {0,3}#{1,6}[ \t]+\S/;
/** `Candidate: "…"`: a speaker label before a quote means a transcript, not a critique. */
const LABELLED_QUOTE = /^\s*[\p{Lu}][\p{L}\p{N} .'-]{0,30}:\s*["“]/u;
/** A quoted answer spans at most this many lines when a page wrapped it. */
const MAX_QUOTE_LINES = 20;
/** A line this short right after a model answer is its verdict ("Concise and positioned."). */
const VERDICT_WORDS = 15;

type UnitKind = 'quote' | 'bullet' | 'title' | 'para';

interface Unit {
  kind: UnitKind;
  /** First and last line index. */
  start: number;
  end: number;
  text: string;
}

/** A critique with quoted model answers and no written questions. */
export const critiqueFormat: NoteFormat = {
  name: 'critique',
  label: 'a critique with quoted model answers',
  example: '- Missing depth. The answer did not name the trade-off.\n"A model answer in quotes, as an interviewer would like to hear it."',
  detect: detectCritique,
  parse: parseCritique,
};

function detectCritique(text: string): number {
  const lines = splitLines(text);
  const fenced = fencedLines(lines);
  let headings = 0;
  let labelled = 0;
  let bullets = 0;
  let quotes = 0;
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i]) continue;
    const line = lines[i]!;
    if (HEADING.test(line)) headings++;
    else if (LABELLED_QUOTE.test(line)) labelled++;
    else if (BULLET.test(line)) bullets++;
    else if (OPEN_QUOTE.test(line)) {
      const end = quoteEnd(lines, fenced, i);
      if (end >= 0) {
        quotes++;
        i = end;
      }
    }
  }
  if (headings >= 2 || labelled >= 2) return Math.min(0.05, quotes * 0.02);
  if (quotes >= 2 && bullets >= 2) return quotes >= 3 ? 0.9 : 0.85;
  if (quotes >= 2) return 0.4;
  return Math.min(0.2, quotes * 0.1);
}

function parseCritique(text: string): ParseResult {
  const cards: RawCard[] = [];
  const warnings: NoteWarning[] = [];
  const lines = splitLines(text);
  const units = toUnits(lines);

  let section: string[] = [];
  let context: Unit[] = [];
  let previous: Unit | undefined;
  for (const unit of units) {
    const afterAnswer = previous?.kind === 'quote';
    if (unit.kind === 'title') {
      flushUnanswered(context, warnings);
      section = [unit.text.trim()];
      context = [];
    } else if (unit.kind === 'quote') {
      const back = unit.text;
      const front = inferCritiqueQuestion(context.map((u) => u.text), back);
      cards.push({
        front,
        back,
        line: unit.start + 1,
        frontInferred: true,
        ...(section.length > 0 ? { section: [...section] } : {}),
      });
      context = [];
    } else if (unit.kind === 'para' && afterAnswer && wordCount(unit.text) <= VERDICT_WORDS) {
      // The verdict on the answer just given; it opens no block.
    } else {
      // An assessment paragraph after bullets or an answer opens the next question's block.
      if (unit.kind === 'para' && (previous?.kind === 'bullet' || afterAnswer)) {
        flushUnanswered(context, warnings);
        context = [];
      }
      context.push(unit);
    }
    previous = unit;
  }
  flushUnanswered(context, warnings);
  return { cards, warnings };
}

/** A block that critiques an answer with gap bullets but gives no model answer makes no card. */
function flushUnanswered(context: readonly Unit[], warnings: NoteWarning[]): void {
  const bullet = context.find((u) => u.kind === 'bullet');
  if (!bullet) return;
  warnings.push({
    line: bullet.start + 1,
    ruleId: 'no-model-answer',
    reason: 'These critique notes have no quoted model answer, so no card was made from them.',
  });
}

/** Non-blank lines grouped into units; a quoted model answer may wrap over several lines. */
function toUnits(lines: readonly string[]): Unit[] {
  const fenced = fencedLines(lines);
  const units: Unit[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (!fenced[i] && OPEN_QUOTE.test(line)) {
      const end = quoteEnd(lines, fenced, i);
      if (end >= 0) {
        const inner = lines.slice(i, end + 1).join('\n').trim();
        units.push({ kind: 'quote', start: i, end, text: inner.replace(/^["“]/, '').replace(/["”]$/, '').trim() });
        i = end;
        continue;
      }
    }
    const last = units.at(-1);
    // A bullet the page wrapped ("- The formula:" / "Attention(Q,K,V) = …") goes on below it.
    if (last?.kind === 'bullet' && last.end === i - 1 && !BULLET.test(line) && !/[.!?"”)]$/.test(last.text)) {
      last.text += `\n${line.trim()}`;
      last.end = i;
      continue;
    }
    const kind: UnitKind = fenced[i] ? 'para' : BULLET.test(line) ? 'bullet' : isTitleLike(line) ? 'title' : 'para';
    units.push({ kind, start: i, end: i, text: line.trim() });
  }
  return units;
}

/**
 * Last line of a quoted model answer opening at `start`, or -1 when the quote is not one:
 * a model answer is a whole paragraph of a dozen words or more that ends a sentence inside its
 * closing quote, so `"Pretty good," "pretty familiar," and …` is not one.
 */
function quoteEnd(lines: readonly string[], fenced: readonly boolean[], start: number): number {
  for (let end = start; end < lines.length && end < start + MAX_QUOTE_LINES; end++) {
    const line = lines[end]!;
    if (line.trim() === '' || fenced[end] || (end > start && BULLET.test(line))) return -1;
    if (!CLOSE_QUOTE.test(line) || (end === start && line.trim().length < 2)) continue;
    const inner = lines.slice(start, end + 1).join(' ').trim().slice(1, -1).trim();
    if (wordCount(inner) >= 12 && /[.!?…)]$/.test(inner)) return end;
  }
  return -1;
}

function isTitleLike(line: string): boolean {
  const text = line.trim();
  if (text.length < 2 || text.length > 80 || wordCount(text) > 8) return false;
  if (/[.:;,!?]$/.test(text) || /^[-*+•>|$`#"“]/.test(text)) return false;
  return /^[\p{Lu}\p{N}]/u.test(text);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
