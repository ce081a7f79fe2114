// The structure finder: which repeated prompt shape a note (or a part of it) is written in.
// A Q&A note repeats one shape of prompt followed by an answer — bold lines, numbered items,
// labelled lines, bulleted questions, plain lines that ask — and each candidate shape is scored
// by how often it repeats, how question-like its prompts read and how many of them have an
// answer after them. `autoPromptCards` cuts each stretch of a note (the text outside heading
// questions) at the best accepted shape found in it; `cutNoteAtShape` cuts a whole note at a
// shape the user chose in the import preview. Linear: one scan, one cut per shape.
import type { NoteWarning } from '../../deck/types.ts';
import type { RawCard } from '../types.ts';
import { cutAtPrompts, type CutCards, type CutInput } from './cutAtPrompts.ts';
import { findPromptLines, type PromptLine, type PromptShape } from './promptLines.ts';

export interface Stretch {
  /** 0-based line range [from, to). */
  from: number;
  to: number;
  section: string[];
}

/** Plain words for each shape, as "Cut cards at" offers it. */
export const SHAPE_LABELS: Record<PromptShape, string> = {
  bold: 'Bold lines',
  numbered: 'Numbered items',
  bullet: 'Bulleted items',
  label: 'Q:/A: labels',
  'question-line': 'Lines that ask a question',
};

export const SHAPES: readonly PromptShape[] = ['label', 'bold', 'numbered', 'bullet', 'question-line'];

/** Share of a shape's lines that must ask (or be numbered, for bold) for auto to cut at it. */
const MIN_ASK_SHARE: Record<PromptShape, number> = { label: 0, bold: 0.5, numbered: 0.5, bullet: 0.6, 'question-line': 0 };
/**
 * Fewest prompts of a shape in one stretch for auto to cut that stretch at it: a lone line that
 * ends in `?` inside prose is a remark, not a card (numbered and labelled prompts carry their
 * own signal, and bold numbering often runs one question per section).
 */
const MIN_IN_STRETCH: Record<PromptShape, number> = { label: 1, bold: 1, numbered: 1, bullet: 2, 'question-line': 2 };
/** Fewest cards a shape must make in the whole note for auto to trust it. */
const MIN_CARDS: Record<PromptShape, number> = { label: 2, bold: 2, numbered: 2, bullet: 3, 'question-line': 3 };
/** Fewest cards when every outer line of the shape asks and every prompt got an answer. */
const MIN_UNANIMOUS_CARDS = 2;

/**
 * The prompts auto takes among a shape's lines (all of the note's, in order): those that ask,
 * those numbered in the note's own sequence (`**1)** The number of active ads.`, numbering that
 * runs on across sections or restarts at 1), and for labels all of them.
 */
function autoPrompts(shape: PromptShape, lines: readonly PromptLine[]): Set<PromptLine> {
  if (shape === 'label' || shape === 'question-line') return new Set(lines);
  let minIndent = Infinity;
  for (const line of lines) minIndent = Math.min(minIndent, line.indent);
  const kept = new Set<PromptLine>();
  // Whole bold lines that nearly all ask: the few that do not (`**Precision-recall trade-off**`)
  // are the same shape of prompt, phrased as a topic.
  const whole = shape === 'bold' ? lines.filter((line) => line.wholeBold) : [];
  const boldTopics = whole.length >= MIN_BOLD_TOPIC_SIBLINGS && whole.filter((line) => line.asks > 0).length / whole.length >= BOLD_TOPIC_SHARE;
  let lastNumber = -1;
  for (const line of lines) {
    if (boldTopics && line.wholeBold && line.asks === 0 && line.front.length <= 80) {
      kept.add(line);
      continue;
    }
    // Nested items belong to an answer, unless one asks and answers on its own line.
    if (line.indent > minIndent + 1 && !(line.inlineAnswer !== undefined && line.asks > 0)) continue;
    const number = line.number !== undefined ? Number(line.number) : NaN;
    const continues = Number.isFinite(number) && (number === lastNumber + 1 || number === 1);
    if (line.asks > 0 || continues) {
      kept.add(line);
      if (Number.isFinite(number)) lastNumber = number;
    }
  }
  return kept;
}

/** Fewest whole bold lines, and the share of them that must ask, for the topic ones among them to be prompts too. */
const MIN_BOLD_TOPIC_SIBLINGS = 5;
const BOLD_TOPIC_SHARE = 0.75;

interface ShapeVerdict {
  shape: PromptShape;
  score: number;
}

/**
 * A stretch cut at a shape's kept prompts, made once: judging the shapes counts these cards, and
 * the stretch then takes the cards of the best shape from here.
 */
