// Web Worker entry: turns card markdown into sanitized HTML off the main thread, so a huge or
// deeply nested card never freezes the page (the page only sets the HTML it gets back).
/// <reference lib="webworker" />
import { renderCardSide } from '../ui/render/markdownToHtml.ts';
import type { RenderRequest, RenderResponse } from './renderProtocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// One side at a time, in the order asked (the card on screen is asked for first).
let queue = Promise.resolve();
scope.addEventListener('message', (event: MessageEvent<RenderRequest>) => {
  const { id, markdown } = event.data;
  queue = queue.then(async () => {
    let response: RenderResponse;
    try {
      response = { id, ok: true, side: await renderCardSide(markdown) };
    } catch (error) {
      response = { id, ok: false, message: String(error) };
    }
    scope.postMessage(response);
  });
});
