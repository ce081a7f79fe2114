// Helpers for the service-worker specs (offline, update, install): waiting for the worker and
// reading what it precaches from the built sw.js.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Waits until a service worker controls `page` (it has installed, precached and activated). */
export async function waitForServiceWorkerControl(page: Page): Promise<string> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, null, {
    timeout: 60_000,
  });
  return page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
}

/** The URLs in a built worker's precache manifest, relative to dist/ (e.g. `decks/index.json`). */
export function precachedUrls(outDir = 'dist'): string[] {
  const source = readFileSync(join(outDir, 'sw.js'), 'utf8');
  return [...source.matchAll(/\{url:"([^"]+)",revision:/g)].map((match) => match[1]!);
}

/** Every KaTeX font face the document knows, with its loading status. */
export async function katexFontFaces(page: Page): Promise<Array<{ family: string; status: string }>> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts]
      .filter((face) => face.family.replace(/"/g, '').startsWith('KaTeX'))
      .map((face) => ({ family: face.family.replace(/"/g, ''), status: face.status }));
  });
}
