// A card's markdown as a person would say it, in parts each with its language, for speech synthesis.
// UI-free (no DOM): parses with the core's remark processor (remark-parse + GFM + math) and walks
// the mdast. No markdown symbol reaches an utterance: code blocks are announced, math is read from
// KaTeX's own accessibility helper, tables row by row, links by their text, images by their alt.
//
// Math: KaTeX ships `katex/contrib/render-a11y-string`, which turns LaTeX into the words a screen
// reader says ("start fraction, a, divided by, b, end fraction"); we use it rather than our own
// LaTeX reader. Math it cannot parse is announced as "formula".
//
// Language rule: the card's own language is the deck's (when the user set one) or, on Auto, the
// language of the script most of its letters are in (Latin → 'en', Cyrillic → 'ru', Han with Kana
// → 'ja', Han alone → 'zh', Hangul → 'ko', Arabic, Hebrew, Greek, Devanagari, Thai). The text is then
// split into runs by script; a run in a script the card's language does not write becomes its own
// part in that script's language, if it has at least MIN_RUN_LETTERS letters (shorter runs, such
// as "API" in a Japanese sentence, stay with their neighbours). Announce words ("code", "lines",
// "image", "items", "and more") are in the card's language when the table below has it, else English.

import renderA11yString from 'katex/contrib/render-a11y-string';
import type { Nodes, Parent, Root, RootContent, Table } from 'mdast';
import { markdownParser } from '../core/formats/markdown/remarkParser.ts';

/** One utterance: text to speak and its BCP-47 language. */
export interface SpeechPart {
  text: string;
  lang: string;
}

export interface SpeechTextOptions {
  /** The deck's language for reading aloud, when the user chose one (otherwise detected). */
  deckLanguage?: string;
  /** Spell code blocks out instead of announcing them. */
  readCode?: boolean;
  /** Cut after about this many words, at a sentence end, and add "and more" (default 60). */
  maxWords?: number;
}

export const DEFAULT_MAX_WORDS = 60;
const MIN_RUN_LETTERS = 4;

interface AnnounceWords {
  code: string;
  /** "Python code" → the language's name before or after the word for code. */
  namedCode(language: string): string;
  lines(n: number): string;
  items(n: number): string;
  row(n: number): string;
  image: string;
  link: string;
  formula: string;
  andMore: string;
}

const en: AnnounceWords = {
  code: 'code',
  namedCode: (l) => `${l} code`,
  lines: (n) => (n === 1 ? '1 line' : `${n} lines`),
  items: (n) => (n === 1 ? '1 item' : `${n} items`),
  row: (n) => `Row ${n}`,
  image: 'image',
  link: 'link',
  formula: 'formula',
  andMore: 'and more',
};

/** Announce words per language (English for any other). */
const ANNOUNCE: Record<string, AnnounceWords> = {
  en,
  de: { code: 'Code', namedCode: (l) => `${l}-Code`, lines: (n) => (n === 1 ? '1 Zeile' : `${n} Zeilen`), items: (n) => (n === 1 ? '1 Punkt' : `${n} Punkte`), row: (n) => `Zeile ${n}`, image: 'Bild', link: 'Link', formula: 'Formel', andMore: 'und mehr' },
  fr: { code: 'code', namedCode: (l) => `code ${l}`, lines: (n) => (n === 1 ? '1 ligne' : `${n} lignes`), items: (n) => (n === 1 ? '1 élément' : `${n} éléments`), row: (n) => `Ligne ${n}`, image: 'image', link: 'lien', formula: 'formule', andMore: 'et plus' },
  es: { code: 'código', namedCode: (l) => `código ${l}`, lines: (n) => (n === 1 ? '1 línea' : `${n} líneas`), items: (n) => (n === 1 ? '1 elemento' : `${n} elementos`), row: (n) => `Fila ${n}`, image: 'imagen', link: 'enlace', formula: 'fórmula', andMore: 'y más' },
  ja: { code: 'コード', namedCode: (l) => `${l}のコード`, lines: (n) => `${n}行`, items: (n) => `${n}項目`, row: (n) => `${n}行目`, image: '画像', link: 'リンク', formula: '数式', andMore: 'ほか' },
  zh: { code: '代码', namedCode: (l) => `${l}代码`, lines: (n) => `${n}行`, items: (n) => `${n}项`, row: (n) => `第${n}行`, image: '图片', link: '链接', formula: '公式', andMore: '等等' },
  ru: { code: 'код', namedCode: (l) => `код на ${l}`, lines: (n) => `строк: ${n}`, items: (n) => `пунктов: ${n}`, row: (n) => `Строка ${n}`, image: 'изображение', link: 'ссылка', formula: 'формула', andMore: 'и далее' },
};

