// Line-level recognizers for the inline flashcard syntaxes people write in notes (Q:/A: labels,
// Obsidian Spaced Repetition `::`/`:::`/`?`, RemNote `>>`/`;;`, cloze marks, Q/A table headers).
// inlineCards.ts runs them on paragraph lines whose code, math, links and HTML are already
// masked out by the mdast walk; inlineCardDensity runs them on raw lines as a cheap estimate.

/** Stands in for every character of a code span, math, link or HTML, so no syntax is seen there. */
export const MASK = '\uE000';

const QUESTION_WORDS = [
  'question', 'ques', 'q', 'frage', 'pregunta', 'pergunta', 'domanda', 'вопрос',
  '问题', '問題', '質問', '问', '問',
];
const ANSWER_WORDS = [
  'answer', 'ans', 'a', 'antwort', 'respuesta', 'resposta', 'risposta', 'réponse', 'reponse', 'ответ',
  '答案', '回答', '答え', '解答', '答',
];

/** `**Q1:**`, `Q:`, `Question 2 -`, `問：`; a number allows `.`, `)` or `-` in place of the colon. */
function labelPattern(words: readonly string[]): RegExp {
  const alternatives = words.join('|');
  return new RegExp(
    `^(\\*\\*|__)?[ \\t]*(?:${alternatives})[ \\t]*` +
      `(?:\\d{1,3}[ \\t]*(\\*\\*|__)?[ \\t]*(?:[:：]|[.)\\-–](?=[ \\t]))|(\\*\\*|__)?[ \\t]*[:：])` +
      `[ \\t]*(\\*\\*|__)?[ \\t]*`,
    'iu',
  );
}

const QUESTION_LABEL = labelPattern(QUESTION_WORDS);
const ANSWER_LABEL = labelPattern(ANSWER_WORDS);

export interface LabelMatch {
  /** Characters of the line taken by the label (and the spaces after it). */
  length: number;
  /** `**Q: text**`: the bold opened before the label closes at the end of the line. */
  boldRunsToEnd: boolean;
}

function matchLabel(line: string, pattern: RegExp): LabelMatch | undefined {
  const match = pattern.exec(line);
  if (!match) return undefined;
  const opened = match[1] !== undefined;
  const closed = match[2] !== undefined || match[3] !== undefined || match[4] !== undefined;
  return { length: match[0].length, boldRunsToEnd: opened && !closed };
}

/** A line that starts with a question label (`Q:`, `Q1:`, `**Question:**`, `问：`). */
export function matchQuestionLabel(line: string): LabelMatch | undefined {
  return matchLabel(line, QUESTION_LABEL);
}

/** A line that starts with an answer label (`A:`, `A1:`, `**Answer:**`, `答：`). */
export function matchAnswerLabel(line: string): LabelMatch | undefined {
  return matchLabel(line, ANSWER_LABEL);
}

/** `Q: What is X? A: Y` on one line: where the answer label starts in the question's text. */
export function findInlineAnswer(rest: string): { start: number; end: number } | undefined {
  const match = /[?？][ \t]+((?:\*\*|__)?(?:A|Ans|Answer|答)(?:\*\*|__)?[ \t]*[:：](?:\*\*|__)?[ \t]*)/iu.exec(rest);
  if (!match || match[1] === undefined) return undefined;
  const start = match.index + match[0].length - match[1].length;
  return { start, end: match.index + match[0].length };
}

/** `?` (or `？`) alone on a line separates an Obsidian multi-line question from its answer. */
export function matchQuestionMarkLine(line: string): 'basic' | 'reversed' | undefined {
  const match = /^[ \t]*([?？]{1,2})[ \t]*$/u.exec(line);
  if (!match) return undefined;
  return match[1]!.length === 2 ? 'reversed' : 'basic';
}

export type SeparatorKind = 'basic' | 'bidirectional' | 'remnote' | 'descriptor' | 'remnote-multiline';

export interface Separator {
  kind: SeparatorKind;
  start: number;
  end: number;
}

const HAS_WORD = /[\p{L}\p{N}]/u;
const IDENTIFIER_CHAR = /[\p{L}\p{N}_]/u;

function unbalanced(text: string, open: string, close: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === open) depth++;
    else if (char === close && depth > 0) depth--;
  }
  return depth > 0;
}

