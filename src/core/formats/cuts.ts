// Where a note is cut into cards. `auto` is what the converter chooses; the other choices are
// every other way of cutting it that finds cards (a whole-file layout, or a repeated prompt shape
// such as level-3 headings or bold lines), each with its card count, so the import preview can
// offer them under "Cut cards at" when the automatic choice guessed wrong.
import { cleanCards } from '../deck/cardHygiene.ts';
import type { NoteWarning } from '../deck/types.ts';
import { scanNoteStructure } from './markdown/noteStructure.ts';
import { frontFromHeadingMarkdown } from './markdown/questionHeading.ts';
import { ankiTextAtSeparator, ankiTextFormat, plausibleSeparators } from './ankiText.ts';
import { markdownFormat } from './markdown.ts';
import { noteFormats, rankFormats } from './registry.ts';
import { cutNoteAtHeadingLevel, cutNoteAtShape, headingLevels, outlineNote, SHAPE_LABELS, SHAPES } from './structure/findStructure.ts';
import type { PromptShape } from './structure/promptLines.ts';
import type { NoteFormat, RawCard } from './types.ts';

/** One way of cutting a note, as the preview offers it. */
export interface CutChoice {
  /** Stable id, remembered per deck: `auto`, `format:transcript`, `heading:3`, `bold`, … */
  id: string;
  /** Plain words: "Level-3 headings", "Bold lines", "Lines with a separator ;". */
  label: string;
  /** Cards this choice makes. */
  cards: number;
}

/** The cards of one cut. */
export interface CutResult {
  /** The choice that made the cards (`auto` resolves to the one it picked). */
  id: string;
  /** The layout (format) that made them; undefined when nothing was found. */
  layout: NoteFormat | undefined;
  cards: RawCard[];
  warnings: NoteWarning[];
}

export const AUTO_CUT = 'auto';

const formatCutId = (format: NoteFormat) => `format:${format.name}`;

/** The best-ranked format that finds cards; its warnings, or the first format's when none does. */
export function autoCut(text: string): CutResult {
  let firstWarnings: NoteWarning[] | undefined;
  for (const format of rankFormats(text)) {
    const result = safeParse(format, text);
    firstWarnings ??= result.warnings;
    if (result.cards.length > 0) return { id: formatCutId(format), layout: format, ...result };
  }
  return { id: AUTO_CUT, layout: undefined, cards: [], warnings: firstWarnings ?? [] };
}

/** Words for what auto's cards were cut at ("Question headings", "Bold lines and Q:/A: labels"). */
const AUTO_SHAPE_WORDS: Record<string, string> = {
  heading: 'question headings',
  inline: 'flashcard syntax (Q:/A:, ::, cloze, tables)',
  'separator-line': 'a separator line between question and answer',
  ...Object.fromEntries(SHAPES.map((shape) => [shape, SHAPE_LABELS[shape].charAt(0).toLowerCase() + SHAPE_LABELS[shape].slice(1)])),
};

interface ShapeCut {
  id: string;
  label: string;
  cut: (text: string) => { cards: RawCard[]; warnings: NoteWarning[] };
}

/** The prompt-shape choices a note offers: heading levels it uses, and every line shape. */
function shapeCuts(text: string, separators: ReadonlyArray<{ separator: string }> = plausibleSeparators(text)): ShapeCut[] {
  const structure = scanNoteStructure(text);
  const outline = outlineNote({ lines: structure.lines, fenced: structure.fenced });
  const cuts: ShapeCut[] = headingLevels(outline).map((level) => ({
    id: `heading:${level}`,
    label: `Level-${level} headings`,
    cut: () => cutNoteAtHeadingLevel(outline, level, frontFromHeadingMarkdown),
  }));
  // Only the shapes the note has lines of; each is cut from the one outline.
  const present = new Set(outline.prompts.flatMap((prompts) => prompts.map((p) => p.shape)));
  for (const shape of SHAPES) {
    if (!present.has(shape)) continue;
    cuts.push({ id: `shape:${shape}`, label: SHAPE_LABELS[shape], cut: () => cutNoteAtShape(outline, shape as PromptShape) });
  }
  // Lines split by a separator (a table of fields): one choice per separator, the same split
  // written with and without spaces around it offered once.
  const seen = new Set<string>();
  for (const { separator } of separators) {
    const bare = separator.trim() || separator;
    if (seen.has(bare)) continue;
    seen.add(bare);
    cuts.push({ id: `separator:${separator}`, label: `Lines with a separator ${separatorName(separator)}`, cut: () => ankiTextAtSeparator(text, separator) });
  }
  return cuts;
}

function separatorName(separator: string): string {
  if (separator === '\t') return '(tab)';
  return separator.trim();
}