function announceFor(lang: string): AnnounceWords {
  return ANNOUNCE[baseLanguage(lang)] ?? en;
}

function baseLanguage(lang: string): string {
  return lang.toLowerCase().split('-')[0] ?? lang;
}

/** Names for fenced-code languages, as said aloud. */
const CODE_LANGUAGE_NAMES: Record<string, string> = {
  py: 'Python', python: 'Python', js: 'JavaScript', javascript: 'JavaScript', jsx: 'JavaScript', ts: 'TypeScript',
  typescript: 'TypeScript', tsx: 'TypeScript', sql: 'SQL', sh: 'shell', bash: 'shell', shell: 'shell', zsh: 'shell',
  java: 'Java', kotlin: 'Kotlin', go: 'Go', rust: 'Rust', rs: 'Rust', c: 'C', cpp: 'C plus plus', 'c++': 'C plus plus',
  cs: 'C sharp', csharp: 'C sharp', rb: 'Ruby', ruby: 'Ruby', php: 'PHP', swift: 'Swift', r: 'R', scala: 'Scala',
  json: 'JSON', yaml: 'YAML', yml: 'YAML', html: 'HTML', css: 'CSS', xml: 'XML', md: 'markdown', markdown: 'markdown',
  dockerfile: 'Dockerfile', toml: 'TOML',
};

// ---- scripts and languages ----

type Script = 'Latin' | 'Cyrillic' | 'Han' | 'Kana' | 'Hangul' | 'Arabic' | 'Hebrew' | 'Greek' | 'Devanagari' | 'Thai';

const SCRIPT_TESTS: Array<[Script, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Han', /\p{Script=Han}/u],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
];
const LETTER = /\p{L}/u;

function scriptOf(char: string): Script | null {
  if (char < '\u0080') return /[A-Za-z]/.test(char) ? 'Latin' : null;
  if (!LETTER.test(char)) return null;
  for (const [script, test] of SCRIPT_TESTS) if (test.test(char)) return script;
  return null;
}

const SCRIPT_LANGUAGE: Record<Exclude<Script, 'Han' | 'Kana' | 'Latin'>, string> = {
  Cyrillic: 'ru', Hangul: 'ko', Arabic: 'ar', Hebrew: 'he', Greek: 'el', Devanagari: 'hi', Thai: 'th',
};

/** Which scripts a language is written in (Latin for any not listed). */
function scriptsOf(lang: string): ReadonlySet<Script> {
  switch (baseLanguage(lang)) {
    case 'ja': return new Set(['Han', 'Kana']);
    case 'zh': return new Set(['Han']);
    case 'ko': return new Set(['Hangul', 'Han']);
    case 'ru': case 'uk': case 'bg': case 'sr': case 'be': case 'mk': case 'kk': return new Set(['Cyrillic']);
    case 'ar': case 'fa': case 'ur': return new Set(['Arabic']);
    case 'he': case 'yi': return new Set(['Hebrew']);
    case 'el': return new Set(['Greek']);
    case 'hi': case 'mr': case 'ne': return new Set(['Devanagari']);
    case 'th': return new Set(['Thai']);
    default: return new Set(['Latin']);
  }
}

function languageOfScript(script: Script, hasKana: boolean): string {
  if (script === 'Latin') return 'en';
  if (script === 'Kana') return 'ja';
  if (script === 'Han') return hasKana ? 'ja' : 'zh';
  return SCRIPT_LANGUAGE[script];
}

