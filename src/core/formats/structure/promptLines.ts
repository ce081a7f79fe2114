// The lines of a note that could open a card, each with the shape of its prompt: a paragraph
// that opens with bold text, a numbered or bulleted item, a labelled line (`Q:`, `Question 3.`,
// `问：`, or a label the note repeats), or a plain line that asks. One linear scan, outside code
// fences, tables, HTML and headings; which shape the note really uses is decided later
// (findStructure.ts), from how often and how regularly each one repeats.
import { matchAnswerLabel, matchQuestionLabel } from '../inlineCardSyntax.ts';
import { classifyHeading, matchNumbering, questionLabelLength } from '../markdown/questionHeading.ts';

export type PromptShape = 'bold' | 'numbered' | 'bullet' | 'label' | 'question-line';

export interface PromptLine {
  /** 0-based line index. */
  index: number;
  shape: PromptShape;
  /** The question as a card front asks it: no marker, label, numbering or wrapping bold. */
  front: string;
  /** The number the note gave the question, if any. */
  number?: string;
  /** 1: asks outright (`?`, a question label); 0.8: a prompt (`Explain…`, `A vs B`); 0: neither. */
  asks: number;
  /** `**Q:** What…? **A:** It…` or `**What is X?** It is…`: the answer begun on the same line. */
  inlineAnswer?: string;
  /** Column where a list item's content starts: its continuation lines are dedented by it. */
  contentIndent: number;
  /** Leading spaces before the line's marker. */
  indent: number;
  /** Marked a flashcard by its writer (`#card`, `#flashcard`): a card whatever the rest says. */
  tagged?: boolean;
  /** A line that is bold from end to end (`**Precision-recall trade-off**`). */
  wholeBold?: boolean;
}

/** A line that starts with an answer label: the label's length, else 0. */
export function answerLabelLength(line: string): number {
  return matchAnswerLabel(line)?.length ?? LOOSE_ANSWER_LABEL.exec(line)?.[0].length ?? 0;
}

/** `Ans)`, `Answer -`, `- A:`: answer labels written with other marks, or as a list item. */
const LOOSE_ANSWER_LABEL =
  /^(?:[-*+][ \t]+)?(?:\*\*|__)?[ \t]*(?:(?:ans|answer|antwort|respuesta|resposta|réponse|ответ|答案?)[ \t]*\d{0,3}[ \t]*[.)\-–:：]|a[ \t]*\d{0,3}[ \t]*[:：])[ \t]*(?:\*\*|__)?[ \t]*/iu;

