/**
 * A rough, dependency-free markdown → plain text pass, shown while the real
 * renderer chunk loads. It only has to be readable for a few hundred
 * milliseconds; it is rendered as a React text child, so it needs no escaping.
 */

/**
 * Strip the most visible markdown and HTML syntax from `markdown`, keeping
 * line breaks, image alt text, link text, code and math source.
 *
 * @param markdown card front or back
 */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|template|svg|math)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<img\b[^>]*?\balt\s*=\s*(["'])(.*?)\1[^>]*>/gi, '$2')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/^[ \t]*(?:`{3,}|~{3,}).*$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/gm, '')
    .replace(/(\*\*|__)(?=\S)([^*_]+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)([^*_\n]+?)[*_](?!\w)/g, '$1$2')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