type StretchCuts = Map<Stretch, Map<PromptShape, CutCards>>;

function cutStretch(input: CutInput, stretch: Stretch, shape: PromptShape, chosen: readonly PromptLine[], cuts: StretchCuts): CutCards {
  let byShape = cuts.get(stretch);
  if (!byShape) cuts.set(stretch, (byShape = new Map()));
  let cut = byShape.get(shape);
  if (!cut) byShape.set(shape, (cut = cutAtPrompts(input, chosen, stretch.to, stretch.section)));
  return cut;
}

/** The shapes auto may cut at, best first, judged over every stretch of the note together. */
function acceptedShapes(
  input: CutInput,
  byStretch: ReadonlyArray<Map<PromptShape, PromptLine[]>>,
  stretches: readonly Stretch[],
  kept: ReadonlyMap<PromptShape, Set<PromptLine>>,
  cuts: StretchCuts,
): ShapeVerdict[] {
  const verdicts: ShapeVerdict[] = [];
  const outerIndent: Partial<Record<PromptShape, number>> = {};
  for (const shape of SHAPES) {
    outerIndent[shape] = Math.min(...byStretch.flatMap((shapes) => (shapes.get(shape) ?? []).map((line) => line.indent)));
  }
  for (const shape of SHAPES) {
    let lines = 0;
    let asks = 0;
    let numbered = 0;
    let prompts = 0;
    let cards = 0;
    let askingLines = 0;
    byStretch.forEach((shapes, s) => {
      const all = shapes.get(shape);
      if (!all || all.length < MIN_IN_STRETCH[shape]) return;
      // Nested items belong to answers: only the outermost level is judged.
      const outer =
        shape === 'numbered' || shape === 'bullet'
          ? all.filter((line) => line.indent <= outerIndent[shape]! + 1 || (line.inlineAnswer !== undefined && line.asks > 0))
          : all;
      lines += outer.length;
      for (const line of outer) {
        asks += line.asks;
        if (line.asks > 0) askingLines++;
        if (line.number !== undefined) numbered++;
      }
      const chosen = all.filter((line) => kept.get(shape)!.has(line));
      prompts += chosen.length;
      cards += cutStretch(input, stretches[s]!, shape, chosen, cuts).cards.length;
    });
    // Prompts their writer tagged as flashcards (`#card`) need no repetition to be trusted.
    const tagged = byStretch.some((shapes) => (shapes.get(shape) ?? []).some((line) => line.tagged));
    // A short note of two prompts that all ask and are all answered is as clear as a long one.
    const unanimous = lines > 0 && askingLines === lines && cards === prompts;
    if (lines === 0 || cards < (tagged ? 1 : unanimous ? MIN_UNANIMOUS_CARDS : MIN_CARDS[shape])) continue;
    const askShare = asks / lines;
    const numberedShare = numbered / lines;
    const answeredShare = cards / Math.max(1, prompts);
    const trusted = askShare >= MIN_ASK_SHARE[shape] || (shape === 'bold' && numberedShare >= 0.8 && cards >= 3);
    // Labelled prompts are explicit: a list of practice questions nobody answered yet among them
    // does not make the answered ones less of a shape.
    if (!trusted || (shape !== 'label' && answeredShare < 0.5)) continue;
    verdicts.push({ shape, score: cards * (0.5 + 0.5 * Math.max(askShare, numberedShare)) * answeredShare });
  }
  return verdicts.sort((a, b) => b.score - a.score);
}

function groupByShape(prompts: readonly PromptLine[]): Map<PromptShape, PromptLine[]> {
  const byShape = new Map<PromptShape, PromptLine[]>();
  for (const prompt of prompts) {
    const list = byShape.get(prompt.shape);
    if (list) list.push(prompt);
    else byShape.set(prompt.shape, [prompt]);
  }
  return byShape;
}

/** Cards marked with the shape that cut them, for the preview's "Auto (…)" label. */
function marked<T extends CutCards>(result: T, shape: string): T {
  for (const card of result.cards) card.shape = shape;
  return result;
}

/** A stretch's cards; `tagged` when its writer marked the prompts as flashcards (`#card`). */
export interface StretchCards extends CutCards {
  tagged: boolean;
}

/**
 * For each stretch, the cards of the best shape accepted for the note that appears in it, or
 * undefined when none does (a narrative stretch, or one the inline syntaxes must read).
 */
