// Cutting a stretch of a note into cards at a chosen set of prompt lines: each prompt's answer
// is the source from its line to the next prompt, kept as written, ended early by a horizontal
// rule or by a run of prompts that have no answers. Also used on heading answers
// (`endAtUnansweredRun`), so a back never swallows a list of questions nobody answered.
import type { NoteWarning } from '../../deck/types.ts';
import type { RawCard } from '../types.ts';
import { removeCommonIndent } from '../../text/commonIndent.ts';
import { answerLabelLength, howItAsks, type PromptLine } from './promptLines.ts';

const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** Fewest prompts in a row, with nothing answered between them, that end an answer. */
export const UNANSWERED_RUN = 4;

export interface CutInput {
  lines: readonly string[];
  fenced: readonly boolean[];
}

export interface CutCards {
  cards: RawCard[];
  warnings: NoteWarning[];
}

/** A question as a warning quotes it: at most 80 characters. */
export function quoteQuestion(question: string): string {
  const flat = question.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
}

function noAnswer(line: number, front: string): NoteWarning {
  return { line, ruleId: 'no-answer', reason: `“${quoteQuestion(front)}” has no answer under it, so no card was made.` };
}

/** Removes up to `width` columns of leading white space from each line (a list item's continuation); a tab is one level. */
function dedent(lines: string[], width: number): string[] {
  if (width <= 0) return lines;
  return lines.map((line) => {
    if (line.charCodeAt(0) === 0x09) return line.slice(1); // outliners (Logseq) nest with tabs
    let i = 0;
    while (i < width && i < line.length && line.charCodeAt(i) === 0x20) i++;
    return line.slice(i);
  });
}

/** `A. …` / `A) …` / `- A. …` after a `Q. …` prompt: the answer's label (only there: elsewhere `A.` starts a sentence). */
const LETTER_ANSWER_LABEL = /^(?:[-*+][ \t]+)?(?:\*\*|__)?A[ \t]*[.)](?:\*\*|__)?[ \t]+/;
/** `=> …`, `→ …`, `-> …` opening the answer after a labelled question: the writer's answer mark. */
const ARROW_ANSWER_MARK = /^(?:=>|->|→|⇒|➜|➔)[ \t]+/u;

/** A line that asks and is not an answer: a bullet, number or label followed by a question. */
function isBarePrompt(line: string): boolean {
  const text = line
    .trim()
    .replace(/^(?:[-*+•]|\d{1,4}[.)])[ \t]+/, '')
    .trim();
  if (text === '' || text.length > 300) return false;
  if (!/^(?:q(?:uestion)?[ \t]*\d{0,4}[ \t]*[.:：)\-]|\*\*)/iu.test(text) && !/[?？]\**$/u.test(text)) return false;
  return howItAsks(text) === 1;
}

/**
 * The answer lines up to a run of `UNANSWERED_RUN` or more bare prompts (blank lines between them
 * allowed, nothing else); each prompt of the run is reported. Lines inside code are never prompts.
 */
export function endAtUnansweredRun(
  lines: readonly string[],
  fenced: readonly boolean[],
  from: number,
  to: number,
): { end: number; unanswered: Array<{ index: number; text: string }> } {
  let runStart = -1;
  let run: Array<{ index: number; text: string }> = [];
  let answered = false;
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (line.trim() === '' && !fenced[i]) continue;
    if (!fenced[i] && isBarePrompt(line)) {
      if (run.length === 0) runStart = i;
      run.push({ index: i, text: line.trim() });
      continue;
    }
    if (run.length >= UNANSWERED_RUN && answered) return { end: runStart, unanswered: run };
    run = [];
    answered = true;
  }
  if (run.length >= UNANSWERED_RUN && answered) return { end: runStart, unanswered: run };
  return { end: to, unanswered: [] };
}

/** Fewest link-only lines in a row that end an answer: a reading list, not the answer. */
export const LINK_RUN = 5;

