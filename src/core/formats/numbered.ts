// Numbered questions under plain-line section titles, the shape text takes when it is copied
// out of a PDF: no markdown headings, `1. Question?` lines, answers as plain paragraphs.
//
// Which numbered lines are questions is decided in three passes: a line scan (fences, numbered
// lines, how question-like each one reads), a choice of the best numbering chain (a question
// continues the previous number or restarts at 1 after a section title), then cutting answers.
import { fencedLines, splitLines } from '../text/codeFences.ts';
import type { NoteWarning } from '../deck/types.ts';
import type { NoteFormat, ParseResult, RawCard } from './types.ts';
import { removeCommonIndent } from '../text/commonIndent.ts';

const NUMBERED = /^ {0,3}(\d{1,3})[.)][ \t]+(\S.*)$/;
const HEADING = /^ {0,3}#{1,6}[ \t]+\S/;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s/;
const MAX_SKIPPED_NUMBERS = 3;
const UNTITLED_RESTART_COST = 1.5;

/** First words of a question or an exam-style prompt. */
const INTERROGATIVES = new Set(
  'what how why when where which who whom whose is are was were do does did can could would should will have has'.split(' '),
);
const PROMPT_VERBS = new Set(
  ('explain describe design implement tell write compare contrast define discuss share give list name outline walk ' +
    'demonstrate provide show summarize summarise derive prove calculate compute propose suggest identify illustrate ' +
    'elaborate analyze analyse differentiate distinguish justify sketch solve estimate debug build create develop ' +
    'evaluate assess state')
    .split(' '),
);
/** A line that stops on one of these words was cut by the page, not finished. */
const DANGLING = new Set(
  'the a an of to and or in on for with between from by as at that which your their its is are vs about into than'.split(' '),
);

interface Candidate {
  /** Line index of the numbered line. */
  start: number;
  /** Last line index of the question, after joining a wrapped question. */
  end: number;
  number: number;
  text: string;
  /** How question-like the line reads; 0 = not a question. */
  score: number;
}

interface Title {
  index: number;
  hasDescription: boolean;
}

/** Numbered questions under plain section titles (text extracted from a PDF). */
export const numberedFormat: NoteFormat = {
  name: 'numbered',
  label: 'numbered questions under plain section titles',
  example: '1. What is a hash map?\nA table that maps keys to values through a hash function.',
  detect: detectNumbered,
  parse: parseNumbered,
};

function detectNumbered(text: string): number {
  const lines = splitLines(text);
  const fenced = fencedLines(lines);
  let headings = 0;
  let numbered = 0;
  let questions = 0;
  let titledStarts = 0;
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i]) continue;
    const line = lines[i]!;
    if (HEADING.test(line)) headings++;
    const match = NUMBERED.exec(line);
    if (!match) continue;
    numbered++;
    const next = nextNonBlank(lines, i + 1);
    // A question is followed by its answer, not straight by another numbered line.
    const answered = next >= 0 && (fenced[next] || !NUMBERED.test(lines[next]!));
    if (questionScore(match[2]!) > 0 && answered) {
      questions++;
      if (match[1] === '1' && titleBefore(lines, fenced, i)) titledStarts++;
    }
  }
  // Markdown headings mean a markdown note, whatever its numbered lists look like.
  if (headings >= 2 || questions < 3) return Math.min(0.1, questions * 0.03);
  let confidence = 0.5;
  if (titledStarts > 0) confidence += 0.2;
  if (questions >= 6) confidence += 0.15;
  if (questions / numbered >= 0.8) confidence += 0.1;
  return Math.min(confidence, 0.95);
}

function parseNumbered(text: string): ParseResult {
  const cards: RawCard[] = [];
  const warnings: NoteWarning[] = [];
  const lines = splitLines(text);
  const fenced = fencedLines(lines);
  const candidates = findCandidates(lines, fenced);
  const chosen = chooseQuestions(lines, fenced, candidates);

  // Where each question's block begins: its section title when it opens a section.
  const titles = chosen.map((q) => q.title);
  let section: string[] = [];
  chosen.forEach(({ candidate: q, title }, k) => {
    if (title) section = [lines[title.index]!.trim()];
    const nextQ = chosen[k + 1];
    const stop = nextQ ? (titles[k + 1]?.index ?? nextQ.candidate.start) : lines.length;
    const back = removeCommonIndent(trimBlankLines(lines.slice(q.end + 1, stop))).join('\n');
    const front = tidyFront(q.text);
    if (back.trim() === '') {
      warnings.push({ line: q.start + 1, ruleId: 'no-answer', reason: `Question ${q.number} has no answer: "${front}"` });
      return;
    }
    cards.push({ front, back, line: q.start + 1, ...(section.length > 0 ? { section: [...section] } : {}) });
  });
  return { cards, warnings };
}