export function autoPromptCards(input: CutInput, stretches: readonly Stretch[]): Array<StretchCards | undefined> {
  const byStretch = stretches.map((stretch) => groupByShape(findPromptLines(input.lines, input.fenced, stretch.from, stretch.to)));
  const kept = new Map(SHAPES.map((shape) => [shape, autoPrompts(shape, byStretch.flatMap((shapes) => shapes.get(shape) ?? []))]));
  const cuts: StretchCuts = new Map();
  const accepted = acceptedShapes(input, byStretch, stretches, kept, cuts);
  const separators = separatorLines(input);
  return stretches.map((stretch, s) => {
    let best: StretchCards | undefined;
    let bestShape: PromptShape | 'separator-line' | undefined;
    const tryShapes = (verdicts: readonly ShapeVerdict[]) => {
      for (const { shape } of verdicts) {
        const lines = byStretch[s]!.get(shape);
        if (!lines || lines.length < MIN_IN_STRETCH[shape]) continue;
        const chosen = lines.filter((line) => kept.get(shape)!.has(line));
        if (chosen.length === 0) continue;
        const cut = cutStretch(input, stretch, shape, chosen, cuts);
        const result = { cards: cut.cards, warnings: cut.warnings, tagged: chosen.some((line) => line.tagged) };
        if (result.cards.length > (best?.cards.length ?? 0)) {
          best = result;
          bestShape = shape;
        }
      }
    };
    tryShapes(accepted);
    if (separators.size > 0) {
      const parted = cardsAtSeparatorLines(input, stretch, separators);
      // The writer's own separator is explicit: it wins a tie with a shape that also sees these lines.
      if (parted && parted.cards.length >= (best?.cards.length ?? 0)) {
        best = { ...parted, tagged: false };
        bestShape = 'separator-line';
      }
    }
    // A section may use a shape the rest of the note does not (one list of questions in a
    // narrative note): judged on the section alone, by the same rules, when the note's own
    // shapes find nothing in it.
    if (!best) tryShapes(acceptedShapes(input, [byStretch[s]!], [stretch], kept, cuts).filter((v) => !accepted.some((a) => a.shape === v.shape)));
    return best && bestShape ? marked(best, bestShape) : undefined;
  });
}

