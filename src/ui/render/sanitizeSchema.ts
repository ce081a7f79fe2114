/**
 * The allowlist applied to everything a user wrote (markdown and inline HTML),
 * before KaTeX and highlighting add their own trusted markup.
 *
 * Starts from GitHub's schema (hast-util-sanitize's `defaultSchema`) and
 * narrows it: no `<picture>/<source srcset>` (srcset URLs are not protocol
 * checked), no form-ish attributes, and elements whose text is not content
 * (`<style>`, `<svg>`, `<template>`…) are dropped with their children instead
 * of being unwrapped into visible junk.
 */
import { defaultSchema } from 'rehype-sanitize';
import type { Options as SanitizeSchema } from 'rehype-sanitize';

/** Global attributes from GitHub's schema that have no use on a card. */
const droppedGlobalAttributes = new Set([
  'accept',
  'acceptCharset',
  'accessKey',
  'action',
  'encType',
  'method',
  'tabIndex',
  'useMap',
]);

/** Tags removed from GitHub's schema (see the file comment). */
const droppedTagNames = new Set(['picture', 'source']);

/** Removed together with their content: their children are code, CSS or chrome, not text. */
const strippedWithContent = [
  'script',
  'style',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'textarea',
  'select',
  'option',
  'button',
  'title',
  'xmp',
  'plaintext',
];

const baseAttributes = defaultSchema.attributes ?? {};

/**
 * Schema for `rehype-sanitize` used on card content.
 *
 * Extras over the base: `class="math-inline|math-display|language-*"` on
 * `<code>` so rehype-katex / highlighting can find their targets after
 * sanitizing; `open` on `<details>`; `alt`, `width`, `height`, `title` on
 * `<img>` (via the global list). GFM task-list checkboxes stay, disabled.
 */
export const cardSanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => !droppedTagNames.has(name)),
  strip: strippedWithContent,
  attributes: {
    ...baseAttributes,
    '*': (baseAttributes['*'] ?? []).filter(
      (attribute) => typeof attribute !== 'string' || !droppedGlobalAttributes.has(attribute),
    ),
    code: [['className', /^language-[\w+#.-]+$/, 'math-inline', 'math-display']],
    details: ['open'],
  },
  protocols: {
    ...defaultSchema.protocols,
    // Same list for every URL-bearing attribute we allow; `data:` stays out.
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
  },
};