/** The cards of the choice `id`; an unknown id (a choice that no longer applies) is `auto`. */
export function cutAt(text: string, id: string | undefined): CutResult {
  if (!id || id === AUTO_CUT) return autoCut(text);
  const format = noteFormats.find((f) => formatCutId(f) === id);
  if (format) return { id, layout: format, ...safeParse(format, text) };
  const shape = shapeCuts(text).find((cut) => cut.id === id);
  if (!shape) return autoCut(text);
  return { id, layout: id.startsWith('separator:') ? ankiTextFormat : markdownFormat, ...safeCut(shape, text) };
}

/** What auto chose, in words: the layout, or for markdown the shapes its cards were cut at. */
function autoWords(text: string, auto: CutResult, separators?: ReadonlyArray<{ separator: string }>): string {
  if (!auto.layout) return 'nothing found';
  if (auto.layout === ankiTextFormat) {
    const separator = (separators ?? plausibleSeparators(text))[0]?.separator;
    return separator ? `lines with a separator ${separatorName(separator)}` : shortLabel(auto.layout);
  }
  if (auto.layout !== markdownFormat) return shortLabel(auto.layout);
  const counts = new Map<string, number>();
  for (const card of auto.cards) counts.set(card.shape ?? 'heading', (counts.get(card.shape ?? 'heading') ?? 0) + 1);
  const words = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([shape]) => AUTO_SHAPE_WORDS[shape] ?? shape);
  return words.join(' and ');
}

/** The choice `id` in words, without reading the note again ("Level-3 headings", "Bold lines"). */
export function choiceLabel(id: string): string {
  const [kind, value = ''] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
  if (kind === 'heading') return `Level-${value} headings`;
  if (kind === 'shape' && value in SHAPE_LABELS) return SHAPE_LABELS[value as PromptShape];
  if (kind === 'separator') return `Lines with a separator ${separatorName(value)}`;
  const format = noteFormats.find((f) => formatCutId(f) === id);
  return format ? capitalise(shortLabel(format)) : id;
}

/** The `auto` choice alone (its words and count), for a preview that shows the cards first and the other choices a moment later. */
export function autoChoice(
  text: string,
  auto: CutResult,
  separators?: ReadonlyArray<{ separator: string }>,
): { autoLabel: string; choice: CutChoice } {
  const autoLabel = capitalise(autoWords(text, auto, separators));
  return { autoLabel, choice: { id: AUTO_CUT, label: `Auto (${autoLabel})`, cards: auto.cards.length } };
}

/** Every choice that finds cards, `auto` first, with the label of what auto chose. */
export function cutChoices(text: string, auto: CutResult = autoCut(text)): { autoLabel: string; choices: CutChoice[] } {
  const choices: CutChoice[] = [];
  // Whole-file layouts that see their signature in the note (detect > 0), then every shape.
  for (const format of rankFormats(text)) {
    // Markdown's shapes and Anki text's separators are offered one by one below.
    if (format === markdownFormat || format === ankiTextFormat) continue;
    const id = formatCutId(format);
    const cards = id === auto.id ? auto.cards.length : safeParse(format, text).cards.length;
    if (cards > 0) choices.push({ id, label: capitalise(shortLabel(format)), cards });
  }
  // One guess at the separators serves both the separator choices and auto's words.
  const separators = plausibleSeparators(text);
  for (const shape of shapeCuts(text, separators)) {
    const cards = safeCut(shape, text).cards.length;
    if (cards > 0) choices.push({ id: shape.id, label: shape.label, cards });
  }
  const { autoLabel, choice } = autoChoice(text, auto, separators);
  return { autoLabel, choices: [choice, ...choices] };
}

function safeCut(shape: ShapeCut, text: string): { cards: RawCard[]; warnings: NoteWarning[] } {
  try {
    const { cards, warnings } = shape.cut(text);
    return cleanCards(cards, warnings);
  } catch (error) {
    return { cards: [], warnings: [{ line: 1, ruleId: 'cut-failed', reason: `Cutting at ${shape.label.toLowerCase()} failed: ${String(error)}` }] };
  }
}

/** A layout's label without its parenthesised example, for a one-line choice. */
function shortLabel(format: NoteFormat): string {
  return format.label.replace(/\s*\([^)]*\)\s*$/, '').replace(/\s*\([^)]*\)/g, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function safeParse(format: NoteFormat, text: string): { cards: RawCard[]; warnings: NoteWarning[] } {
  try {
    const result = format.parse(text);
    const usable = (card: RawCard) =>
      typeof card?.front === 'string' && typeof card.back === 'string' && card.front.trim() !== '';
    // Hygiene first, so a layout whose only cards are placeholders does not win, and every
    // choice's count is the count the user will get.
    return cleanCards(
      Array.isArray(result?.cards) ? result.cards.filter(usable) : [],
      Array.isArray(result?.warnings) ? result.warnings : [],
    );
  } catch (error) {
    // A format must never throw; if one does, the note is still read by the next format.
    return {
      cards: [],
      warnings: [{ line: 1, ruleId: `${format.name}-failed`, reason: `The ${format.label} reader failed: ${String(error)}` }],
    };
  }
}
