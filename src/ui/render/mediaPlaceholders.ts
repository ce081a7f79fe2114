/**
 * Rehype plugin run after sanitizing: media of the collection (an `<img>` whose `src` is a plain
 * file name, as Anki fields write them, and `[sound:name]`) become empty placeholders that carry
 * the name. The renderer has no database and its HTML is cached for every deck alike, so the
 * page fills them in for the card's deck (cardMedia.ts): an image from a blob: URL, a play
 * button, or the name in an "image not in the collection" note. Names travel percent-encoded,
 * so the page can read them back from the HTML without parsing it.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { localMediaName, SOUND_REFERENCE } from '../../storage/media/mediaReferences.ts';

/** The class every placeholder has (CardContent looks for it). */
import { MEDIA_PLACEHOLDER_CLASS } from './mediaClass.ts';

export { MEDIA_PLACEHOLDER_CLASS };

function placeholder(kind: 'image' | 'sound', name: string, alt = ''): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: {
      className: [MEDIA_PLACEHOLDER_CLASS],
      dataMediaKind: kind,
      dataMediaName: encodeURIComponent(name),
      dataMediaAlt: encodeURIComponent(alt),
    },
    children: [],
  };
}

/** Text with its `[sound:…]` references split out as placeholders; undefined when it has none. */
function withSounds(text: string): ElementContent[] | undefined {
  const matches = [...text.matchAll(SOUND_REFERENCE)];
  if (matches.length === 0) return undefined;
  const parts: ElementContent[] = [];
  let last = 0;
  for (const match of matches) {
    if (match.index > last) parts.push({ type: 'text', value: text.slice(last, match.index) } satisfies Text);
    parts.push(placeholder('sound', match[1]!.trim()));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ type: 'text', value: text.slice(last) });
  return parts;
}

/** `children` with adjacent text joined (remark leaves `[sound:x]` as several text nodes) and sounds split out. */
function withSoundPlaceholders(children: ElementContent[]): ElementContent[] | undefined {
  if (!children.some((child) => child.type === 'text' && child.value.includes('[sound:'))) return undefined;
  const joined: ElementContent[] = [];
  for (const child of children) {
    const previous = joined[joined.length - 1];
    if (child.type === 'text' && previous?.type === 'text') joined[joined.length - 1] = { type: 'text', value: previous.value + child.value };
    else joined.push(child);
  }
  return joined.flatMap((child) => (child.type === 'text' ? (withSounds(child.value) ?? [child]) : [child]));
}

/** Replace the collection's images and sounds with placeholders (not inside code or math). */
export function rehypeCardMedia() {
  return (tree: Root): undefined => {
    visit(tree, (node, index, parent) => {
      if (node.type !== 'element' && node.type !== 'root') return;
      if (node.type === 'element') {
        const className = node.properties.className;
        if (node.tagName === 'code' || node.tagName === 'pre' || (Array.isArray(className) && className.some((c) => String(c).startsWith('katex')))) return SKIP;
        if (node.tagName === 'img' && parent !== undefined && index !== undefined) {
          const src = node.properties.src;
          const name = typeof src === 'string' ? localMediaName(src) : undefined;
          if (name !== undefined) parent.children[index] = placeholder('image', name, typeof node.properties.alt === 'string' ? node.properties.alt : '');
          return;
        }
      }
      const children = withSoundPlaceholders(node.children as ElementContent[]);
      if (children) node.children = children;
    });
  };
}