/** Numbered lines outside code, with wrapped questions joined and a question-likeness score. */
function findCandidates(lines: readonly string[], fenced: readonly boolean[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i]) continue;
    const match = NUMBERED.exec(lines[i]!);
    if (!match) continue;
    const number = Number(match[1]);
    const { text, end } = joinWrapped(lines, fenced, i, match[2]!);
    let score = questionScore(text);
    // Consecutive numbered lines with nothing between them are a list (steps), unless each asks.
    if (score > 0 && !endsWithQuestionMark(text) && inTightList(lines, fenced, end, number)) score = 0;
    candidates.push({ start: i, end, number, text, score });
  }
  return candidates;
}

interface Chosen {
  candidate: Candidate;
  title: Title | undefined;
}

/**
 * The best chain of questions: each continues the previous number or restarts at 1 after a
 * section title. Scores favour lines phrased as questions, so numbered steps inside an answer
 * lose to the real questions around them (a restart that breaks the outer chain costs it).
 */
function chooseQuestions(lines: readonly string[], fenced: readonly boolean[], candidates: readonly Candidate[]): Chosen[] {
  const n = candidates.length;
  const total = new Array<number>(n).fill(-Infinity);
  const previous = new Array<number>(n).fill(-1);
  const titles = new Array<Title | undefined>(n);
  const bestByNumber = new Map<number, number>(); // number -> candidate index with the best total
  let bestSoFar = -1;
  for (let j = 0; j < n; j++) {
    const c = candidates[j]!;
    if (c.score <= 0) continue;
    // Only a chain start or a restart can open a section; a title-like last line of an answer
    // before a continued number stays in that answer.
    const title = c.number === 1 || bestSoFar < 0 ? titleBefore(lines, fenced, c.start) : undefined;
    let value = c.score - (c.number === 1 ? 0 : 0.5);
    let from = -1;
    let continues = false;
    // Continue the previous number; a few skipped numbers (a page lost in the export) cost a little.
    for (let skipped = 0; skipped <= MAX_SKIPPED_NUMBERS; skipped++) {
      const k = bestByNumber.get(c.number - 1 - skipped);
      if (k !== undefined && total[k]! + c.score - skipped > value) {
        value = total[k]! + c.score - skipped;
        from = k;
        continues = true;
      }
    }
    // A restart at 1 normally sits under a section title. Without one (a title this scan cannot
    // recognise) it still counts, at a cost, so a whole section is not lost. A title straight
    // after a question would leave that question unanswered: more likely a sub-heading.
    const restartAllowed = c.number === 1;
    const restartCost = !title
      ? UNTITLED_RESTART_COST
      : bestSoFar >= 0 && !hasContent(lines, candidates[bestSoFar]!.end + 1, title.index)
        ? 2
        : 0;
    if (restartAllowed && bestSoFar >= 0 && total[bestSoFar]! + c.score - restartCost > value) {
      value = total[bestSoFar]! + c.score - restartCost;
      from = bestSoFar;
      continues = false;
    }
    total[j] = value;
    previous[j] = from;
    titles[j] = continues ? undefined : title;
    const known = bestByNumber.get(c.number);
    if (known === undefined || total[known]! < value) bestByNumber.set(c.number, j);
    if (bestSoFar < 0 || total[bestSoFar]! < value) bestSoFar = j;
  }
  const chain: Chosen[] = [];
  for (let j = bestSoFar; j >= 0; j = previous[j]!) chain.push({ candidate: candidates[j]!, title: titles[j] });
  return chain.reverse();
}

