// The images and sounds of exported cards, as files of the package. Anki's importer takes a
// legacy package's media from the `media` entry, a JSON map of zip entry ("0", "1", …) → file
// name, and copies the files the imported notes refer to by name (`<img src="name">`,
// `[sound:name]`: rslib/src/import_export/package/media.rs, rslib/src/text.rs `extract_media_refs`).
// - a `data:` image becomes a file named by the SHA-1 of its bytes (the same image twice is one file);
// - a name the deck's media table holds (an imported Anki deck's files) comes along with its bytes;
// - a remote image (`https://…`) stays an address: Anki shows it when online, the package does not hold it;
// - a name the deck has no file for stays a reference, as Anki itself leaves a missing file.

import { MEDIA_PLACEHOLDER_CLASS } from '../render/mediaPlaceholders.ts';
import { sha1Hex } from './sha1.ts';

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
};

// The renderer's media placeholders (render/mediaPlaceholders.ts), and its held-back remote images (render/polish.ts).
const PLACEHOLDER = new RegExp(`<span class="${MEDIA_PLACEHOLDER_CLASS}" data-media-kind="(image|sound)" data-media-name="([^"]*)" data-media-alt="([^"]*)"></span>`, 'g');
const REMOTE_IMAGE = /<span class="card-img-remote" data-remote-src="([^"]*)" data-alt="([^"]*)"[^>]*>[\s\S]*?<\/span>/g;
const MARKDOWN_DATA_IMAGE = /(!\[[^\]]*\]\(\s*<?)(data:[^)\s>]+)/g;
const HTML_DATA_IMAGE = /(<img\b[^>]*?\ssrc\s*=\s*["']?)(data:[^"'\s>]+)/gi;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A `data:` URL's bytes and type, or undefined when it does not decode. */
function dataUrlBytes(url: string): { bytes: Uint8Array; type: string } | undefined {
  const m = /^data:([^;,]*)((?:;[^;,]*)*),([\s\S]*)$/.exec(url);
  if (!m) return undefined;
  try {
    const data = m[3]!;
    const bytes = /;base64/i.test(m[2]!) ? Uint8Array.from(atob(decoded(data)), (c) => c.charCodeAt(0)) : new TextEncoder().encode(decodeURIComponent(data));
    return { bytes, type: (m[1] || 'text/plain').toLowerCase() };
  } catch {
    return undefined; // not a well-formed data: URL: left as written
  }
}

/** The media files one package holds, gathered as its fields are written. */
export class PackageMedia {
  private readonly files = new Map<string, Uint8Array>();

  /** `stored`: the deck's own files by name (its media table). */
  constructor(private readonly stored: ReadonlyMap<string, Uint8Array> = new Map()) {}

  /** Markdown with each `data:` image replaced by the name of a file of the package. */
  dataImagesToFiles(markdown: string): string {
    const toName = (whole: string, lead: string, url: string) => {
      const file = dataUrlBytes(url);
      if (!file) return whole;
      const name = `rehearse-${sha1Hex(file.bytes)}.${EXTENSIONS[file.type] ?? 'bin'}`;
      this.files.set(name, file.bytes);
      return lead + name;
    };
    return markdown.replace(MARKDOWN_DATA_IMAGE, toName).replace(HTML_DATA_IMAGE, toName);
  }

  /** Rendered HTML with the renderer's placeholders written back as Anki writes media; the names used are noted. */
  ankiHtml(html: string): string {
    return html
      .replace(PLACEHOLDER, (_whole, kind: string, encodedName: string, encodedAlt: string) => {
        const name = decoded(encodedName);
        const stored = this.stored.get(name);
        if (stored && !this.files.has(name)) this.files.set(name, stored);
        if (kind === 'sound') return `[sound:${escapeHtml(name)}]`;
        const alt = decoded(encodedAlt);
        return `<img src="${escapeHtml(name)}"${alt ? ` alt="${escapeHtml(alt)}"` : ''}>`;
      })
      .replace(REMOTE_IMAGE, (_whole, src: string, alt: string) => `<img src="${src}"${alt ? ` alt="${alt}"` : ''}>`);
  }

  /** The package's `media` entry and its numbered files. */
  entries(): Record<string, Uint8Array> {
    const list: Record<string, string> = {};
    const out: Record<string, Uint8Array> = {};
    [...this.files].forEach(([name, bytes], i) => {
      list[String(i)] = name;
      out[String(i)] = bytes;
    });
    out.media = new TextEncoder().encode(JSON.stringify(list));
    return out;
  }
}