/** A line that is only a link (or a bare URL), as an item or not: `- [Title](https://…)`. */
const LINK_ONLY = /^[ \t]*(?:[-*+•]|\d{1,4}[.)])?[ \t]*(?:\[[^\]\n]*\]\([^)\s]+(?:[ \t]+"[^"]*")?\)|<?https?:\/\/\S+>?)[ \t]*[.,;]?[ \t]*$/u;
const TITLE_LINE = /^ {0,3}(?:#{1,6}[ \t]+\S.*|(?:\*\*|__)?[^\n]{1,40}[:：](?:\*\*|__)?)[ \t]*$/u;

/**
 * Where a run of `LINK_RUN` or more link-only lines (with the title line just above it, such as
 * `### Resources` or `Links:`) ends an answer that has text before it; `to` when there is none.
 */
export function endAtLinkRun(lines: readonly string[], fenced: readonly boolean[], from: number, to: number): { end: number; links: number } {
  let answered = false;
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (fenced[i] || !LINK_ONLY.test(line)) {
      answered = true;
      continue;
    }
    let links = 0;
    let k = i;
    while (k < to && (lines[k]!.trim() === '' || (!fenced[k] && LINK_ONLY.test(lines[k]!)))) {
      if (lines[k]!.trim() !== '') links++;
      k++;
    }
    if (links >= LINK_RUN && answered) {
      // Take the run's title (`### Resources`) with it, when it sits right above.
      let start = i;
      let above = i - 1;
      while (above >= from && lines[above]!.trim() === '') above--;
      if (above >= from && !fenced[above] && TITLE_LINE.test(lines[above]!)) start = above;
      if (start > from) return { end: start, links };
    }
    answered = true;
    i = k - 1;
  }
  return { end: to, links: 0 };
}

/** The `link-list` warning for a reading list cut from an answer. */
export function linkRunWarning(line: number, links: number, question: string): NoteWarning {
  return {
    line,
    ruleId: 'link-list',
    reason: `${links} links after the answer to “${quoteQuestion(question)}” are a reading list, not part of the answer; they are in no card.`,
  };
}

/** `unanswered-prompt` warnings for a run of prompts that ended an answer. */
export function unansweredWarnings(run: ReadonlyArray<{ index: number; text: string }>, question: string): NoteWarning[] {
  return run.map(({ index, text }) => ({
    line: index + 1,
    ruleId: 'unanswered-prompt',
    reason: `“${quoteQuestion(text)}” has no answer; with the prompts around it, it ends the answer to “${quoteQuestion(question)}”.`,
  }));
}

/**
 * Cards from the prompts (sorted, all inside [from, to)), each answered by the lines up to the
 * next prompt. Text before the first prompt is an introduction and makes no card.
 */
export function cutAtPrompts(input: CutInput, prompts: readonly PromptLine[], to: number, section: string[]): CutCards {
  const { lines, fenced } = input;
  const cards: RawCard[] = [];
  const warnings: NoteWarning[] = [];
  for (let p = 0; p < prompts.length; p++) {
    const prompt = prompts[p]!;
    const next = p + 1 < prompts.length ? prompts[p + 1]!.index : to;
    let end = next;
    // A rule ends the answer; text between it and the next prompt is reported.
    for (let i = prompt.index + 1; i < next; i++) {
      if (fenced[i] || !THEMATIC_BREAK.test(lines[i]!)) continue;
      end = i;
      const rest = lines.slice(i + 1, next).filter((line) => line.trim() !== '' && !THEMATIC_BREAK.test(line));
      if (rest.length > 0) {
        warnings.push({
          line: i + 1,
          ruleId: 'text-after-rule',
          reason: `The text after the horizontal rule under “${quoteQuestion(prompt.front)}” is in no card: a rule ends an answer.`,
        });
      }
      break;
    }
    const run = endAtUnansweredRun(lines, fenced, prompt.index + 1, end);
    if (run.unanswered.length > 0) {
      end = run.end;
      for (const warning of unansweredWarnings(run.unanswered, prompt.front)) warnings.push(warning);
    }
    const reading = endAtLinkRun(lines, fenced, prompt.index + 1, end);
    if (reading.links > 0) {
      warnings.push(linkRunWarning(reading.end + 1, reading.links, prompt.front));
      end = reading.end;
    }
    let body = dedent(lines.slice(prompt.index + 1, end), prompt.contentIndent);
    // Lines indented right under the prompt continue it (markdown lets no code block interrupt a
    // paragraph): an answer indented beneath its question, moved left as a whole.
    if (/^[ \t]+\S/.test(body[0] ?? '')) body = removeCommonIndent(body);
    if (prompt.inlineAnswer !== undefined) body.unshift(prompt.inlineAnswer);
    // `**A:** …` / `Answer: …` / `答：…` opening the answer is the note's label, not its text.
    const first = body.findIndex((line) => line.trim() !== '');
    if (first >= 0) {
      const trimmed = body[first]!.trimStart();
      const label =
        answerLabelLength(trimmed) ||
        (prompt.shape === 'label' ? (LETTER_ANSWER_LABEL.exec(trimmed) ?? ARROW_ANSWER_MARK.exec(trimmed))?.[0].length ?? 0 : 0);
      if (label > 0) body[first] = trimmed.slice(label);
    }
    const back = body.join('\n').trim();
    const line = prompt.index + 1;
    if (back === '') {
      warnings.push(noAnswer(line, prompt.front));
      continue;
    }
    const card: RawCard = { front: prompt.front, back, line, section };
    if (prompt.number !== undefined) card.number = prompt.number;
    cards.push(card);
  }
  return { cards, warnings };
}
