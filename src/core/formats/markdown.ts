// Markdown notes whose questions are headings: `#### Q: What is X?`, `## Explain Y`, at whatever
// level the writer used. A card's back is the markdown under its heading, kept as written, up to
// the next question, the next non-question heading of the same or a higher level, or a rule.
// Non-question headings that hold questions are the sections (tags); deeper ones inside an answer
// stay in it. Text outside every answer is read for inline card syntaxes (`Q:`/`A:`, `::`, …).
//
// Structure comes from a line scan (noteStructure.ts); remark reads the heading lines
// (headingText.ts) and the stretches between answers (inlineCards.ts). Backs are slices of the
// source, so no whole-file parse is made and an unclosed `$$` or fence cannot swallow headings.
import type { NoteWarning } from '../deck/types.ts';
import { setextToAtx } from '../text/setextHeadings.ts';
import { hasInlineCardLine, inlineCardDensity, inlineCardsFromMarkdown } from './inlineCards.ts';
import { readHeadingLines } from './markdown/headingText.ts';
import { scanNoteStructure, sliceLines, type HeadingLine, type NoteStructure } from './markdown/noteStructure.ts';
import {
  classifyHeading,
  frontFromHeadingMarkdown,
  type HeadingQuestion,
} from './markdown/questionHeading.ts';
import { endAtLinkRun, endAtUnansweredRun, linkRunWarning, unansweredWarnings } from './structure/cutAtPrompts.ts';
import { autoPromptCards } from './structure/findStructure.ts';
import { findPromptLines } from './structure/promptLines.ts';
import type { NoteFormat, ParseResult, RawCard } from './types.ts';

/** `<!--SR:!2024-01-01,3,250-->`, `<!--ID: 1699999-->`: scheduling and sync data tools leave. */
const TOOL_COMMENT = /[ \t]*<!--[ \t]*(?:SR|ID|anki|NoteID|Card)\b[\s\S]*?-->/gi;

/** Highest confidence inline syntaxes alone give: below the whole-file layouts' signatures. */
const INLINE_CEILING = 0.6;