/** A question cut by the page onto the next line (even after one blank line) is joined. */
function joinWrapped(lines: readonly string[], fenced: readonly boolean[], start: number, first: string) {
  let text = first.trim();
  let end = start;
  for (let step = 0; step < 2; step++) {
    if (/[.?!？。:;]["'”’)*_]*$/.test(text)) break;
    const next = nextNonBlank(lines, end + 1);
    if (next < 0 || next > end + 2 || fenced[next] || LIST_ITEM.test(lines[next]!)) break;
    const line = lines[next]!.trim();
    const lastWord = (text.split(/\s+/).pop() ?? '').replace(/[^\p{L}']/gu, '').toLowerCase();
    const hyphenCut = /\p{L}-$/u.test(text);
    const wraps =
      hyphenCut ||
      /^\p{Ll}/u.test(line) ||
      DANGLING.has(lastWord) ||
      (next === end + 1 && endsWithQuestionMark(line) && line.length < 120);
    if (!wraps) break;
    text = hyphenCut ? text + line : `${text} ${line}`;
    end = next;
  }
  return { text, end };
}

/** 3: ends with a question mark; 2.5: asks somewhere; 2: opens like a question; 1.5: a prompt verb. */
export function questionScore(text: string): number {
  if (endsWithQuestionMark(text)) return 3;
  if (/[?？]/.test(text)) return 2.5;
  const first = (/^[*_"“'(\[]*([\p{L}']+)/u.exec(text.trim())?.[1] ?? '').toLowerCase();
  if (INTERROGATIVES.has(first)) return 2;
  if (PROMPT_VERBS.has(first)) return 1.5;
  return 0;
}

function endsWithQuestionMark(text: string): boolean {
  return /[?？]["'”’)*_\s]*$/.test(text);
}

/** A numbered line followed straight by the next number has no answer: a list item (a step). */
function inTightList(lines: readonly string[], fenced: readonly boolean[], end: number, number: number): boolean {
  const next = nextNonBlank(lines, end + 1);
  const after = next >= 0 && !fenced[next] ? NUMBERED.exec(lines[next]!) : null;
  return after !== null && Number(after[1]) === number + 1;
}

/**
 * The section title above a question: a short plain line, then at most a short description
 * paragraph, then the question. Undefined when the lines above are something else.
 */
function titleBefore(lines: readonly string[], fenced: readonly boolean[], index: number): Title | undefined {
  let described = 0;
  for (let i = index - 1; i >= 0 && i >= index - 12; i--) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (fenced[i] || LIST_ITEM.test(line) || HEADING.test(line)) return undefined;
    if (isTitleLike(line)) return { index: i, hasDescription: described > 0 };
    if (++described > 4 || line.trim().split(/\s+/).length < 4) return undefined;
  }
  return undefined;
}

function isTitleLike(line: string): boolean {
  const text = line.trim();
  if (text.length < 2 || text.length > 80 || text.split(/\s+/).length > 10) return false;
  if (/[.:;,!?？]$/.test(text)) return false;
  if (/^[-*+•>|$`#"“'\\]/.test(text) || /^\p{Ll}/u.test(text)) return false;
  if (/[=<>{}]|\(\)/.test(text)) return false; // code or formulas, not titles
  return /\p{L}/u.test(text);
}

/** The question without its number, on one line; a PDF's space before the final mark goes. */
/** One line, no space before the closing mark, and no markdown wrapped around the whole question (`### …`, `**…**`). */
function tidyFront(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/\s+([.?!？:])$/, '$1').trim().replace(/^#{1,6}[ \t]+/, '');
  const bold = /^(\*\*|__)(?=\S)(.+?)(?<=\S)\1$/.exec(flat);
  return bold && !bold[2]!.includes(bold[1]!) ? bold[2]!.trim() : flat;
}

function trimBlankLines(block: string[]): string[] {
  let from = 0;
  let to = block.length;
  while (from < to && block[from]!.trim() === '') from++;
  while (to > from && block[to - 1]!.trim() === '') to--;
  return block.slice(from, to);
}

function hasContent(lines: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (lines[i]!.trim() !== '') return true;
  return false;
}

function nextNonBlank(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (lines[i]!.trim() !== '') return i;
  return -1;
}

function previousNonBlank(lines: readonly string[], from: number): number {
  for (let i = from; i >= 0; i--) if (lines[i]!.trim() !== '') return i;
  return -1;
}