const ORDERED_ITEM = /^( {0,3})(\d{1,4})([.)])[ \t]+(\S.*)$/;
const BULLET_ITEM = /^( {0,3})([-*+•])[ \t]+(\S.*)$/;
/** Bold at the start of a line, closed on it: `**text**rest` / `__text__rest`. */
const BOLD_OPENING = /^(\*\*|__)(?=\S)(.+?)(?<=\S)\1(.*)$/;
/** `[Must know]`, `(easy)`, `⭐`: tags people put before a question. */
const LEADING_TAGS = /^(?:(?:\[[^\]\n]{1,24}\]|【[^】\n]{1,24}】|\((?:easy|medium|hard|basic|advanced)\))[ \t]*)+/iu;
/** Inline answer label after a question on one line: `… ? **A:** …`, `…? Answer: …`, `？答：…`. */
const INLINE_ANSWER = /([?？.。!！)])[ \t]+((?:\*\*|__)?[ \t]*(?:A|Ans|Answer|Antwort|Respuesta|Resposta|Réponse|Ответ|答|答案|回答)[ \t]*\d{0,3}[ \t]*(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?[ \t]*)/iu;

/** How a text asks: 1 explicit, 0.8 prompt-like, 0 not. */
export function howItAsks(text: string): number {
  const asked = classifyHeading(text.replace(/[*_`]/g, ''));
  if (asked.explicit) return 1;
  return asked.promptLike ? 0.8 : 0;
}

/** Removes a bold pair wrapping the whole text (`**What is X?**` -> `What is X?`). */
function unwrapBold(text: string): string {
  const match = /^(\*\*|__)(?=\S)([\s\S]+?)(?<=\S)\1$/.exec(text.trim());
  return match && !match[2]!.includes(match[1]!) ? match[2]!.trim() : text.trim();
}

/** `3. What…` -> number 3 and `What…`. */
function splitNumbering(text: string): { number?: string; rest: string } {
  const numbering = matchNumbering(text);
  if (!numbering || numbering.length >= text.length) return { rest: text };
  return { number: numbering.number, rest: text.slice(numbering.length) };
}

/**
 * A question and an answer begun on the same line: `What is X? **A:** Y` (an answer label after
 * the question's end), or `**What is X?** Y` (bold question, plain answer).
 */
function splitInlineAnswer(text: string): { question: string; answer?: string } {
  const match = INLINE_ANSWER.exec(text);
  if (!match) return { question: text };
  const labelStart = match.index + match[1]!.length;
  const question = text.slice(0, labelStart).trim();
  const answer = text.slice(labelStart).replace(match[2]!.trimStart(), '').trim();
  return answer === '' ? { question } : { question, answer };
}

/** `**Q.** What…`: the length of a bold pair that holds exactly a dotted question label, with the spaces after it. */
function boldLabelLength(content: string): number {
  const bold = /^(\*\*|__)([^*_\n]{1,20}?)\1([ \t]+)(?=\S)/.exec(content);
  if (!bold) return 0;
  const label = bold[2]!.trimEnd();
  return questionLabelLength(`${label} `) >= label.length ? bold[0].length : 0;
}

/** A labelled prompt (`Q3. What…`, `**Question:** What…`) read from `content`; undefined when it has no question label. */
function labelledPrompt(content: string): { front: string; number?: string; inlineAnswer?: string } | undefined {
  // `Q. What…` / `Q - What…`: a label with a dot or dash and no number (the heading rule), also
  // when bold wraps the label alone (`**Q.** What…`).
  const dotted = /^(\*\*|__)/.test(content) ? boldLabelLength(content) : questionLabelLength(content);
  const label = matchQuestionLabel(content) ?? (dotted > 0 ? { length: dotted, boldRunsToEnd: false } : undefined);
  if (!label) return undefined;
  const number = /\d{1,4}/.exec(content.slice(0, label.length))?.[0];
  let rest = content.slice(label.length);
  if (label.boldRunsToEnd) rest = rest.replace(/(\*\*|__)[ \t]*$/, '');
  // `**Q3. What…?** **A:** …` / `**Q:** What…? A: …`
  const { question, answer } = splitInlineAnswer(rest);
  const front = unwrapBold(question.replace(/^(\*\*|__)(?=\S)/, '').replace(/(?<=\S)(\*\*|__)$/, ''));
  const inner = splitNumbering(front);
  if (inner.rest.trim() === '') return undefined;
  const labelled: { front: string; number?: string; inlineAnswer?: string } = { front: inner.rest.trim() };
  if ((number ?? inner.number) !== undefined) labelled.number = (number ?? inner.number)!;
  if (answer) labelled.inlineAnswer = answer;
  return labelled;
}

/** `#card`, `#flashcard`: the tags outliners and plugins mark a flashcard with, not question text. */
const FLASHCARD_TAG = /[ \t]*#(?:card|cards|flashcards?|anki|srs)(?![\p{L}\p{N}_-])/giu;

/** A line's prompt before its place is known: how it asks, and whether a label or bold opened it. */
type PromptRead = Omit<PromptLine, 'index' | 'shape' | 'contentIndent' | 'indent'> & { labelled: boolean; bold: boolean };

/** What `content` (a paragraph line or a list item's text) offers as a prompt. */
function promptOf(content: string, inList = false, plainWanted = true): PromptRead | undefined {
  // `- # Question #card` (outliners put a heading inside a block): the marks are not question text.
  const untaggedContent = content.includes('#') ? content.replace(FLASHCARD_TAG, '') : content;
  const flashcard = untaggedContent !== content;
  const stripped = untaggedContent.replace(LEADING_TAGS, '').trim();
  const untagged = inList ? stripped.replace(/^#{1,6}[ \t]+(?=\S)/, '') : stripped;
  const prompt = promptFrom(untagged, inList, plainWanted);
  if (!prompt) return undefined;
  return flashcard ? { ...prompt, asks: 1, tagged: true } : prompt;
}

/** `- O que é X? É uma…`: a list item that asks and answers in one line. */
function splitAskedItem(text: string): { question: string; answer?: string } {
  const match = /^([^?？\n]{3,200}?[?？])[ \t]+(?=\S)(.{2,})$/u.exec(text);
  if (!match || /[?？]$/u.test(match[2]!.trim()) || match[2]!.trim().split(/\s+/).length < 2) return { question: text };
  return { question: match[1]!.trim(), answer: match[2]!.trim() };
}

/** `plainWanted` false: a plain line (no label, no bold) is of no use to the caller, so it is not read. */
function promptFrom(untagged: string, inList: boolean, plainWanted = true): PromptRead | undefined {
  const labelled = labelledPrompt(untagged);
  if (labelled) {
    const read: PromptRead = { front: labelled.front, asks: 1, labelled: true, bold: /^(\*\*|__)/.test(untagged) };
    if (labelled.number !== undefined) read.number = labelled.number;
    if (labelled.inlineAnswer !== undefined) read.inlineAnswer = labelled.inlineAnswer;
    return read;
  }
  const bold = BOLD_OPENING.exec(untagged);
  if (bold) {
    const inside = bold[2]!.trim();
    const after = bold[3]!.trim();
    // `**Note:** …`, `**Time complexity:** O(n)`: a label inside an answer, not a question.
    if (/[:：]$/.test(inside) && howItAsks(inside.slice(0, -1)) === 0) return undefined;
    if (answerLabelLength(untagged) > 0) return undefined;
    // `**1)** The number of active ads.`: the bold is only the number.
    const onlyNumber = /^(?:q|no\.?|#)?[ \t]*(\d{1,4})[ \t]*[.):：]?$/iu.exec(inside);
    if (onlyNumber) {
      if (after === '') return undefined;
      return { front: after, number: onlyNumber[1]!, asks: howItAsks(after), labelled: false, bold: true };
    }
    const numbered = splitNumbering(inside);
    const front = numbered.rest.trim();
    const asks = howItAsks(front);
    const base = { front, ...(numbered.number !== undefined ? { number: numbered.number } : {}), asks, labelled: false, bold: true };
    if (after === '') return { ...base, wholeBold: true };
    // `**3) FizzBuzz.** Print the numbers…`: a numbered title, then the task it sets.
    if (numbered.number !== undefined && asks < 1) {
      const whole = `**${front}**${/^[.,:;!?]/.test(after) ? '' : ' '}${after}`;
      return { ...base, front: whole, asks: Math.max(asks, howItAsks(after)) };
    }
    // `**What is X?** It is…`: the answer begins on the question's line.
    if (asks === 1) return { ...base, inlineAnswer: after.replace(/^[:：—–-][ \t]*/, '') };
    return undefined;
  }
  if (!plainWanted) return undefined;
  const numbered = splitNumbering(untagged);
  const { question, answer } = inList ? splitAskedItem(numbered.rest.trim()) : { question: numbered.rest.trim() };
  // Fields set one by one: every line of a note comes here, and spreads cost per line.
  const read: PromptRead = { front: question, asks: howItAsks(question), labelled: false, bold: false };
  if (numbered.number !== undefined) read.number = numbered.number;
  if (answer !== undefined) read.inlineAnswer = answer;
  return read;
}

/** What one line offers, whatever range it is read in: a prompt (a `question-line` one only counts after a blank line), or nothing. */
interface LinePrompt {
  prompt: PromptLine;
  /** A plain line that asks: a prompt only when the line before it is blank (or it starts the range). */
  afterBlankOnly: boolean;
}

/**
 * Each line's prompt, kept per lines array: detection and the parse read the same note's lines
 * (scanNoteStructure gives both one array), and each stretch of the parse reads a part of them.
 * `null`: the line offers no prompt; a hole: not read yet. Prompt lines are never changed.
 */
const linePrompts = new WeakMap<readonly string[], { skip: readonly boolean[]; prompts: Array<LinePrompt | null> }>();

function promptsOfLines(lines: readonly string[], skip: readonly boolean[]): Array<LinePrompt | null> {
  const known = linePrompts.get(lines);
  if (known && known.skip === skip) return known.prompts;
  const prompts = new Array<LinePrompt | null>(lines.length);
  linePrompts.set(lines, { skip, prompts });
  return prompts;
}

/** The prompt of line `index`, read from the line alone (its range only decides whether a blank line comes before it). */
function linePrompt(line: string, index: number): LinePrompt | null {
  const trimmed = line.trim();
  if (trimmed === '' || /^[|<>#]/.test(trimmed) || /^ {4,}|^\t/.test(line)) return null;
  const ordered = ORDERED_ITEM.exec(line);
  const bullet = ordered ? undefined : BULLET_ITEM.exec(line);
  if (ordered || bullet) {
    const indent = (ordered ?? bullet)![1]!.length;
    const content = ordered ? ordered[4]! : bullet![3]!;
    const contentIndent = line.length - content.length;
    const prompt = promptOf(content, true);
    if (!prompt || prompt.front === '') return null;
    const shape: PromptShape = prompt.labelled ? 'label' : ordered ? 'numbered' : 'bullet';
    const number = ordered && shape === 'numbered' ? ordered[2]! : prompt.number;
    return { prompt: promptLineOf(prompt, index, shape, contentIndent, indent, number), afterBlankOnly: false };
  }
  if (/^[-*_=~`$]/.test(trimmed) && !/^(\*\*|__)/.test(trimmed)) return null;
  const indent = line.length - line.trimStart().length;
  // A plain line is a prompt only when it ends asking: most lines do not, and are not read further.
  const endsAsking = trimmed.length <= 300 && /[?？؟]$|[吗呢か]$/u.test(trimmed.replace(/[*_"”」』)]+$/u, ''));
  const prompt = promptOf(trimmed, false, endsAsking);
  if (!prompt || prompt.front === '') return null;
  if (prompt.labelled) return { prompt: promptLineOf(prompt, index, 'label', 0, indent, prompt.number), afterBlankOnly: false };
  if (prompt.bold) return { prompt: promptLineOf(prompt, index, 'bold', 0, indent, prompt.number), afterBlankOnly: false };
  if (endsAsking && prompt.asks === 1 && !prompt.inlineAnswer) {
    return { prompt: promptLineOf(prompt, index, 'question-line', 0, indent, prompt.number), afterBlankOnly: true };
  }
  return null;
}

/** The prompt line of a read, its optional fields set only when present. */
function promptLineOf(read: PromptRead, index: number, shape: PromptShape, contentIndent: number, indent: number, number: string | undefined): PromptLine {
  const line: PromptLine = { front: read.front, asks: read.asks, index, shape, contentIndent, indent };
  if (number !== undefined) line.number = number;
  if (read.inlineAnswer !== undefined) line.inlineAnswer = read.inlineAnswer;
  if (read.tagged !== undefined) line.tagged = read.tagged;
  if (read.wholeBold !== undefined) line.wholeBold = read.wholeBold;
  return line;
}

/**
 * Whether a plain line that asks, indented `indent`, can open a card after `before`: after a blank
 * line, or after a line indented deeper than it (an outline: each question at the margin, its
 * answer indented beneath it, with no blank line between one card and the next).
 */
function opensAfter(before: string, indent: number): boolean {
  const trimmed = before.trimStart();
  if (trimmed === '') return true;
  const beforeIndent = before.length - trimmed.length + (/^\t/.test(before) ? 3 : 0);
  return beforeIndent >= indent + 2;
}

/**
 * Every line in [from, to) that could open a card. `skip[i]` marks lines that never can
 * (inside code fences). Linear; a line read once for a lines array is not read again.
 */
export function findPromptLines(lines: readonly string[], skip: readonly boolean[], from: number, to: number): PromptLine[] {
  const known = promptsOfLines(lines, skip);
  const prompts: PromptLine[] = [];
  let inHtmlComment = false;
  for (let index = from; index < to; index++) {
    const line = lines[index]!;
    if (skip[index]) continue;
    if (inHtmlComment) {
      if (line.includes('-->')) inHtmlComment = false;
      continue;
    }
    const open = line.lastIndexOf('<!--');
    if (open >= 0 && line.indexOf('-->', open) < 0) inHtmlComment = true;
    let found = known[index];
    if (found === undefined) found = known[index] = linePrompt(line, index);
    if (!found) continue;
    if (found.afterBlankOnly && !(index === from || opensAfter(lines[index - 1]!, found.prompt.indent))) continue;
    prompts.push(found.prompt);
  }
  return prompts;
}