/** Both sides carry words, and the separator is not inside `(…)` / `[…]` (`for(;;)`, `[key:: value]`). */
function plausibleSides(left: string, right: string): boolean {
  if (!HAS_WORD.test(left) || !HAS_WORD.test(right)) return false;
  return !unbalanced(left, '(', ')') && !unbalanced(left, '[', ']');
}

/**
 * The card separator on one masked line, by precedence: `:::`, `::`, `;;`, `>>` (so a question
 * that mentions `>>` can still be written `What does >> do?::Shift right`).
 */
export function findSeparator(line: string): Separator | undefined {
  return findColons(line) ?? findDescriptor(line) ?? findRemnote(line);
}

/** `id:: 64fa…`, `collapsed:: true`, `tags:: x`: Logseq and Dataview fields of a block, not cards. */
const PROPERTY_FIELD = /^[ \t]*(?:[-*][ \t]+)?(?:id|collapsed|heading|tags?|alias|title|type|template|template-including-parent|icon|created|created-at|updated|updated-at|date|status|public|filters|background-color|card-[\w-]+)::[ \t]/iu;

function findColons(line: string): Separator | undefined {
  if (PROPERTY_FIELD.test(line)) return undefined;
  for (const match of line.matchAll(/:{2,}/g)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[0].length > 3) continue;
    const before = line[start - 1] ?? ' ';
    const after = line[end] ?? ' ';
    if (after === '=') continue; // BNF `::=`
    // `std::vector`, `Foo::bar`, `fe80::1`: a path, not a card separator.
    if (match[0].length === 2 && IDENTIFIER_CHAR.test(before) && IDENTIFIER_CHAR.test(after)) continue;
    if (!plausibleSides(line.slice(0, start), line.slice(end))) continue;
    return { kind: match[0].length === 3 ? 'bidirectional' : 'basic', start, end };
  }
  return undefined;
}

function findDescriptor(line: string): Separator | undefined {
  for (const match of line.matchAll(/;{2,}/g)) {
    if (match[0].length !== 2) continue;
    const start = match.index;
    const end = start + 2;
    if (!plausibleSides(line.slice(0, start), line.slice(end))) continue;
    return { kind: 'descriptor', start, end };
  }
  return undefined;
}

function findRemnote(line: string): Separator | undefined {
  for (const match of line.matchAll(/>{2,}/g)) {
    const start = match.index;
    const end = start + match[0].length;
    const left = line.slice(0, start);
    const right = line.slice(end);
    if (/[-=<]$/.test(left)) continue; // arrows such as `-->>` or `=>>`
    if (match[0].length === 3 && right.trim() === '' && HAS_WORD.test(left)) {
      return { kind: 'remnote-multiline', start, end };
    }
    if (match[0].length !== 2 || !plausibleSides(left, right)) continue;
    // Shifts and redirects in prose: `x >> 2`, `cin >> n`, `echo hi >> ~/log.txt`, `2>>err`.
    if (/^\S{1,4}$/u.test(left.trim()) || /^\d+\b/.test(right.trim())) continue;
    if (/[\d&]$/.test(left) || /^[\w$~./-]*[./~$][\w$~./-]*$/.test(right.trim())) continue;
    // A sentence around it (`…; cin >> n reads`) or a one-letter operand is code in prose.
    if (left.includes(';') || /^[A-Za-z]\b/.test(right.trim())) continue;
    return { kind: 'remnote', start, end };
  }
  return undefined;
}

/** Obsidian highlight cloze `==gap==` (no space just inside the marks, so `a == b == c` is not one). */
export const HIGHLIGHT_CLOZE = /==(?![=\s])[^=\n]*?[^=\s]==(?!=)/u;
/** Anki cloze `{{c1::gap}}` / `{{c1::gap::hint}}`. */
export const ANKI_CLOZE = /\{\{c\d+::[\s\S]*?\}\}/u;
const ANKI_CLOZE_ALL = /\{\{c\d+::[\s\S]*?\}\}/gu;

export function hasCloze(text: string): boolean {
  return HIGHLIGHT_CLOZE.test(text) || ANKI_CLOZE.test(text);
}

/** Masks Anki cloze spans so the `::` inside `{{c1::x}}` is never read as a separator. */
export function maskAnkiCloze(text: string): string {
  return text.replace(ANKI_CLOZE_ALL, (span) => MASK.repeat(span.length));
}

