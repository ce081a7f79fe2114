// The skeleton of a markdown note, found by one line scan before any parsing: which lines are
// ATX headings and which are separators, with code fences and multi-line HTML comments skipped.
// Sections are then parsed on their own, so one broken construct (an unclosed `$$`) cannot
// swallow the headings after it.
import { fencedLines } from '../../text/codeFences.ts';

export interface HeadingLine {
  kind: 'heading';
  /** 0-based line index. */
  index: number;
  /** 1..6, the number of `#`. */
  level: number;
}

/** A thematic break (`---`, `***`), a labelled rule (`------ More Qs`) or a row of dots. */
export interface SeparatorLine {
  kind: 'separator';
  index: number;
}

export type StructureLine = HeadingLine | SeparatorLine;

export interface NoteStructure {
  lines: string[];
  /** Offset of each line's first character in the text. */
  lineStarts: number[];
  /** Headings and separators in line order. */
  marks: StructureLine[];
  /** Lines inside (or opening/closing) a closed code fence. */
  fenced: boolean[];
}

/** ATX heading: up to 3 spaces, 1..6 `#`, then a space, a tab or the end of the line. */
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** `------- More Qs`: a rule with a label after it, which people use to close a part of a note. */
const LABELLED_RULE = /^ {0,3}-{4,}[ \t]+\S/;
const DOT_RULE = /^ {0,3}(?:\.[ \t]*){5,}$/;

/** Up to three spaces, then the character that decides what the line can be. */
function firstMarkChar(line: string): string {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 0x20) i++;
  return line.charAt(i);
}

/**
 * The last note scanned: detection, the parse and the cut choices all scan the same note, and
 * share its lines (so the prompt lines read on them are read once). A structure is never changed.
 */
let lastScan: { text: string; structure: NoteStructure } | undefined;

/** Lines of `text` with their offsets and structure marks. Linear in the length of the text. */
export function scanNoteStructure(text: string): NoteStructure {
  if (lastScan?.text === text) return lastScan.structure;
  const structure = scanLines(text);
  lastScan = { text, structure };
  return structure;
}

function scanLines(text: string): NoteStructure {
  const lines = text.split('\n');
  const lineStarts = new Array<number>(lines.length);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    lineStarts[i] = offset;
    offset += lines[i]!.length + 1;
  }
  const fenced = fencedLines(lines);
  const folded = insideDetails(lines, fenced);
  const marks: StructureLine[] = [];
  let inComment = false;
  for (let index = 0; index < lines.length; index++) {
    if (fenced[index]) continue;
    const line = lines[index]!;
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const first = firstMarkChar(line);
    if (first === '#') {
      const match = ATX_HEADING.exec(line);
      // A heading inside a closed `<details>` belongs to the hidden answer, not to the note's outline.
      if (match && !folded[index]) marks.push({ kind: 'heading', index, level: match[1]!.length });
    } else if (first === '-' || first === '*' || first === '_') {
      if (THEMATIC_BREAK.test(line) || LABELLED_RULE.test(line)) marks.push({ kind: 'separator', index });
    } else if (first === '.') {
      if (DOT_RULE.test(line)) marks.push({ kind: 'separator', index });
    }
    // A comment opened and left open on this line hides the lines after it.
    const open = line.lastIndexOf('<!--');
    if (open >= 0 && line.indexOf('-->', open + 4) < 0) inComment = true;
  }
  return { lines, lineStarts, marks, fenced };
}

/**
 * `true` for the lines between a `<details>` and the `</details>` that closes it (nested ones
 * counted). A `<details>` never closed marks nothing, so one stray tag cannot hide the headings
 * after it. Linear: one pass with a stack of open tags.
 */
function insideDetails(lines: readonly string[], fenced: readonly boolean[]): boolean[] {
  const inside = new Array<boolean>(lines.length).fill(false);
  const open: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i]) continue;
    const line = lines[i]!;
    if (!line.includes('details')) continue;
    for (const match of line.matchAll(/<(\/?)details\b/gi)) {
      if (match[1] === '') open.push(i);
      else if (open.length > 0) {
        const start = open.pop()!;
        // Only the outermost pair marks lines; inner pairs lie inside it anyway.
        if (open.length === 0) for (let k = start + 1; k < i; k++) inside[k] = true;
      }
    }
  }
  return inside;
}

/** Source text of lines [from, to), without the final line end. */
export function sliceLines(text: string, structure: NoteStructure, from: number, to: number): string {
  if (from >= to) return '';
  const start = structure.lineStarts[from]!;
  const end = to < structure.lines.length ? structure.lineStarts[to]! - 1 : text.length;
  return text.slice(start, end);
}
