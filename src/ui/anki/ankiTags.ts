// A card's tags as Anki tags. Anki splits a note's tags at spaces (rslib/src/tags/mod.rs
// `split_tags`) and reads `::` as a level of hierarchy (tags/register.rs `normalize_tag_name`, which
// also turns an empty level into "blank"). So each level here is one section title or one level
// of a tag, with its spaces made `_`, no `::` inside, and no `:` at either end: a heading
// "Interview Prep:" is the level `Interview_Prep`, not a `:` that would make `Interview_Prep:::SQL`
// read as `Interview_Prep` › `:SQL`.

import type { StoredCard } from '../../storage/db.ts';

/** One level of a tag: spaces as `_`, control characters and quotes out, colons only inside. */
function tagLevel(text: string): string {
  return text
    .replace(/[\x00-\x1f\x7f"]/g, '')
    .replace(/:{2,}/g, ':')
    .replace(/^[\s:]+|[\s:]+$/g, '')
    .replace(/\s+/g, '_');
}

/** Levels joined by `::`, empty ones left out ('' when none is left). */
function tagOf(levels: readonly string[]): string {
  return levels.map(tagLevel).filter((level) => level !== '').join('::');
}

/** Anki tags for a card: the section path as one hierarchical tag, other tags as they are (their `::` levels kept). */
export function ankiTags(card: StoredCard): string[] {
  const section = card.meta.section ?? [];
  // Anki's own tags (from a plain-text import) are already tags: keep each.
  const isPath = section.length > 0 && card.meta.layout !== 'anki-text';
  const rest = isPath ? card.tags.filter((t) => !section.includes(t)) : card.tags;
  const tags = [...(isPath ? [tagOf(section)] : []), ...rest.map((tag) => tagOf(tag.split('::')))];
  // Anki keeps the first of tags that differ only in case.
  const seen = new Set<string>();
  return tags.filter((tag) => tag !== '' && !seen.has(tag.toLowerCase()) && seen.add(tag.toLowerCase()));
}

/** The `notes.tags` column: space-separated, with a space at each end (rslib/src/tags/mod.rs `join_tags`). */
export function tagString(tags: readonly string[]): string {
  return tags.length ? ` ${tags.join(' ')} ` : '';
}