const NOT_BLANK = /\S/;
/** A rule of `-`, `=`, `*` or `_` alone on a line. */
const UNDERLINE = /^ {0,3}([-=*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** A heading that is only the word "Answer" (or its kin, in the languages the labels know). */
const ANSWER_HEADING = /^ {0,3}#{1,6}[ \t]+(?:\*\*|__)?(?:answer|ans|solution|explanation|response|antwort|lösung|respuesta|solución|resposta|risposta|réponse|ответ|答案|回答|答え|解答)[ \t]*[:：.]?(?:\*\*|__)?[ \t]*[:：.]?[ \t]*#*[ \t]*$/iu;

/** Longest line taken as the rest of a question written under its heading. */
const MAX_QUESTION_CONTINUATION = 160;

/**
 * A heading that only says "question" (`### 题目`, `## Question 3`, `### Problem`, `#### Задача 2`):
 * the question is the paragraph written under it.
 */
const BARE_QUESTION_LABEL =
  /^(?:[\p{Extended_Pictographic}\s]*)(?:question|problem|task|exercise|题目|题|問題|问题|質問|문제|질문|задача|вопрос|frage|aufgabe|pregunta|problema|ejercicio|pergunta|exercício|question|exercice)(?:\s*(?:#|no\.?)?\s*\d{1,4})?[\s:：.]*(?:[\p{Extended_Pictographic}\s]*)$/iu;

interface HeadingInfo extends HeadingQuestion {
  mark: HeadingLine;
  /** The heading's markdown, as a front would show it. */
  markdown: string;
  /** The heading's words with the `Q:` label, as a section name shows it. */
  plain: string;
  /** Only says "question" (`### 题目`): the front is the first paragraph under it. */
  bareLabel?: boolean;
}

interface Section {
  level: number;
  title: string;
}

interface OpenAnswer {
  heading: HeadingInfo;
  section: string[];
}

interface Stretch {
  from: number;
  to: number;
  section: string[];
  /** The stretch follows a rule that ended this question's answer (1-based line of the rule). */
  afterRule?: { line: number; question: string };
}

/** The slice of lines [from, to) as an answer: tool comments out (not inside code), trimmed. */
function answerText(text: string, structure: NoteStructure, from: number, to: number): string {
  const slice = sliceLines(text, structure, from, to);
  if (!slice.includes('<!--')) return slice.trim();
  const kept: string[] = [];
  for (let i = from; i < to; i++) {
    const line = structure.lines[i]!;
    if (structure.fenced[i] || !line.includes('<!--')) {
      kept.push(line);
      continue;
    }
    const stripped = line.replace(TOOL_COMMENT, '');
    // A line that held only a tool comment goes with it.
    if (stripped.trim() !== '' || line.trim() === '') kept.push(stripped);
  }
  return kept.join('\n').trim();
}

/**
 * A line written right under a question heading that finishes the question (`Give an example if
 * possible.`): alone between the heading and a blank line, short, not a `Label:`, itself a
 * question or a prompt, and followed by an answer.
 */
function questionContinuation(structure: NoteStructure, headingIndex: number, stop: number): string | undefined {
  const index = headingIndex + 1;
  if (index >= stop || structure.fenced[index]) return undefined;
  const line = structure.lines[index]!.trim();
  const next = structure.lines[index + 1];
  if (line === '' || line.length > MAX_QUESTION_CONTINUATION) return undefined;
  if (index + 1 < stop && next !== undefined && next.trim() !== '') return undefined;
  if (/^[-*+>#|<`$!\[]|^\d+[.)]\s|^["“”]/u.test(line)) return undefined;
  if (/^[^\s:：]{1,24}[:：]/u.test(line) || /[:：]$/u.test(line)) return undefined;
  const asked = classifyHeading(line);
  if (!asked.explicit && !asked.promptLike) return undefined;
  // A line that finishes the question still needs an answer after it; the only line under the
  // heading is the answer, even when it starts like a question ("When reads need joins…").
  for (let i = index + 1; i < stop; i++) if (structure.lines[i]!.trim() !== '') return line;
  return undefined;
}

/** A front from the answer itself, for a `Q:` heading that only labels the start of a story. */
function inferredFront(label: string, back: string): string {
  const firstLine = back.split('\n').find((line) => line.trim() !== '' && line.trim() !== label) ?? '';
  const words = `${label} ${firstLine.trim()}`.replace(/\s+/g, ' ').trim();
  return words.length > 120 ? `${words.slice(0, 117).trimEnd()}…` : words;
}

/**
 * For each non-question heading, whether it names a group of questions (a section): a question
 * heading comes before the next non-question heading of the same or a higher level, and either
 * the heading is a bare title (nothing written under it) or its questions sit deeper than it.
 * `### Present yourself as…:` with a list under it, followed by `###` questions, is a note of its
 * own, not their section. Linear: one backward pass with a stack.
 */
function groupsQuestions(headings: readonly HeadingInfo[], isQuestion: readonly boolean[], hasBody: readonly boolean[]): boolean[] {
  const count = headings.length;
  const result = new Array<boolean>(count).fill(false);
  const nextQuestion = new Array<number>(count + 1).fill(count);
  for (let i = count - 1; i >= 0; i--) nextQuestion[i] = isQuestion[i + 1] ? i + 1 : nextQuestion[i + 1]!;
  // Scope end: the next non-question heading with a level <= this one's (monotonic stack).
  const stack: number[] = [];
  for (let i = count - 1; i >= 0; i--) {
    if (isQuestion[i]) continue;
    const level = headings[i]!.mark.level;
    while (stack.length > 0 && headings[stack[stack.length - 1]!]!.mark.level > level) stack.pop();
    const scopeEnd = stack.length > 0 ? stack[stack.length - 1]! : count;
    const first = nextQuestion[i]!;
    result[i] = first < scopeEnd && (!hasBody[i] || headings[first]!.mark.level > level);
    stack.push(i);
  }
  return result;
}

/** For each heading, whether text is written between it and the first question heading after it. */
function textBeforeFirstQuestion(structure: NoteStructure, headings: readonly HeadingInfo[], isQuestion: readonly boolean[]): boolean[] {
  // nonBlankBefore[i]: non-blank lines before line i, so any range is counted in O(1).
  const nonBlankBefore = new Array<number>(structure.lines.length + 1);
  nonBlankBefore[0] = 0;
  structure.lines.forEach((line, i) => {
    nonBlankBefore[i + 1] = nonBlankBefore[i]! + (NOT_BLANK.test(line) ? 1 : 0);
  });
  const result = new Array<boolean>(headings.length).fill(false);
  let nextQuestionLine = structure.lines.length;
  for (let i = headings.length - 1; i >= 0; i--) {
    const line = headings[i]!.mark.index;
    result[i] = nonBlankBefore[nextQuestionLine]! - nonBlankBefore[line + 1]! > 0;
    if (isQuestion[i]) nextQuestionLine = line;
  }
  return result;
}

/** Fewest sibling headings with text under them for the siblings rule to apply. */
const MIN_SIBLINGS = 3;
/** Share of those siblings that must ask for a numbered one (`### 4. Class loading`) to be a prompt too. */
const SIBLING_QUESTION_SHARE = 0.6;
/** The same share for an unnumbered one, which is more often a note's own section. */
const UNNUMBERED_SIBLING_SHARE = 0.6;
/** Titles of a note's own parts, never prompts whatever their siblings (`Summary`, `参考资料`). */
const PART_TITLE = /^(?:summary|summar(?:y|ies)|conclusions?|references?|resources?|further reading|reading|links?|notes?|overview|introduction|intro|background|contents|table of contents|toc|appendix|glossary|tl;?dr|résumé|resume|zusammenfassung|fazit|quellen|literatur|resumen|referencias|conclusión|conclusion|bibliographie|итоги?|резюме|литература|ссылки|总结|小结|参考|参考资料|参考文献|资料|目录|概述|简介|まとめ|参考文献|目次|요약|참고)$/iu;

/**
 * Headings that ask by their place: among sibling headings (same level, same parent) with text
 * under them, when most ask (`### What is JVM?`, `### Why G1?`), the others (`### JIT compiler`,
 * `### 4. Class loading`) are prompts too — the note repeats one shape, and its writer did not
 * always phrase it as a question. Labels (`Summary:`) and headings with deeper headings under
 * them (sections) are left alone. Linear: one pass with a stack of open parents.
 */
function promptsBySiblings(structure: NoteStructure, headings: HeadingInfo[]): void {
  const count = headings.length;
  const ownText = new Array<boolean>(count).fill(false);
  const hasChild = new Array<boolean>(count).fill(false);
  for (let i = 0; i < count; i++) {
    const from = headings[i]!.mark.index + 1;
    const to = i + 1 < count ? headings[i + 1]!.mark.index : structure.lines.length;
    for (let line = from; line < to; line++) {
      if (NOT_BLANK.test(structure.lines[line]!)) {
        ownText[i] = true;
        break;
      }
    }
    if (i + 1 < count && headings[i + 1]!.mark.level > headings[i]!.mark.level) hasChild[i] = true;
  }
  // Siblings: same level under the same parent (the nearest shallower heading before them).
  const groups = new Map<string, number[]>();
  const parents: number[] = [];
  for (let i = 0; i < count; i++) {
    const level = headings[i]!.mark.level;
    while (parents.length > 0 && headings[parents[parents.length - 1]!]!.mark.level >= level) parents.pop();
    const key = `${parents[parents.length - 1] ?? -1}:${level}`;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
    parents.push(i);
  }
  for (const group of groups.values()) {
    const answered = group.filter((i) => ownText[i] && !hasChild[i]);
    if (answered.length < MIN_SIBLINGS) continue;
    const share = answered.filter((i) => headings[i]!.explicit || headings[i]!.promptLike).length / answered.length;
    if (share < SIBLING_QUESTION_SHARE) continue;
    const last = group[group.length - 1];
    for (const i of answered) {
      const heading = headings[i]!;
      if (heading.explicit || heading.promptLike || heading.label || heading.text.trim() === '') continue;
      if (PART_TITLE.test(heading.text.replace(/[*_`#:：.!]/g, '').trim())) continue;
      // Unnumbered: a closing `## Wrap-up` after the questions is the note's, not a question.
      if (heading.number === undefined && (share < UNNUMBERED_SIBLING_SHARE || i === last)) continue;
      heading.promptLike = true;
    }
  }
}

function readHeadings(structure: NoteStructure): HeadingInfo[] {
  const marks = structure.marks.filter((mark): mark is HeadingLine => mark.kind === 'heading');
  const texts = readHeadingLines(marks.map((mark) => structure.lines[mark.index]!));
  return marks.map((mark, i) => {
    const { plain, markdown } = texts[i]!;
    const asked = classifyHeading(plain);
    // `### 题目` announces the question below it: a card, its front taken from there.
    const bare = BARE_QUESTION_LABEL.test(plain.trim());
    return { ...asked, ...(bare ? { promptLike: true, bareLabel: true } : {}), mark, plain, markdown };
  });
}

/** Cards from question headings, and the stretches outside every answer. Never throws. */
function parseMarkdownNote(input: string): ParseResult {
  // The core normally sees `\n` without a BOM; accept both anyway, keeping line numbers.
  const text = setextToAtx(input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  const structure = scanNoteStructure(text);
  const headings = readHeadings(structure);
  promptsBySiblings(structure, headings);
  const headingAt = new Map(headings.map((heading) => [heading.mark.index, heading]));

  const cards: RawCard[] = [];
  const warnings: NoteWarning[] = [];
  const stretches: Stretch[] = [];
  // Headings that group questions: a card's section. Other non-question headings outside answers
  // (`## Vocabulary` over `Q:`/`A:` lines) only name the stretch of text under them.
  const sections: Section[] = [];
  const notes: Section[] = [];
  const sectionPath = () => sections.map((section) => section.title);
  const stretchSection = () => {
    const shallowestNote = notes[0]?.level ?? 7;
    return [...sections.filter((section) => section.level < shallowestNote), ...notes].map((section) => section.title);
  };

  // A question is explicit (label, `?`) or a prompt; a prompt deeper than an open answer is a
  // sub-heading of that answer (`##### How I choose embedding models`), not a new card.
  const startsCard = (heading: HeadingInfo, open: OpenAnswer | undefined) =>
    heading.explicit || (heading.promptLike && (!open || heading.mark.level <= open.heading.mark.level));
  const isQuestionAlone = headings.map((heading) => heading.explicit || heading.promptLike);
  const grouping = groupsQuestions(headings, isQuestionAlone, textBeforeFirstQuestion(structure, headings, isQuestionAlone));
  const groupingAt = new Map(headings.map((heading, i) => [heading.mark.index, grouping[i]!]));

  let open: OpenAnswer | undefined;
  let stretchStart = 0;
  let afterRule: Stretch['afterRule'];

  const closeAnswer = (end: number) => {
    if (!open) return;
    const { heading, section } = open;
    open = undefined;
    const headingIndex = heading.mark.index;
    const line = headingIndex + 1;
    if (heading.bareLabel) {
      // The question is the first paragraph under the label; the rest is the answer.
      let first = headingIndex + 1;
      while (first < end && !NOT_BLANK.test(structure.lines[first]!)) first++;
      let after = first;
      while (after < end && NOT_BLANK.test(structure.lines[after]!) && !structure.fenced[after]) after++;
      const question = sliceLines(text, structure, first, after).replace(/\s*\n\s*/g, ' ').trim();
      const back = answerText(text, structure, after, end);
      if (question !== '' && back !== '') cards.push({ front: question, back, line: first + 1, section });
      else warnings.push(noAnswerWarning(line, question || heading.plain));
      return;
    }
    if (heading.labelled && heading.label) {
      // `#### Q: S – Situation:` starts a story whose question was never written down.
      const back = answerText(text, structure, headingIndex + 1, end);
      const label = frontFromHeadingMarkdown(heading.markdown);
      const fullBack = back === '' ? '' : `${label}\n${back}`;
      if (fullBack !== '') {
        cards.push({ front: inferredFront(label, back), back: fullBack, line, section, frontInferred: true });
      } else {
        warnings.push(noAnswerWarning(line, label));
      }
      return;
    }
    const continuation = questionContinuation(structure, headingIndex, end);
    let backStart = headingIndex + 1 + (continuation ? 1 : 0);
    // The heading's underline (`-----` right under it) is decoration, not answer text.
    let first = backStart;
    while (first < end && !NOT_BLANK.test(structure.lines[first]!)) first++;
    if (first < end && !structure.fenced[first] && UNDERLINE.test(structure.lines[first]!)) backStart = first + 1;
    // A sub-heading that only labels what follows as the answer (`### Answer`, org-drill's
    // `*** Answer`) is not part of it.
    else if (first < end && !structure.fenced[first] && ANSWER_HEADING.test(structure.lines[first]!)) backStart = first + 1;
    let front = frontFromHeadingMarkdown(heading.markdown);
    if (continuation) front = `${front} ${continuation}`;
    if (front === '') front = heading.text || heading.plain;
    // A run of prompts nobody answered (a list of practice questions) ends the answer.
    const run = endAtUnansweredRun(structure.lines, structure.fenced, backStart, end);
    for (const warning of unansweredWarnings(run.unanswered, front)) warnings.push(warning);
    // …and so does a reading list of links after the answer's own text.
    const reading = endAtLinkRun(structure.lines, structure.fenced, backStart, run.end);
    if (reading.links > 0) warnings.push(linkRunWarning(reading.end + 1, reading.links, front));
    const back = answerText(text, structure, backStart, reading.end);
    if (back === '' || front === '') {
      warnings.push(noAnswerWarning(line, front || heading.plain));
      return;
    }
    cards.push({ front, back, line, section, shape: 'heading', ...(heading.number !== undefined ? { number: heading.number } : {}) });
  };

  const closeStretch = (end: number) => {
    if (end > stretchStart) stretches.push({ from: stretchStart, to: end, section: stretchSection(), ...(afterRule ? { afterRule } : {}) });
    afterRule = undefined;
  };

  for (const mark of structure.marks) {
    if (mark.kind === 'separator') {
      // `# Topic` underlined with `-----`: a rule right under its heading decorates it; it ends nothing.
      if (open && onlyBlankBetween(structure, open.heading.mark.index, mark.index)) continue;
      if (open) {
        afterRule = { line: mark.index + 1, question: frontFromHeadingMarkdown(open.heading.markdown) || open.heading.plain };
        closeAnswer(mark.index);
        stretchStart = mark.index + 1;
      }
      continue;
    }
    const heading = headingAt.get(mark.index)!;
    const starts = startsCard(heading, open);
    if (open && !starts && heading.mark.level > open.heading.mark.level) continue;
    if (open) closeAnswer(mark.index);
    else closeStretch(mark.index);
    stretchStart = mark.index + 1;
    const level = heading.mark.level;
    if (starts) {
      // A section titled at the questions' own level (`#### A. Core` over `#### Q:`) stays open.
      popFrom(sections, (section) => section.level > level);
      popFrom(notes, (note) => note.level >= level);
      open = { heading, section: sectionPath() };
      continue;
    }
    const title = heading.plain.trim();
    popFrom(notes, (note) => note.level >= level);
    // Headings that hold no questions (`Summary:`, `My Questions:`) do not change the sections.
    if (!groupingAt.get(mark.index)) {
      if (title !== '') notes.push({ level, title });
      continue;
    }
    popFrom(sections, (section) => section.level >= level);
    if (title !== '') sections.push({ level, title });
  }
  if (open) closeAnswer(structure.lines.length);
  else closeStretch(structure.lines.length);

  // Each stretch outside the heading answers is cut at the prompt shape the note repeats there
  // (bold lines, numbered items, labels…), or read for inline syntaxes, whichever finds more.
  const shaped = autoPromptCards({ lines: structure.lines, fenced: structure.fenced }, stretches);
  stretches.forEach((stretch, s) => {
    const markdown = sliceLines(text, structure, stretch.from, stretch.to);
    if (markdown.trim() === '') return;
    // Most stretches are prose: skip remark for them when no inline syntax shows on any line.
    const inline =
      hasInlineCardLine(markdown) ? inlineCardsFromMarkdown(markdown, stretch.from + 1, stretch.section) : undefined;
    for (const card of inline?.cards ?? []) card.shape = 'inline';
    const block = shaped[s];
    // Prompts the writer tagged as flashcards (`#card`) win over highlights read as clozes.
    const chosen = block && (block.tagged || block.cards.length > (inline?.cards.length ?? 0)) ? block : inline;
    // A loop, not push(...spread): a stretch can hold more cards than a call takes arguments.
    for (const card of chosen?.cards ?? []) cards.push(card);
    for (const warning of chosen?.warnings ?? []) warnings.push(warning);
    if (stretch.afterRule && !chosen?.cards.length) {
      // A rule ends an answer (notes put tips and asides after one); say so, so nothing is lost unseen.
      const shown = shortQuestion(stretch.afterRule.question);
      warnings.push({
        line: stretch.afterRule.line,
        ruleId: 'text-after-rule',
        reason: `The text after the horizontal rule under “${shown}” is in no card: a rule ends an answer.`,
      });
    }
  });
  cards.sort((a, b) => a.line - b.line);
  warnings.sort((a, b) => a.line - b.line);
  return { cards, warnings };
}

/** Whether every line strictly between lines `from` and `to` is blank. */
function onlyBlankBetween(structure: NoteStructure, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (NOT_BLANK.test(structure.lines[i]!)) return false;
  return true;
}

/** Pops entries off the end of a heading stack while they match. */
function popFrom(stack: Section[], shouldPop: (section: Section) => boolean): void {
  while (stack.length > 0 && shouldPop(stack[stack.length - 1]!)) stack.pop();
}

/** A question as a warning quotes it: at most 80 characters. */
function shortQuestion(question: string): string {
  return question.length > 80 ? `${question.slice(0, 77)}…` : question;
}

function noAnswerWarning(line: number, question: string): NoteWarning {
  const shown = shortQuestion(question);
  return { line, ruleId: 'no-answer', reason: `“${shown}” has no answer under it, so no card was made.` };
}

/** Confidence from a line scan: question headings outside code fences, else inline syntaxes. */
function detectMarkdown(text: string): number {
  const structure = scanNoteStructure(setextToAtx(text.replace(/\r\n?/g, '\n')));
  let headings = 0;
  let questions = 0;
  for (const mark of structure.marks) {
    if (mark.kind !== 'heading') continue;
    headings++;
    const line = structure.lines[mark.index]!.replace(/^ {0,3}#{1,6}[ \t]*/, '').replace(/<!--[\s\S]*?-->/g, '');
    const heading = classifyHeading(line);
    if (heading.explicit || heading.promptLike) questions++;
  }
  const headingScore =
    questions === 0 ? (headings > 0 ? 0.15 : 0.05) : 0.5 + 0.45 * Math.min(1, questions / 5) * Math.max(0.4, questions / headings);
  // Inline syntaxes alone stay below the whole-file layouts' own signatures (at most 0.6), so the
  // density scan is skipped when the headings already say more.
  if (headingScore >= INLINE_CEILING) return headingScore;
  // Prompt lines at the ceiling already say as much as any density could: the scan is skipped.
  const prompts = promptShapeScore(structure);
  if (prompts >= INLINE_CEILING) return Math.max(headingScore, prompts);
  // The density only counts up to the ceiling: the scan stops once more than 40% of all lines hit.
  const enough = Math.floor((INLINE_CEILING / 1.5) * structure.lines.length) + 1;
  return Math.max(headingScore, Math.min(INLINE_CEILING, inlineCardDensity(text, enough) * 1.5), prompts);
}

/** Confidence from repeated prompt lines that ask (bold, numbered, labelled…): at most the inline ceiling. */
function promptShapeScore(structure: NoteStructure): number {
  const prompts = findPromptLines(structure.lines, structure.fenced, 0, structure.lines.length);
  const asking = prompts.filter((prompt) => prompt.asks > 0 || prompt.number !== undefined).length;
  if (asking < 2) return 0;
  return Math.min(INLINE_CEILING, 0.3 + 0.3 * Math.min(1, asking / 5));
}

export const markdownFormat: NoteFormat = {
  name: 'markdown',
  label: 'markdown headings that ask questions, Q:/A: lines and other flashcard syntaxes',
  example: '## What is a closure?\nA function that keeps the variables of the scope it was made in.',
  detect(text) {
    try {
      return detectMarkdown(text);
    } catch {
      return 0;
    }
  },
  parse(text) {
    try {
      return parseMarkdownNote(text);
    } catch (error) {
      // parse must never throw; a bug here is reported as a warning, not a crash.
      return { cards: [], warnings: [{ line: 1, ruleId: 'markdown-failed', reason: `The markdown reader failed: ${String(error)}` }] };
    }
  },
};
