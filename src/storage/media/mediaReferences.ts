// Which media a card's text names: `<img src="photo.jpg">` (Anki fields keep their images as
// HTML), markdown images `![](photo.jpg)`, and `[sound:hello.mp3]`. Only plain file names count
// as media of the collection, as Anki's media folder is flat: an address (`https://…`, `//…`,
// `data:…`) or a path (`./assets/x.png`) is not one. Pure: used by the import (in its worker)
// and by the card renderer.

/** The names one card side refers to. */
export interface MediaReferences {
  images: string[];
  sounds: string[];
}

const HTML_IMAGE = /<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const MARKDOWN_IMAGE = /!\[[^\]]*\]\(\s*(?:<([^>\n]+)>|([^\s)]+))/g;
/** `[sound:name]`, as Anki writes a sound in a field (global: use with matchAll). */
export const SOUND_REFERENCE = /\[sound:([^\]\n]+)\]/g;

/** `src` as a media name, or undefined when it is an address or a path rather than a file name. */
export function localMediaName(src: string): string | undefined {
  const name = src.trim();
  if (name === '' || name.startsWith('#') || /[/\\?]/.test(name) || /^[a-z][a-z\d+.-]*:/i.test(name)) return undefined;
  return name;
}

/** The media names `text` refers to, each once, in order of first use. */
export function mediaReferences(text: string): MediaReferences {
  const images = new Set<string>();
  for (const m of text.matchAll(HTML_IMAGE)) add(images, decodeEntities(m[1] ?? m[2] ?? m[3] ?? ''));
  for (const m of text.matchAll(MARKDOWN_IMAGE)) add(images, m[1] ?? m[2] ?? '');
  const sounds = new Set<string>();
  for (const m of text.matchAll(SOUND_REFERENCE)) add(sounds, m[1]!);
  return { images: [...images], sounds: [...sounds] };
}

function add(names: Set<string>, src: string): void {
  const name = localMediaName(src);
  if (name !== undefined) names.add(name);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** An attribute value's character references decoded (the few an Anki field's `src` holds). */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** `name` percent-decoded, when that changes it and is well-formed (some Anki versions encode `src`). */
export function percentDecodedName(name: string): string | undefined {
  if (!name.includes('%')) return undefined;
  try {
    const decoded = decodeURIComponent(name);
    return decoded === name ? undefined : decoded;
  } catch {
    return undefined; // not percent-encoding after all: the name as written is the only one
  }
}
