// Org-mode notes (Emacs; org-drill and anki-editor users keep their cards so) read as the
// markdown they mean, line for line so line numbers hold: a headline of n stars is a heading of
// level n, `#+TITLE:` the note's title, source and quote blocks fences and quotes. A text is
// taken for org only when it has no markdown heading and shows org's own marks — a headline of
// two stars or more, or a `#+KEYWORD:` line — since a markdown list may start lines with `* `.

const HEADLINE = /^(\*+)[ \t]+(.*)$/;
const KEYWORD = /^#\+([A-Za-z_]+):[ \t]*(.*)$/;
const MARKDOWN_HEADING = /^ {0,3}#{1,6}[ \t]+\S/m;
/** Org tags at the end of a headline (`:drill:`, `:sql:joins:`), which are not words of it. */
const HEADLINE_TAGS = /[ \t]+:(?:[\p{L}\p{N}_@#%]+:)+[ \t]*$/u;
/** TODO keywords and priority cookies that lead a headline. */
const HEADLINE_LEAD = /^(?:(?:TODO|DONE|NEXT|WAITING|CANCELL?ED)[ \t]+)?(?:\[#[A-Z0-9]\][ \t]+)?/;

/** Whether `text` reads as an org-mode note. */
export function isOrgText(text: string): boolean {
  if (MARKDOWN_HEADING.test(text)) return false;
  let headlines = 0;
  let deep = false;
  let keywords = false;
  for (const line of text.split('\n', 5000)) {
    const headline = HEADLINE.exec(line);
    if (headline) {
      headlines++;
      if (headline[1]!.length > 1) deep = true;
    } else if (KEYWORD.test(line)) keywords = true;
  }
  return headlines >= 2 && (deep || keywords);
}

/** The org text as markdown, one line for each line. Leaves a text that is not org unchanged. */
export function orgToMarkdown(text: string): string {
  if (!isOrgText(text)) return text;
  let drawer = false;
  return text
    .split('\n')
    .map((line) => {
      // Property and logbook drawers hold the tool's bookkeeping (ids, review dates), not notes.
      if (drawer) {
        if (/^[ \t]*:END:[ \t]*$/i.test(line)) drawer = false;
        return '';
      }
      if (/^[ \t]*:[A-Z_]+:[ \t]*$/.test(line)) {
        drawer = true;
        return '';
      }
      const headline = HEADLINE.exec(line);
      if (headline) {
        const title = headline[2]!.replace(HEADLINE_TAGS, '').replace(HEADLINE_LEAD, '').trim();
        return `${'#'.repeat(Math.min(6, headline[1]!.length))} ${inlineCode(title)}`;
      }
      const block = /^[ \t]*#\+(BEGIN|END)_([A-Za-z]+)(?:[ \t]+(\S+))?/i.exec(line);
      if (block) {
        const kind = block[2]!.toUpperCase();
        if (kind === 'SRC' || kind === 'EXAMPLE') return block[1]!.toUpperCase() === 'BEGIN' ? `\`\`\`${kind === 'SRC' ? (block[3] ?? '') : ''}` : '```';
        return '';
      }
      const keyword = KEYWORD.exec(line);
      if (keyword) return keyword[1]!.toUpperCase() === 'TITLE' && keyword[2]!.trim() ? `# ${keyword[2]!.trim()}` : '';
      return inlineCode(line);
    })
    .join('\n');
}

/** Org's inline code and verbatim (`=x=`, `~x~`) as markdown code spans. */
function inlineCode(line: string): string {
  return line.replace(/(^|[\s(])([=~])([^\s=~](?:[^=~\n]*[^\s=~])?)\2(?=$|[\s).,;:!?])/g, '$1`$3`');
}
