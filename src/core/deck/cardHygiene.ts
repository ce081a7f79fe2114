// Card hygiene: what every layout's cards go through before they become a deck. Notes hide
// answers in `<details>` wrappers, leave placeholders ("TODO", "待补充") where an answer should
// be, embed Obsidian images that are not in the file, and repeat questions. These rules go by
// what a card's text is, never by the layout that found it, so they live here and not in a format.
// See "Card hygiene" in ../formats/README.md.
import { answerLabelLength } from '../formats/structure/promptLines.ts';
import type { RawCard } from '../formats/types.ts';
import type { NoteWarning } from './types.ts';

/** Cards and warnings after hygiene. */
export interface CleanedCards {
  cards: RawCard[];
  warnings: NoteWarning[];
}

/** A back longer than this is kept but warned about: a question may be hidden inside it. */
export const LONG_BACK_CHARS = 3000;

/**
 * Cleans the cards a layout produced: unwraps answers hidden in `<details>`, drops cards whose
 * answer is empty or a placeholder, turns Obsidian embeds into markdown, warns about image-only
 * and very long answers, and merges repeated cards. Pure; the input arrays are not changed.
 * The returned warnings are the given ones with the new ones merged in by line.
 */
export function cleanCards(cards: readonly RawCard[], warnings: readonly NoteWarning[]): CleanedCards {
  const added: NoteWarning[] = [];
  const wrappers = repeatedSummaries(cards);
  // One test for every card, made once (not a closure per card).
  const isWrapper = (summary: string) => isRevealSummary(summary) || wrappers.has(summaryKey(summary));
  const marks = repeatedMarks(cards);
  const kept: RawCard[] = [];
  for (const card of cards) {
    const mark = marks.size > 0 && card.kind !== 'cloze' ? markOf(card.back) : undefined;
    const count = mark === undefined ? undefined : marks.get(mark);
    if (mark !== undefined && count !== undefined) {
      added.push({
        line: card.line,
        ruleId: 'placeholder-answer',
        reason: `The question ${quoted(card.front)} has only a mark (${quoted(mark, 30)}) for its answer, as ${grouped(count - 1)} other question${count === 2 ? '' : 's'} of the note do, so it is not a card.`,
      });
      continue;
    }
    const cleaned = cleanCard(card, isWrapper, added);
    if (cleaned) kept.push(cleaned);
  }
  const merged = mergeRepeats(kept, added);
  return { cards: merged, warnings: mergeByLine(warnings, added.sort((a, b) => a.line - b.line)) };
}

/**
 * A self-assessment mark where the answer should be: a symbol or two and a remark in brackets,
 * "`+` (too easy)", "✓ (known)". Said of one question it could be an answer ("`++` (pre-increment)");
 * the same mark under three or more questions is the writer rating them, not answering them.
 */
const MARK_WITH_REMARK = /^[^\p{L}\p{N}\s()（）]{1,3}\s*[(（][^()（）\n]{1,40}[)）]$/u;

