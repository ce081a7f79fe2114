// Every note layout Rehearse reads. Adding a layout means adding a module and a line here.
import type { NoteFormat } from './types.ts';
import { transcriptFormat } from './transcript.ts';
import { scoredPairsFormat } from './scoredPairs.ts';
import { numberedFormat } from './numbered.ts';
import { critiqueFormat } from './critique.ts';
import { ankiTextFormat } from './ankiText.ts';
import { markdownFormat } from './markdown.ts';
import { glossaryFormat } from './glossary.ts';

/** Most specific first: on equal confidence the earlier format wins. */
export const noteFormats: readonly NoteFormat[] = [
  transcriptFormat,
  scoredPairsFormat,
  numberedFormat,
  critiqueFormat,
  ankiTextFormat,
  markdownFormat,
  // Last: bold lead-ins are a glossary only when no other layout finds questions.
  glossaryFormat,
];

/** Formats ranked by how well they fit the text, best first, last resorts after all others; ties keep registry order. */
export function rankFormats(text: string, formats: readonly NoteFormat[] = noteFormats): NoteFormat[] {
  return formats
    .map((format, order) => ({ format, order, confidence: safeDetect(format, text) }))
    .filter((entry) => entry.confidence > 0)
    .sort((a, b) => Number(a.format.lastResort ?? false) - Number(b.format.lastResort ?? false) || b.confidence - a.confidence || a.order - b.order)
    .map((entry) => entry.format);
}

function safeDetect(format: NoteFormat, text: string): number {
  try {
    const confidence = format.detect(text);
    return Number.isFinite(confidence) ? Math.max(0, Math.min(1, confidence)) : 0;
  } catch {
    return 0;
  }
}
