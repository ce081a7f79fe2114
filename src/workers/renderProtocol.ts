// Messages between the card renderer (src/ui/render/renderClient.ts) and its worker.
import type { RenderedSide } from '../ui/render/markdownToHtml.ts';

/** Render one card side. */
export interface RenderRequest {
  id: number;
  markdown: string;
}

/** The side rendered, or `ok: false` when a renderer chunk could not be loaded (worth a retry later). */
export type RenderResponse = { id: number; ok: true; side: RenderedSide } | { id: number; ok: false; message: string };
