/**
 * Fills a rendered side's media placeholders (mediaPlaceholders.ts) for the card's deck: an
 * image becomes an `<img>` of the stored file by a blob: URL, a sound a play button, and a name
 * the deck does not have its name in an "image not in the collection" note. Nothing leaves the
 * device; the sanitizer still never sees a blob: URL (only this page-side step writes them,
 * after it). The caller revokes the URLs when the card goes (`revokeCardMedia`).
 */
import type { RehearseDb } from '../../storage/db.ts';
import { deckMediaFiles } from '../../storage/media/deckMedia.ts';
import { hasMediaPlaceholders, MEDIA_PLACEHOLDER_CLASS } from './mediaClass.ts';

export { hasMediaPlaceholders };

/** A side's HTML with its media filled in. */
export interface FilledMedia {
  html: string;
  /** Object URLs of the side's sounds, by the play buttons' `data-sound` index. */
  sounds: string[];
  /** Every object URL made, to revoke. */
  urls: string[];
}

// The exact shape rehype-stringify writes the placeholder in; names and alt are percent-encoded.
const PLACEHOLDER = new RegExp(
  `<span class="${MEDIA_PLACEHOLDER_CLASS}" data-media-kind="(image|sound)" data-media-name="([^"]*)" data-media-alt="([^"]*)"></span>`,
  'g',
);

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // only the renderer writes these, encoded; a bad one is shown as written
  }
}

/** The media names a rendered side's placeholders ask for, each once. */
export function mediaNamesIn(html: string): string[] {
  return [...new Set([...html.matchAll(PLACEHOLDER)].map((m) => decoded(m[2]!)))];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function missing(name: string, what: 'image' | 'sound', unsaved: boolean): string {
  const note = unsaved ? `${what}, shown once the deck is imported` : `${what} not in the collection`;
  return `<span class="card-media-missing" role="note" aria-label="${escapeHtml(`${name}: ${note}`)}"><span class="card-media-name">${escapeHtml(name)}</span> <span class="card-media-note">${note}</span></span>`;
}

/**
 * `html` with each placeholder filled from `files` (the deck's files by name): one object URL
 * per file, however often the side shows it. `unsaved`: the deck is not stored yet (an import
 * preview), so a file not found is not said to be missing.
 */
export function fillMediaPlaceholders(
  html: string,
  files: ReadonlyMap<string, Blob>,
  { unsaved = false, createUrl = (blob: Blob) => URL.createObjectURL(blob) }: { unsaved?: boolean; createUrl?: (blob: Blob) => string } = {},
): FilledMedia {
  const urlOf = new Map<string, string>();
  const sounds: string[] = [];
  const url = (name: string): string | undefined => {
    const blob = files.get(name);
    if (!blob) return undefined;
    let made = urlOf.get(name);
    if (made === undefined) urlOf.set(name, (made = createUrl(blob)));
    return made;
  };
  const filled = html.replace(PLACEHOLDER, (_whole, kind: string, encodedName: string, encodedAlt: string) => {
    const name = decoded(encodedName);
    const src = url(name);
    if (kind === 'image') {
      if (src === undefined) return missing(name, 'image', unsaved);
      // The name stays on the image, for CardContent to show should the file not decode.
      return `<img src="${escapeHtml(src)}" alt="${escapeHtml(decoded(encodedAlt))}" data-media-name="${escapeHtml(name)}" decoding="async">`;
    }
    if (src === undefined) return missing(name, 'sound', unsaved);
    const index = sounds.push(src) - 1;
    return `<button type="button" class="card-sound" data-sound="${index}" aria-label="${escapeHtml(`Play ${name}`)}" title="${escapeHtml(name)}"><span aria-hidden="true">▶</span></button>`;
  });
  return { html: filled, sounds, urls: [...urlOf.values()] };
}

/** Fills `html`'s placeholders from deck `deckId`'s stored media (none for a deck not stored: an import preview). */
export async function fillCardMedia(html: string, deckId: string | undefined, db: RehearseDb): Promise<FilledMedia> {
  const stored = deckId !== undefined && (await db.decks.get(deckId)) !== undefined;
  const files = stored ? await deckMediaFiles(db, deckId, mediaNamesIn(html)) : new Map<string, Blob>();
  return fillMediaPlaceholders(html, files, { unsaved: !stored });
}

/** Lets go of the object URLs a fill made (the card left the screen). */
export function revokeCardMedia(media: FilledMedia): void {
  for (const url of media.urls) URL.revokeObjectURL(url);
}