/** Fewest times one separator line must recur for auto to read it as the note's card separator. */
const MIN_SEPARATOR_LINES = 3;
const RULE_LINE = /^ {0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$/;
/** One empty tag, or a few separator marks (never brackets or semicolons, which close code). */
const SEPARATOR_LINE = /^(?:<(?:br|hr|wbr)\b[^>]*\/?>|[?%~=+*#:|!-]{1,8})$/i;

/**
 * Lines a note uses to part a question from its answer, the way Obsidian's spaced-repetition
 * plugin lets people choose their own (`?` is built in; `<br class="f">`, `%%`, `--?--`…): a
 * short line with no words (an empty tag or marks), recurring identically, each time with text
 * right above and right below it. Returns the set of such lines' trimmed text.
 */
function separatorLines(input: CutInput): Set<string> {
  const counts = new Map<string, number>();
  const { lines, fenced } = input;
  for (let i = 1; i + 1 < lines.length; i++) {
    if (fenced[i]) continue;
    const line = lines[i]!.trim();
    if (line === '' || line.length > 30 || RULE_LINE.test(line) || /^[?？]{1,2}$/.test(line)) continue;
    // No words: marks (`%%`, `-?-`) or one empty tag (`<br class="f">`, `<hr>`), never a tag
    // that opens or closes a block (`</details>`, `<summary>`), which frames text of its own.
    if (!SEPARATOR_LINE.test(line) || /^[ \t]{2,}/.test(lines[i]!)) continue;
    if (lines[i - 1]!.trim() === '' || lines[i + 1]!.trim() === '') continue;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= MIN_SEPARATOR_LINES).map(([line]) => line));
}

/** Cards parted by separator lines in a stretch: the paragraph above is the question, the one below the answer. */
function cardsAtSeparatorLines(input: CutInput, stretch: Stretch, separators: ReadonlySet<string>): CutCards | undefined {
  const { lines, fenced } = input;
  const cards: RawCard[] = [];
  for (let i = stretch.from + 1; i + 1 < stretch.to; i++) {
    if (fenced[i] || !separators.has(lines[i]!.trim())) continue;
    let top = i - 1;
    while (top > stretch.from && lines[top - 1]!.trim() !== '' && !separators.has(lines[top - 1]!.trim())) top--;
    let bottom = i + 1;
    while (bottom + 1 < stretch.to && lines[bottom + 1]!.trim() !== '' && !separators.has(lines[bottom + 1]!.trim())) bottom++;
    const front = lines.slice(top, i).join('\n').trim();
    const back = lines.slice(i + 1, bottom + 1).join('\n').replace(/<!--\s*SR:[\s\S]*?-->/g, '').trim();
    if (front !== '' && back !== '') cards.push({ front, back, line: top + 1, section: stretch.section, shape: 'separator-line' });
  }
  return cards.length > 0 ? { cards, warnings: [] } : undefined;
}

/** Stretches between headings, each with the path of headings above it. */
function headingStretches(input: CutInput, isHeading: (index: number) => number): { stretches: Stretch[]; headings: Array<{ index: number; level: number; title: string; section: string[] }> } {
  const stretches: Stretch[] = [];
  const headings: Array<{ index: number; level: number; title: string; section: string[] }> = [];
  const stack: Array<{ level: number; title: string }> = [];
  let start = 0;
  for (let i = 0; i < input.lines.length; i++) {
    const level = isHeading(i);
    if (level === 0) continue;
    if (i > start) stretches.push({ from: start, to: i, section: stack.map((h) => h.title) });
    while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
    const title = input.lines[i]!.replace(/^ {0,3}#{1,6}[ \t]*/, '').replace(/[ \t]+#+[ \t]*$/, '').trim();
    headings.push({ index: i, level, title, section: stack.map((h) => h.title) });
    stack.push({ level, title });
    start = i + 1;
  }
  if (input.lines.length > start) stretches.push({ from: start, to: input.lines.length, section: stack.map((h) => h.title) });
  return { stretches, headings };
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]|$)/;

function headingLevelOf(input: CutInput): (index: number) => number {
  return (index) => {
    if (input.fenced[index]) return 0;
    const match = ATX.exec(input.lines[index]!);
    return match ? match[1]!.length : 0;
  };
}

/** A note read once for the user's choices: its heading stretches and every prompt line in each. */
export interface NoteOutline {
  input: CutInput;
  stretches: Stretch[];
  headings: Array<{ index: number; level: number; title: string; section: string[] }>;
  prompts: PromptLine[][];
}

/** The outline every "Cut cards at" choice is cut from: one scan, shared by all of them. */
export function outlineNote(input: CutInput): NoteOutline {
  const { stretches, headings } = headingStretches(input, headingLevelOf(input));
  const prompts = stretches.map((stretch) => findPromptLines(input.lines, input.fenced, stretch.from, stretch.to));
  return { input, stretches, headings, prompts };
}

/**
 * The whole note cut at one prompt shape the user chose: every line of that shape opens a card
 * (whether or not it reads as a question); headings are the sections.
 */
export function cutNoteAtShape(outline: NoteOutline, shape: PromptShape): CutCards {
  const { input, stretches } = outline;
  const cards: RawCard[] = [];
  const warnings: NoteWarning[] = [];
  const all = outline.prompts.map((prompts) => prompts.filter((p) => p.shape === shape));
  let minIndent = Infinity;
  for (const prompts of all) for (const p of prompts) minIndent = Math.min(minIndent, p.indent);
  stretches.forEach((stretch, s) => {
    const prompts = all[s]!.filter((p) => shape === 'label' || shape === 'bold' || p.indent <= minIndent + 1);
    if (prompts.length === 0) return;
    const result = cutAtPrompts(input, prompts, stretch.to, stretch.section);
    for (const card of marked(result, shape).cards) cards.push(card);
    for (const warning of result.warnings) warnings.push(warning);
  });
  return { cards, warnings };
}

/** The whole note cut at headings of one level: deeper headings stay in the answers. */
export function cutNoteAtHeadingLevel(outline: NoteOutline, level: number, front: (headingMarkdown: string) => string): CutCards {
  const { input, headings } = outline;
  const cards: RawCard[] = [];
  const warnings: NoteWarning[] = [];
  for (let h = 0; h < headings.length; h++) {
    const heading = headings[h]!;
    if (heading.level !== level) continue;
    let end = input.lines.length;
    for (let k = h + 1; k < headings.length; k++) {
      if (headings[k]!.level <= level) {
        end = headings[k]!.index;
        break;
      }
    }
    const title = front(heading.title);
    const back = input.lines.slice(heading.index + 1, end).join('\n').trim();
    if (title === '') continue;
    if (back === '') {
      warnings.push({ line: heading.index + 1, ruleId: 'no-answer', reason: `“${title.slice(0, 80)}” has no answer under it, so no card was made.` });
      continue;
    }
    cards.push({ front: title, back, line: heading.index + 1, section: heading.section, shape: `heading:${level}` });
  }
  return { cards, warnings };
}

/** Heading levels that occur at least twice. */
export function headingLevels(outline: NoteOutline): number[] {
  const counts = new Array<number>(7).fill(0);
  for (const heading of outline.headings) counts[heading.level]!++;
  return [1, 2, 3, 4, 5, 6].filter((level) => counts[level]! >= 2);
}