/** Scheduling and sync comments tools leave in notes: not card text. */
const TOOL_COMMENTS = /[ \t]*<!--\s*(?:SR|ID)\s*:[\s\S]*?-->/giu;

export function isToolComment(html: string): boolean {
  return html.trim() !== '' && html.replace(TOOL_COMMENTS, '').trim() === '';
}

export function stripToolComments(text: string): string {
  return text.replace(TOOL_COMMENTS, '');
}

const QUESTION_HEADERS = new Set([
  'question', 'questions', 'q', 'front', 'term', 'terms', 'word', 'prompt', 'concept', 'card',
  'frage', 'begriff', 'pregunta', 'término', 'termino', 'pergunta', 'domanda', 'termine', 'terme',
  'вопрос', 'термин', '问题', '問題', '質問', '问', '問', '术语', '術語', '用語', '单词', '単語',
]);
const ANSWER_HEADERS = new Set([
  'answer', 'answers', 'a', 'back', 'definition', 'definitions', 'meaning', 'explanation', 'description',
  'antwort', 'bedeutung', 'definition', 'respuesta', 'definición', 'definicion', 'resposta', 'risposta',
  'réponse', 'reponse', 'définition', 'ответ', 'определение', '答案', '回答', '答え', '解答', '答',
  '定义', '定義', '释义', '意味', '含义', '説明', '说明', '解释',
]);

function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[*_`:：]/g, '')
    .trim();
}

/** Column indexes of the question and answer in a table header, or undefined when it is not a card table. */
export function cardTableColumns(headers: readonly string[]): { question: number; answer: number } | undefined {
  const keys = headers.map(headerKey);
  const question = keys.findIndex((key) => QUESTION_HEADERS.has(key));
  if (question < 0) return undefined;
  let answer = keys.findIndex((key, index) => index !== question && ANSWER_HEADERS.has(key));
  // `Ideal Response`, `Sample answer`, `Solution`: a column named for what answers the question.
  if (answer < 0) answer = keys.findIndex((key, index) => index !== question && ANSWER_WORD.test(key));
  // A two-column table headed `Question | …`: the other column answers it.
  if (answer < 0 && keys.length === 2 && keys[1 - question] !== '') answer = 1 - question;
  return answer >= 0 ? { question, answer } : undefined;
}

/** A word that names an answer column inside a longer header. */
const ANSWER_WORD = /\b(?:answers?|responses?|solutions?|explanations?|replies|reply|respuestas?|respostas?|réponses?|antworten?|ответы?)\b|答|回答|解答/iu;

const LOOSE_QUESTION_LABEL = new RegExp(`(?:${QUESTION_WORDS.join('|')})[ \\t]*\\d{0,3}[ \\t]*(?:\\*\\*|__)?[ \\t]*[:：.)\\-–]`, 'iu');

/**
 * Whether the text could hold any of these syntaxes at all: a loose superset of what the parse
 * finds, so stretches of plain prose skip the markdown parse.
 */
/**
 * An Obsidian callout line that asks (the `>` marks already taken off): `[!question] What is X?`,
 * `[!faq]-`, `[!help]`, or a callout of any type whose title ends with a question mark. Its title,
 * empty when the callout asks with its first line.
 */
export function askingCallout(line: string): { title: string } | undefined {
  const marker = /^[ \t]*\[!([\w-]+)\][+-]?[ \t]*(.*)$/.exec(line);
  if (!marker) return undefined;
  const title = marker[2]!.trim();
  return ASKING_CALLOUTS.has(marker[1]!.toLowerCase()) || /[?？]$/.test(title) ? { title } : undefined;
}

const ASKING_CALLOUTS = new Set(['question', 'faq', 'help', 'quiz', 'flashcard', 'card']);

export function mayHoldInlineCards(text: string): boolean {
  if (/::|;;|>>|==|\{\{c\d|<details|^[ \t]*>[ \t]*\[!/imu.test(text)) return true;
  if (/^[ \t>]*[?？]{1,2}[ \t]*$/mu.test(text)) return true;
  if (LOOSE_QUESTION_LABEL.test(text)) return true;
  for (const line of text.split('\n')) {
    if (!line.includes('|')) continue;
    const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
    if (cardTableColumns(cells)) return true;
  }
  return false;
}
