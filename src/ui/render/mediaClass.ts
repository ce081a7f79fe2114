// The class of a card's media placeholder: written by the renderer (mediaPlaceholders.ts, in its
// chunk and worker) and looked for by the page (cardMedia.ts). Its own module so that looking
// for it does not bring the renderer's tree walker into the first screen.
export const MEDIA_PLACEHOLDER_CLASS = 'card-media';

/** Whether a rendered side has media placeholders to fill. */
export function hasMediaPlaceholders(html: string): boolean {
  return html.includes(`<span class="${MEDIA_PLACEHOLDER_CLASS}" `);
}