/** The language of the script most letters of `text` are in ('en' for text with no letters). */
export function detectLanguage(text: string): string {
  const counts = new Map<Script, number>();
  for (const char of text) {
    const script = scriptOf(char);
    if (script) counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  const hasKana = (counts.get('Kana') ?? 0) > 0;
  // Japanese is written in Han and Kana together: count them as one.
  if (hasKana) counts.set('Kana', (counts.get('Kana') ?? 0) + (counts.get('Han') ?? 0)), counts.delete('Han');
  let best: Script | null = null;
  for (const [script, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = script;
  return best ? languageOfScript(best, hasKana) : 'en';
}

// ---- markdown → words ----

interface Walk {
  words: AnnounceWords;
  readCode: boolean;
  sentences: string[];
}

function inlineText(node: Nodes, walk: Walk): string {
  switch (node.type) {
    case 'text':
      return node.value;
    case 'inlineCode':
      return codeWords(node.value);
    case 'inlineMath':
    case 'math':
      return mathWords(node.value, walk.words);
    case 'link': {
      const text = childrenText(node, walk).trim();
      return text === '' || looksLikeUrl(text) ? walk.words.link : text;
    }
    case 'image':
    case 'imageReference':
      // Commas keep an image apart from the words around it.
      return node.alt?.trim() ? ` ${walk.words.image}: ${node.alt.trim()}, ` : ` ${walk.words.image}, `;
    case 'html':
      return stripHtml(node.value);
    case 'break':
      return ' ';
    case 'footnoteReference':
    case 'definition':
    case 'footnoteDefinition':
      return '';
    default:
      return 'children' in node ? childrenText(node as Parent, walk) : 'value' in node ? String(node.value) : '';
  }
}

function childrenText(node: Parent, walk: Walk): string {
  let out = '';
  for (const child of node.children) out += inlineText(child as Nodes, walk);
  return out;
}

function blockSentences(node: RootContent, walk: Walk, depth: number): void {
  const say = (text: string) => {
    const clean = tidy(text);
    if (clean !== '') walk.sentences.push(clean);
  };
  switch (node.type) {
    case 'heading':
    case 'paragraph':
      say(childrenText(node, walk));
      return;
    case 'blockquote':
    case 'footnoteDefinition':
      if (node.type === 'footnoteDefinition') return;
      for (const child of node.children) blockSentences(child, walk, depth);
      return;
    case 'list':
      // A list longer than one item says how many first, at its top level only (nested lists just read on).
      if (depth === 0 && node.children.length > 1) say(`${walk.words.items(node.children.length)}:`);
      for (const item of node.children) for (const child of item.children) blockSentences(child, walk, depth + 1);
      return;
    case 'code': {
      const lines = node.value === '' ? 0 : node.value.split('\n').length;
      if (walk.readCode) {
        for (const line of node.value.split('\n')) say(codeWords(line));
        return;
      }
      const name = node.lang ? CODE_LANGUAGE_NAMES[node.lang.toLowerCase()] ?? (/^[a-z][\w+#-]*$/i.test(node.lang) ? node.lang : null) : null;
      const code = name ? walk.words.namedCode(name) : walk.words.code;
      say(`${code.charAt(0).toUpperCase()}${code.slice(1)}, ${walk.words.lines(lines)}.`);
      return;
    }
    case 'math':
      say(mathWords(node.value, walk.words));
      return;
    case 'table':
      tableSentences(node, walk).forEach(say);
      return;
    case 'html':
      say(stripHtml(node.value));
      return;
    case 'thematicBreak':
    case 'definition':
    case 'yaml' as string:
      return;
    default:
      say(inlineText(node as Nodes, walk));
  }
}

/** "Row 1: Name, Alice; Age, 30" — each body row with the header's labels. */
function tableSentences(table: Table, walk: Walk): string[] {
  const rows = table.children.map((row) => row.children.map((cell) => tidy(childrenText(cell, walk))));
  const [header = [], ...body] = rows;
  if (body.length === 0) return [header.filter(Boolean).join(', ')];
  return body.map((cells, i) => {
    const pairs = cells.map((cell, j) => (header[j] ? `${header[j]}, ${cell}` : cell)).filter((p) => p.trim() !== '');
    return `${walk.words.row(i + 1)}: ${pairs.join('; ')}.`;
  });
}

function mathWords(latex: string, words: AnnounceWords): string {
  try {
    return renderA11yString(latex, { strict: 'ignore', trust: false, maxExpand: 500 });
  } catch {
    return words.formula;
  }
}

/** An identifier said as words: getUserById → "get user by id", snake_case → "snake case". */
export function codeWords(code: string): string {
  const split = code
    .replace(/\(\)/g, '')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_.:/\\-]+(?=\w)/g, ' ')
    .split(/\s+/);
  return split.length > 1 ? split.map((w) => (/^[A-Z][a-z]+$/.test(w) ? w.toLowerCase() : w)).join(' ') : split.join(' ');
}

function stripHtml(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, ' less than ')
    .replace(/&gt;/g, ' greater than ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'");
}

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s)]+/gi;

function looksLikeUrl(text: string): boolean {
  return /^(?:https?:\/\/|www\.|mailto:)\S+$/i.test(text) || /^[\w.-]+@[\w.-]+\.\w+$/.test(text);
}

/** Symbols that survive parsing (a literal `*`, `C#`, a stray `$`, raw LaTeX) turned into words or dropped. */
function tidy(text: string): string {
  return text
    .replace(URL_PATTERN, (url) => url.replace(/^(?:https?:\/\/)?(?:www\.)?([^/]+).*$/i, '$1').replace(/\./g, ' dot '))
    .replace(/\b([CF])#/g, '$1 sharp')
    .replace(/\$(\d[\d.,]*)/g, '$1 dollars')
    .replace(/\\[a-zA-Z]+/g, ' ')
    .replace(/\]\(/g, ' ')
    .replace(/[#*`|$~^\\{}[\]<>_=]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .trim();
}

// ---- cut and split ----

const SENTENCE_END = /[.!?。！？]$/u;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;

/** Words in `text`: space-separated words, and every two CJK or Thai characters as one. */
function wordCount(text: string): number {
  const cjk = text.match(CJK_CHAR)?.length ?? 0;
  const spaced = text.replace(CJK_CHAR, ' ').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return spaced + Math.ceil(cjk / 2);
}

/** Joins sentences, cutting after `maxWords` at a sentence end (or mid-sentence if the first is longer). */
function joinAndCut(sentences: string[], maxWords: number, words: AnnounceWords): string {
  const pieces = sentences.flatMap((s) => s.split(/(?<=[.!?。！？])\s+/u)).filter(Boolean);
  const kept: string[] = [];
  let count = 0;
  let cut = false;
  for (const piece of pieces) {
    const n = wordCount(piece);
    if (count + n > maxWords) {
      cut = true;
      if (kept.length === 0) kept.push(firstWords(piece, maxWords));
      break;
    }
    kept.push(piece);
    count += n;
  }
  const text = kept.map((s) => (SENTENCE_END.test(s) || /[:;]$/.test(s) ? s : `${s}.`)).join(' ');
  return cut ? `${text} ${words.andMore}.` : text;
}

function firstWords(sentence: string, maxWords: number): string {
  const parts = sentence.split(/\s+/);
  if (parts.length > 1) return parts.slice(0, maxWords).join(' ').replace(/[,;:]$/, '');
  return [...sentence].slice(0, maxWords * 2).join('');
}

/** Splits `text` into parts by script run; runs the card's language does not write get their own language. */
function splitByScript(text: string, cardLang: string, hasKana: boolean): SpeechPart[] {
  const own = scriptsOf(cardLang);
  const runs: Array<{ text: string; lang: string; letters: number }> = [];
  let current: { text: string; lang: string; letters: number } | null = null;
  let pending = '';
  for (const char of text) {
    const script = scriptOf(char);
    if (!script) {
      pending += char;
      continue;
    }
    const lang = own.has(script) || (script === 'Han' && own.has('Kana')) ? cardLang : languageOfScript(script, hasKana);
    if (current && current.lang === lang) {
      current.text += pending + char;
      current.letters++;
    } else {
      if (current) current.text += pending.replace(/\s+$/, '');
      const lead: string = current ? '' : pending;
      current = { text: lead + char, lang, letters: 1 };
      runs.push(current);
    }
    pending = '';
  }
  if (current) current.text += pending;
  else if (pending.trim()) runs.push({ text: pending, lang: cardLang, letters: 0 });
  // Short runs in another script stay with their neighbours, read in the card's language.
  const merged: SpeechPart[] = [];
  for (const run of runs) {
    const lang = run.lang !== cardLang && run.letters < MIN_RUN_LETTERS ? cardLang : run.lang;
    const last = merged[merged.length - 1];
    if (last && last.lang === lang) last.text += ` ${run.text}`;
    else merged.push({ text: run.text, lang });
  }
  return merged.map((p) => ({ text: p.text.replace(/\s+/g, ' ').trim(), lang: p.lang })).filter((p) => /[\p{L}\p{N}]/u.test(p.text));
}

/**
 * A card side's markdown as speech: parts to speak one after another, each with its language.
 * Never contains markdown symbols; see the file's opening comment for the rules.
 */
export function speechForCard(markdown: string, options: SpeechTextOptions = {}): SpeechPart[] {
  if (markdown.trim() === '') return [];
  const cardLang = options.deckLanguage || detectLanguage(markdown.replace(/`[^`]*`|\$[^$]*\$|```[\s\S]*?```/g, ' '));
  const walk: Walk = { words: announceFor(cardLang), readCode: options.readCode ?? false, sentences: [] };
  const tree = markdownParser.parse(markdown) as Root;
  for (const node of tree.children) blockSentences(node, walk, 0);
  const text = joinAndCut(walk.sentences, Math.max(1, options.maxWords ?? DEFAULT_MAX_WORDS), walk.words);
  return splitByScript(text, cardLang, /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(markdown));
}

/** Both sides of a card, with the same options (the long-back cut applies to each). */
export function speechForReview(front: string, back: string, options: SpeechTextOptions = {}): { front: SpeechPart[]; back: SpeechPart[] } {
  return { front: speechForCard(front, options), back: speechForCard(back, options) };
}