function markOf(back: string): string | undefined {
  if (back.length > 80) return undefined;
  // Code and emphasis marks go; not a leading "+ " or "- ", which is the mark itself here.
  const plain = back.replace(/[*_~`]+/g, '').replace(/\s+/g, ' ').trim();
  return MARK_WITH_REMARK.test(plain) ? plain : undefined;
}

/** Marks with a remark that stand as the answer of three or more cards, with their counts. */
function repeatedMarks(cards: readonly RawCard[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const card of cards) {
    if (card.kind === 'cloze') continue;
    const mark = markOf(card.back);
    if (mark !== undefined) counts.set(mark, (counts.get(mark) ?? 0) + 1);
  }
  for (const [mark, count] of counts) if (count < 3) counts.delete(mark);
  return counts;
}

function cleanCard(card: RawCard, isWrapper: (summaryHtml: string) => boolean, warnings: NoteWarning[]): RawCard | undefined {
  const unwrapped = unwrapDetails(card.back, isWrapper);
  const front = replaceEmbeds(withoutQuestionLabel(wikiLinksAsText(card.front)));
  const back = replaceEmbeds(withoutAnswerLabel(loneItemAsText(wikiLinksAsText(withoutBlockProperties(withoutNavigation(unwrapped))).trim())));
  if (card.kind !== 'cloze') {
    if (isEmptyBack(back.text)) {
      warnings.push({ line: card.line, ruleId: 'no-answer', reason: `The question ${quoted(card.front)} has an empty answer, so it is not a card.` });
      return undefined;
    }
    if (isPlaceholder(back.text)) {
      warnings.push({
        line: card.line,
        ruleId: 'placeholder-answer',
        reason: `The question ${quoted(card.front)} has only a placeholder (${quoted(plainBack(back.text), 30)}) for its answer, so it is not a card.`,
      });
      return undefined;
    }
  }
  const embeds = [...front.embeds, ...back.embeds];
  if (embeds.length > 0) warnings.push({ line: card.line, ruleId: 'embed-not-included', reason: embedReason(quoted(card.front), embeds) });
  if (card.kind !== 'cloze' && isImageOnly(back.text)) {
    warnings.push({
      line: card.line,
      ruleId: 'image-only-back',
      reason: `The answer to ${quoted(card.front)} is only an image: the card is kept, but check that the image shows.`,
    });
  }
  if (back.text.length > LONG_BACK_CHARS) {
    warnings.push({
      line: card.line,
      ruleId: 'long-back',
      reason: `The answer to ${quoted(card.front)} is ${grouped(back.text.length)} characters long: a question may have been missed inside it.`,
    });
  }
  if (front.text === card.front && back.text === card.back) return card;
  return { ...card, front: front.text, back: back.text };
}

// --- labels ---------------------------------------------------------------------------------

/** `Q.`, `Q3:`, `Question -`, `Frage:`: a label some layouts leave on the question (a space must follow). */
const QUESTION_LABEL = /^(?:\*\*|__)?(?:q|question|frage|pregunta|pergunta|вопрос|问题?)[ \t]*\d{0,3}[ \t]*[.):：\-–](?:\*\*|__)?[ \t]+(?=\S)/iu;

function withoutQuestionLabel(front: string): string {
  const label = QUESTION_LABEL.exec(front);
  return label ? front.slice(label[0].length) : front;
}

/** `Ans:`, `Answer -`, `A:` opening the answer: the label, not part of it (text must follow on its line). */
function withoutAnswerLabel(back: string): string {
  const length = answerLabelLength(back);
  if (length === 0 || !/^[^\n]*\S/.test(back.slice(length))) return back;
  return back.slice(length);
}

// --- outliner links and properties ----------------------------------------------------------

/** `[[Page]]`, `[[Page|shown words]]`, `[[Page#Part]]` (not `![[…]]` embeds): the words a reader sees. */
const WIKI_LINK = /(?<!!)\[\[([^\[\]|#\n]+)(?:#[^\[\]|\n]*)?(?:\|([^\[\]\n]+))?\]\]/gu;

function wikiLinksAsText(text: string): string {
  if (!text.includes('[[')) return text;
  const code = codeRanges(text);
  return text.replace(WIKI_LINK, (whole: string, page: string, shown: string | undefined, at: number) =>
    inRanges(code, at) ? whole : (shown ?? page).trim(),
  );
}

/** Logseq's `id:: 64fa…` / `collapsed:: true` lines: the outliner's data about a block, not its text. */
const BLOCK_PROPERTY = /^[ \t]*(?:[-*][ \t]+)?[a-z][\w-]*::[ \t]+\S.*$/u;

function withoutBlockProperties(back: string): string {
  if (!back.includes(':: ')) return back;
  const code = codeRanges(back);
  let offset = 0;
  const kept: string[] = [];
  for (const line of back.split('\n')) {
    if (!(BLOCK_PROPERTY.test(line) && !inRanges(code, offset) && /^(?:id|collapsed|heading|card-[\w-]+|background-color|template|alias|tags?|type|icon)::/u.test(line.trim().replace(/^[-*][ \t]+/, '')))) kept.push(line);
    offset += line.length + 1;
  }
  return kept.join('\n');
}

/**
 * An answer that is one bullet alone (an outliner's child block: `- A balanced tree…` under
 * `- What is a B-tree? #card`) is that item's text: a list of one is how the outliner writes a
 * block, not a list the writer made. Its nested lines keep their place, one level out.
 */
function loneItemAsText(back: string): string {
  const first = /^[-*+•][ \t]+(?=\S)/.exec(back);
  if (!first) return back;
  const lines = back.split('\n');
  // Any other line at the margin (another item, a paragraph) makes it more than one item.
  if (lines.slice(1).some((line) => /^\S/.test(line))) return back;
  const nested = lines.slice(1).map((line) => line.replace(/^(?:\t| {1,4})/, ''));
  return [lines[0]!.slice(first[0].length), ...nested].join('\n');
}

// --- navigation ---------------------------------------------------------------------------

/**
 * A line that is only a link back up the page (`**[⬆ Back to Top](#table-of-contents)**`,
 * `[返回顶部](#目录)`): the note's navigation, not part of any answer.
 */
const NAVIGATION_LINE =
  /^[ \t]*(?:\*\*|__)?[ \t]*\[[^\]\n]*(?:⬆|↑|⇧|🔝|back to (?:the )?top|to top|top|back|返回|回到|目录|目錄|トップ|先頭|наверх|к оглавлению|volver|voltar|zurück|retour)[^\]\n]*\]\(#[^)\s]*\)[ \t]*(?:\*\*|__)?[ \t]*$/iu;

function withoutNavigation(back: string): string {
  if (!back.includes('](#')) return back;
  return back
    .split('\n')
    .filter((line) => !NAVIGATION_LINE.test(line))
    .join('\n');
}

// --- quoting ------------------------------------------------------------------------------

/** A card's text for a warning: on one line, at most `max` characters, in quotes. */
function quoted(text: string, max = 80): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return `“${chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('')}”`;
}

/** 4812 → "4,812". */
function grouped(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// --- code regions -------------------------------------------------------------------------

type Range = readonly [number, number];

/**
 * Offsets of fenced code blocks and inline code spans: nothing inside them is markup to rewrite.
 * Linear: each backtick run finds its closing run through a precomputed "next run of this length".
 */
function codeRanges(text: string): Range[] {
  if (!text.includes('`') && !text.includes('~~~')) return [];
  const ranges: Range[] = [];
  const fenceOpen = /^ {0,3}(`{3,}|~{3,})([^\n]*)$/gm;
  const outside: Range[] = [];
  let cursor = 0;
  for (let open = fenceOpen.exec(text); open; open = fenceOpen.exec(text)) {
    if (open.index < cursor) continue;
    const marker = open[1]!;
    if (marker[0] === '`' && open[2]!.includes('`')) continue;
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`, 'gm');
    close.lastIndex = open.index + open[0].length;
    const closing = close.exec(text);
    const end = closing ? closing.index + closing[0].length : text.length;
    outside.push([cursor, open.index]);
    ranges.push([open.index, end]);
    cursor = end;
    fenceOpen.lastIndex = end;
  }
  outside.push([cursor, text.length]);
  for (const [from, to] of outside) {
    // Code spans do not cross a blank line.
    for (const paragraph of text.slice(from, to).matchAll(/[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g)) {
      codeSpans(paragraph[0], from + paragraph.index, ranges);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

function codeSpans(paragraph: string, offset: number, ranges: Range[]): void {
  if (!paragraph.includes('`')) return;
  const runs = [...paragraph.matchAll(/`+/g)].map((run) => ({ at: run.index, length: run[0].length }));
  const next = new Array<number>(runs.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    next[i] = lastOfLength.get(runs[i]!.length) ?? -1;
    lastOfLength.set(runs[i]!.length, i);
  }
  for (let i = 0; i < runs.length; i++) {
    const j = next[i]!;
    if (j < 0) continue;
    ranges.push([offset + runs[i]!.at, offset + runs[j]!.at + runs[j]!.length]);
    i = j;
  }
}

function inRanges(ranges: readonly Range[], at: number): boolean {
  // Ranges are few per card; a binary search keeps a long back with many spans linear-ish.
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [from, to] = ranges[mid]!;
    if (at < from) high = mid - 1;
    else if (at >= to) low = mid + 1;
    else return true;
  }
  return false;
}

// --- answers wrapped in <details> ---------------------------------------------------------

interface DetailsBlock {
  start: number;
  end: number;
  /** The summary's inner HTML, or undefined when the block has none. */
  summary: string | undefined;
  /** What follows the summary, up to the closing tag. */
  content: string;
}

/** Top-level `<details>` blocks outside code (an unclosed one runs to the end). */
function detailsBlocks(text: string): DetailsBlock[] {
  if (!/<details[\s>]/i.test(text)) return [];
  const code = codeRanges(text);
  const blocks: DetailsBlock[] = [];
  let depth = 0;
  let open = 0;
  let bodyStart = 0;
  const push = (end: number, bodyEnd: number) => {
    const body = text.slice(bodyStart, bodyEnd);
    const summary = /^\s*<summary(?:\s[^>]*)?>([\s\S]*?)<\/summary\s*>/i.exec(body);
    blocks.push({ start: open, end, summary: summary?.[1], content: summary ? body.slice(summary[0].length) : body });
  };
  for (const tag of text.matchAll(/<details(?:\s[^>]*)?>|<\/details\s*>/gi)) {
    if (inRanges(code, tag.index)) continue;
    if (tag[0][1] !== '/') {
      if (depth === 0) {
        open = tag.index;
        bodyStart = tag.index + tag[0].length;
      }
      depth++;
    } else if (depth > 0 && --depth === 0) {
      push(tag.index + tag[0].length, tag.index);
    }
  }
  if (depth > 0) push(text.length, text.length);
  return blocks;
}

/** A summary's text: tags and entities out, white space collapsed. */
function summaryText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** How repeated summaries are compared: identical text, case and spacing aside. */
function summaryKey(html: string): string {
  return summaryText(html).toLowerCase();
}

/**
 * Summaries that wrap answers in two or more cards: a short label repeated around answers is a
 * wrapper ("Click me", "👉"), not a question. A summary that asks (ends in `?`) never is.
 */
function repeatedSummaries(cards: readonly RawCard[]): Set<string> {
  const counts = new Map<string, number>();
  for (const card of cards) {
    if (!card.back.includes('<')) continue;
    const seen = new Set<string>();
    for (const block of detailsBlocks(card.back)) {
      if (block.summary === undefined) continue;
      const key = summaryKey(block.summary);
      if (key === '' || key.length > 40 || /[?？]$/.test(key) || seen.has(key)) continue;
      seen.add(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return new Set([...counts].filter(([, count]) => count >= 2).map(([key]) => key));
}

const ACTION = '(?:show|see|view|reveal|expand|display|open|toggle|check|read|unfold|get)';
const THING = '(?:answers?|solutions?|explanation|response|reply|details|more|spoiler|it|here|me)';
/** English reveal phrases: "Answer", "Show answer", "Click to see", "Click here to reveal the solution". */
const REVEAL_EN = new RegExp(
  `^(?:(?:(?:click|tap|press)(?: here| me)?(?: to ${ACTION}(?: the| my)?(?: ${THING})?)?)|(?:${ACTION}(?: the| my)?(?: ${THING})?(?: here)?)|(?:(?:the |my )?(?!it$|here$|me$)${THING}(?: here)?))$`,
);

/** Reveal words in other languages, compared after `revealKey`. */
const REVEAL_WORDS = new Set([
  // Chinese
  '答案', '查看答案', '显示答案', '展开', '展开答案', '展开查看', '点击展开', '点击查看', '点击查看答案', '点击显示',
  '参考答案', '答案解析', '解析', '查看解析', '解答', '回答', '点我', '点击', '查看', '答',
  '顯示答案', '展開', '點擊展開', '點擊查看', '參考答案', '點我',
  // Japanese
  '答え', '解答を見る', '答えを見る', '答えを表示', '解答を表示', '回答を見る', '表示', '開く', 'クリックして表示',
  // Korean
  '정답', '답', '보기', '정답 보기', '답 보기', '해설', '펼치기', '답변', '정답 확인', '클릭',
  // German, French, Spanish, Portuguese, Italian, Dutch, Polish, Turkish, Vietnamese
  'antwort', 'lösung', 'antwort anzeigen', 'lösung anzeigen', 'anzeigen', 'aufklappen', 'ausklappen',
  'réponse', 'solution', 'voir la réponse', 'afficher la réponse', 'voir', 'afficher', 'cliquez pour voir', 'cliquer pour afficher',
  'respuesta', 'solución', 'ver respuesta', 'ver la respuesta', 'mostrar respuesta', 'mostrar', 'ver',
  'resposta', 'solução', 'ver resposta', 'mostrar resposta',
  'risposta', 'soluzione', 'mostra risposta', 'mostra',
  'antwoord', 'oplossing', 'toon antwoord', 'odpowiedź', 'rozwiązanie', 'pokaż odpowiedź', 'cevap', 'çözüm',
  'đáp án', 'lời giải', 'xem đáp án',
  // Russian, Ukrainian, Hindi, Arabic
  'ответ', 'решение', 'показать ответ', 'показать', 'развернуть', 'відповідь', 'उत्तर', 'الإجابة', 'الجواب',
]);

/** Lower case, emphasis and decoration (arrows, emoji, colons) off both ends. */
function revealKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[*_`~]+/g, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/\s+/g, ' ');
}

/** "Answer", "展开", "Show answer (click)", "Answer / 答案": every part of the summary is a reveal word. */
export function isRevealSummary(summaryHtml: string): boolean {
  const parts = summaryText(summaryHtml)
    .split(/[()（）[\]【】|/·•:：,，\-–—]+/)
    .map(revealKey)
    .filter((part) => part !== '');
  return parts.length > 0 && parts.every((part) => REVEAL_EN.test(part) || REVEAL_WORDS.has(part));
}

/** The back with every wrapping `<details>` replaced by its content, shown open. */
function unwrapDetails(back: string, isWrapper: (summaryHtml: string) => boolean): string {
  const blocks = detailsBlocks(back);
  if (blocks.length === 0) return back;
  let result = '';
  let cursor = 0;
  for (const block of blocks) {
    if (block.summary === undefined || !isWrapper(block.summary)) continue;
    result = joinBlocks(result + back.slice(cursor, block.start), dedent(block.content).trim());
    cursor = block.end;
    const rest = back.slice(cursor).replace(/^[ \t]+(?=\S)/, '').replace(/^(?:[ \t]*\n)+/, '');
    cursor = back.length - rest.length;
    if (rest !== '' && result !== '') result += '\n\n';
  }
  return result + back.slice(cursor);
}

function joinBlocks(before: string, content: string): string {
  const head = before.replace(/\s+$/, '');
  if (head === '') return content;
  return content === '' ? head : `${head}\n\n${content}`;
}

/** Removes the indentation all non-blank lines share (HTML blocks are often indented whole). */
function dedent(text: string): string {
  const lines = text.split('\n');
  let common = Infinity;
  for (const line of lines) if (line.trim() !== '') common = Math.min(common, /^[ \t]*/.exec(line)![0].length);
  if (!Number.isFinite(common) || common === 0) return text;
  return lines.map((line) => line.slice(Math.min(common, /^[ \t]*/.exec(line)![0].length))).join('\n');
}

// --- empty and placeholder answers -------------------------------------------------------

/** Tags that are content on their own: an image or a player is an answer. */
const MEDIA_TAG = /<(?:img|video|audio|iframe|svg|embed|object|picture|canvas|math)\b/i;
/** HTML tags that only format, removed to see whether anything is left (not `<T>` in prose). */
const FORMAT_TAG = /<\/?(?:b|i|u|s|em|strong|br|p|div|span|details|summary|font|strike|del|ins|mark|small|big|sub|sup|center|blockquote|ul|ol|li|code|pre|hr|section|article|table|thead|tbody|tr|td|th|a)(?:\s[^>]*)?\/?>/gi;
const SPACE_ENTITY = /&(?:nbsp|ensp|emsp|thinsp|#160|#8203|#x200b|zwsp);/gi;

/** Empty once comments, formatting tags, `<br>`, empty emphasis, summaries and spaces are gone. */
function isEmptyBack(back: string): boolean {
  if (!back.includes('<') && !back.includes('&')) return back.trim() === '';
  if (MEDIA_TAG.test(back)) return false;
  return (
    back
      .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
      .replace(/<summary(?:\s[^>]*)?>[\s\S]*?<\/summary\s*>/gi, '')
      .replace(FORMAT_TAG, '')
      .replace(SPACE_ENTITY, '')
      .replace(/[\s\u200b\ufeff]+/g, '') === ''
  );
}

/** Placeholders, compared after `placeholderKey` (lower case, punctuation other than `/` removed). */
const PLACEHOLDERS = new Set([
  'answer here', 'your answer here', 'answer goes here', 'write answer here', 'write your answer here', 'add answer',
  'add answer here', 'insert answer', 'insert answer here', 'answer tbd', 'fill in', 'fill in later', 'to fill in',
  'todo', 'to do', 'tbd', 'tba', 'tbc', 'tk', 'wip', 'fixme', 'xxx', 'n/a', 'placeholder', 'lorem ipsum',
  'refer to the above', 'refer above', 'see above', 'as above', 'same as above', 'ditto', 'see below', 'refer to below',
  'coming soon', 'to be added', 'to be done', 'to be filled', 'to be filled in', 'to be completed', 'to be written',
  'to be continued', 'work in progress', 'no answer yet', 'not answered yet', 'unanswered',
  // Chinese
  '待补充', '待完善', '略', '暂无', '暂缺', '同上', '见上', '见上文', '参见上文', '待定', '待续', '未完待续', '待填写',
  '待更新', '待整理', '待写', '待补', '待添加', '后续补充', '稍后补充', '暂无答案', '答案待补充',
  '待補充', '暫無', '見上', '待續', '待更新', '待填',
  // Japanese, Korean
  '未記入', '準備中', '省略', '後で書く', '上記参照', '追記予定', '준비중', '준비 중', '추후 작성', '생략', '위와 같음',
  '위 참조', '작성 예정', '작성중', '작성 중',
  // German, French, Spanish, Portuguese, Russian
  'folgt', 'kommt noch', 'siehe oben', 'wird ergänzt', 'à compléter', 'à venir', 'voir cidessus', 'à faire',
  'por completar', 'ver arriba', 'próximamente', 'por hacer', 'a completar', 'em breve', 'ver acima', 'por fazer',
  'см выше', 'будет позже', 'дополнить',
]);

/** A marker that starts a placeholder line: "TODO: explain", "待补充：例子". */
const LONGEST_PLACEHOLDER = Math.max(...[...PLACEHOLDERS].map((placeholder) => placeholder.length));
const PLACEHOLDER_LEAD = /^(?:todo|tbd|tba|fixme|wip|待补充|待完善|待补|待填写)\s*[:：\-–—(（]/i;

function plainBack(back: string): string {
  // Each replace runs only when its mark is there: most answers have none of them.
  let plain = back;
  if (plain.includes('<')) plain = plain.replace(FORMAT_TAG, ' ');
  if (plain.includes('&')) plain = plain.replace(SPACE_ENTITY, ' ');
  if (EMPHASIS_MARK.test(plain)) plain = plain.replace(/[*_~`=]+/g, '');
  if (plain.includes('>')) plain = plain.replace(/^[ \t]*(?:>[ \t]*)+/gm, '');
  return plain.replace(/^[ \t]*(?:[-+]|\d{1,3}[.)])[ \t]+/, '').trim();
}

const EMPHASIS_MARK = /[*_~`=]/;

function placeholderKey(text: string): string {
  return (NFKC_STABLE.test(text) ? text : text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[^\P{P}/]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "TODO", "*TBD*", "(待补充)", "...", "?", "-", "See above." — a note where an answer should be. */
function isPlaceholder(back: string): boolean {
  if (back.length > 400) return false;
  const plain = plainBack(back);
  if (plain.length > 120) return false;
  // Longer than every listed placeholder and not led by TODO/TBD: a real answer, no key needed.
  if (plain.length > LONGEST_PLACEHOLDER * 2 && !PLACEHOLDER_LEAD.test(plain)) return false;
  const key = placeholderKey(plain);
  // Only dots, dashes and question marks; "[]" or "()" can be a real answer in a programming note.
  if (key === '') return /^[\s.…?？!！\-–—_~·。、,，*]+$/.test(back.replace(FORMAT_TAG, ''));
  if (PLACEHOLDERS.has(key)) return true;
  return PLACEHOLDER_LEAD.test(plain) && !plain.includes('\n') && plain.length <= 80;
}

// --- Obsidian embeds and image-only answers ---------------------------------------------

const IMAGE_EXTENSION = /\.(?:png|jpe?g|gif|bmp|svg|webp|avif|tiff?|ico|heic|heif)$/i;
const FILE_EXTENSION = /\.(?:pdf|mp3|mp4|m4a|wav|ogg|oga|flac|webm|mov|mkv|avi|3gp|ogv|canvas|excalidraw)$/i;
const EMBED = /!\[\[([^[\]\n|#^]*)((?:#|\^)[^[\]\n|]*)?(?:\|([^[\]\n]*))?\]\]/g;

interface Embed {
  kind: 'image' | 'note' | 'file';
  name: string;
}

/** `![[x.png|500]]` → `![x](x.png)`; `![[Note#Part]]` → "(embedded note: Note#Part)"; code is left alone. */
function replaceEmbeds(text: string): { text: string; embeds: Embed[] } {
  if (!text.includes('![[')) return { text, embeds: [] };
  const code = codeRanges(text);
  const embeds: Embed[] = [];
  const replaced = text.replace(EMBED, (whole: string, target: string, anchor: string | undefined, alias: string | undefined, at: number) => {
    const name = target.trim();
    if (name === '' || inRanges(code, at)) return whole;
    if (IMAGE_EXTENSION.test(name)) {
      embeds.push({ kind: 'image', name });
      const label = alias?.trim() && !/^\d+(?:x\d+)?$/i.test(alias.trim()) ? alias.trim() : baseName(name);
      return `![${label.replace(/[\\[\]]/g, '\\$&')}](${encodePath(name)})`;
    }
    const full = `${name}${anchor ?? ''}`;
    if (FILE_EXTENSION.test(name)) {
      embeds.push({ kind: 'file', name });
      return `(embedded file: ${full})`;
    }
    embeds.push({ kind: 'note', name: full });
    return `(embedded note: ${full})`;
  });
  return { text: replaced, embeds };
}

function baseName(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.[^.]+$/, '');
}

function encodePath(path: string): string {
  try {
    return encodeURI(path).replace(/\(/g, '%28').replace(/\)/g, '%29');
  } catch {
    // A lone surrogate: encodeURI refuses it; spaces and parentheses are what break a link.
    return path.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
  }
}

function embedReason(question: string, embeds: readonly Embed[]): string {
  const first = embeds[0]!;
  const what = first.kind === 'image' ? 'the image' : first.kind === 'note' ? 'the embedded note' : 'the embedded file';
  const others = embeds.length - 1;
  const tail = others === 0 ? 'is' : `and ${others} other ${others === 1 ? 'embed are' : 'embeds are'}`;
  return `In ${question}, ${what} “${first.name}” ${tail} not included in the note.`;
}

const MARKDOWN_IMAGE = /\[!\[[^\]\n]*\]\([^)\n]*\)\]\([^)\n]*\)|!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])|<img\b[^>]*>/gi;

/** Only images (markdown or `<img>`), with nothing but spaces and line breaks around them. */
function isImageOnly(back: string): boolean {
  if (!back.includes('![') && !/<img\b/i.test(back)) return false;
  let images = 0;
  const rest = back.replace(MARKDOWN_IMAGE, () => {
    images++;
    return '';
  });
  return images > 0 && rest.replace(FORMAT_TAG, '').replace(SPACE_ENTITY, '').trim() === '';
}

// --- repeated questions -------------------------------------------------------------------

/** Case, spacing and the closing punctuation of a question do not make it another question. */
function frontKey(card: RawCard): string {
  // NFKC changes nothing in plain ASCII and curly quotes and dashes: skip it there (most fronts).
  let front = (NFKC_STABLE.test(card.front) ? card.front : card.front.normalize('NFKC')).toLowerCase();
  // Most fronts are one line with single spaces and one closing mark: skip the regexes then.
  if (SPACING.test(front)) front = front.replace(/\s+/g, ' ');
  front = front.trim();
  // The marks' regex is tried only when the last character is one (it would scan the whole front).
  if (TRAILING_MARKS.test(front.charAt(front.length - 1))) front = front.replace(TRAILING_MARKS, '');
  return card.kind === 'cloze' ? `cloze\u0000${front}` : front;
}

/** Text NFKC leaves as it is: ASCII, curly quotes and en/em dashes (no marks to compose, nothing to decompose). */
const NFKC_STABLE = /^[\x00-\x7f\u2013\u2014\u2018\u2019\u201c\u201d]*$/;
/** White space that `\s+` → one space would change: two in a row, or any but a plain space. */
const SPACING = /\s\s|[^\S ]/u;
const TRAILING_MARKS = /[\s.?!。？！:：;；…,，、]+$/u;

/** An answer compared as it reads: spacing and HTML comments (which never show) aside. */
function backKey(card: RawCard): string {
  const back = card.back.includes('<!--') ? card.back.replace(/<!--[\s\S]*?(?:-->|$)/g, '') : card.back;
  // Spacing other than single spaces is rare in a short answer: the replace runs only then.
  return (SPACING.test(back) ? back.replace(/\s+/g, ' ') : back).trim();
}

/** A front that comes back: made at its second card (a front seen once is only its card). */
interface FrontGroup {
  first: RawCard;
  /** Lines of the kept cards of this front, one per distinct answer. */
  kept: number[];
  /** The front's distinct answers. */
  answers: Map<string, AnswerGroup>;
}

interface AnswerGroup {
  card: RawCard;
  /** Lines of its copies, made only when there is one (most cards have none). */
  copies?: number[];
}

/**
 * The same question with the same answer is one card (the first), however many times it is
 * written; the same question with different answers stays, once per answer, with one warning.
 */
function mergeRepeats(cards: readonly RawCard[], warnings: NoteWarning[]): RawCard[] {
  // Answers are compared only among cards that share a front: most fronts are unique, so most
  // backs are never normalised or kept as keys, and a front seen once keeps no group of its own
  // (a note of 100,000 cards stays light). A group replaces the card in place: the map keeps
  // the order fronts first appear in, which the warnings follow.
  const fronts = new Map<string, RawCard | FrontGroup>();
  const kept: RawCard[] = [];
  for (const card of cards) {
    const front = frontKey(card);
    const seen = fronts.get(front);
    if (!seen) {
      fronts.set(front, card);
      kept.push(card);
      continue;
    }
    let group: FrontGroup;
    if (isFrontGroup(seen)) group = seen;
    else {
      group = { first: seen, kept: [seen.line], answers: new Map([[backKey(seen), { card: seen }]]) };
      fronts.set(front, group);
    }
    const key = backKey(card);
    const same = group.answers.get(key);
    if (same) {
      (same.copies ??= []).push(card.line);
      continue;
    }
    group.answers.set(key, { card });
    group.kept.push(card.line);
    kept.push(card);
  }
  const groups = [...fronts.values()].filter(isFrontGroup);
  for (const { answers } of groups) {
    for (const { card, copies } of answers.values()) {
      if (!copies) continue;
      const lines = [card.line, ...copies];
      warnings.push({
        line: card.line,
        ruleId: 'duplicate-card',
        reason: `${quoted(card.front)} appears ${grouped(lines.length)} times with the same answer (${lineList(lines)}): ${copies.length === 1 ? 'the copy was' : `the ${grouped(copies.length)} copies were`} merged into the first.`,
      });
    }
  }
  for (const { first, kept: lines } of groups) {
    if (lines.length < 2) continue;
    warnings.push({
      line: first.line,
      ruleId: 'repeated-front',
      reason: `${quoted(first.front)} is asked ${grouped(lines.length)} times with different answers (${lineList(lines)}): each is kept as its own card.`,
    });
  }
  return kept;
}

function isFrontGroup(entry: RawCard | FrontGroup): entry is FrontGroup {
  return 'answers' in entry;
}

/** "lines 4, 10 and 22"; a long list names the first five and counts the rest. */
function lineList(lines: readonly number[]): string {
  if (lines.length === 1) return `line ${grouped(lines[0]!)}`;
  const shown = lines.slice(0, lines.length > 6 ? 5 : 6).map(grouped);
  const more = lines.length - shown.length;
  if (more > 0) return `lines ${shown.join(', ')} and ${grouped(more)} more`;
  return `lines ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Two warning lists merged by line, each keeping its own order. */
function mergeByLine(first: readonly NoteWarning[], second: readonly NoteWarning[]): NoteWarning[] {
  const merged: NoteWarning[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    if (j >= second.length || (i < first.length && first[i]!.line <= second[j]!.line)) merged.push(first[i++]!);
    else merged.push(second[j++]!);
  }
  return merged;
}
