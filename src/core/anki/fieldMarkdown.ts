// An Anki field (HTML) → the markdown of a Rehearse card, through the same converter the plain-
// text import uses (formats/ankiText.ts: breaks, bold, lists, code, MathJax `\(…\)` → `$…$`,
// `\[…\]` → `$$…$$`; images and other markup stay HTML for the sanitizing renderer). `[sound:…]`
// references are kept exactly as Anki wrote them, for the card screen to play.
import { ankiHtmlToMarkdown } from '../formats/ankiText.ts';

const SOUND = /\[sound:[^\]]+\]/g;

/** One field's HTML as markdown. */
export function ankiFieldToMarkdown(html: string): string {
  const sounds: string[] = [];
  // Private-use marks survive the converter's escaping, which would otherwise write `\[sound:…\]`.
  const held = html.replace(SOUND, (sound) => `\uE000${sounds.push(sound) - 1}\uE001`);
  return ankiHtmlToMarkdown(held).replace(/\uE000(\d+)\uE001/g, (_m, i: string) => sounds[Number(i)]!);
}

const CLOZE = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;

/** The cloze numbers a text uses, ascending (`{{c1::…}} {{c3::…}}` → [1, 3]). */
export function clozeNumbers(text: string): number[] {
  return [...new Set([...text.matchAll(CLOZE)].map((m) => Number(m[1])))].sort((a, b) => a - b);
}

/** The text as card `n` shows it: its own gaps stay `{{cN::…}}`, every other gap is shown as its text. */
export function clozeForNumber(text: string, n: number): string {
  return text.replace(CLOZE, (whole, number: string, hidden: string) => (Number(number) === n ? whole : hidden));
}
