// Helpers for the service-worker specs (offline, update, install) and the PWA benchmark: waiting
// for the worker, reading what it precaches, building variants of the app and serving a folder.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { buildDecks } from '../../scripts/build-decks.ts';

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

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/**
 * A static host for `dir` that reads each file when it is asked for, so a test can "deploy" a
 * new build by replacing the folder's contents (vite preview indexes the folder once at start).
 */
export async function serveFolder(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * Builds the app into `outDir` as `npm run build` does, from a copy of the notes that
 * `editNotes` may change and a copy of public/ (plus what `addPublic` puts in it).
 */
export async function buildApp(
  outDir: string,
  options: { editNotes?(notesDir: string): void; addPublic?(publicDir: string): void } = {},
): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'rehearse-build-'));
  try {
    const notes = join(work, 'decks');
    cpSync(resolve('decks'), notes, { recursive: true });
    options.editNotes?.(notes);
    const publicDir = join(work, 'public');
    const bundledDecks = resolve('public', 'decks');
    cpSync(resolve('public'), publicDir, { recursive: true, filter: (src) => src !== bundledDecks && !src.startsWith(bundledDecks + sep) });
    buildDecks(notes, join(publicDir, 'decks'), () => undefined);
    options.addPublic?.(publicDir);
    await build({ configFile: resolve('vite.config.ts'), logLevel: 'silent', publicDir, build: { outDir, emptyOutDir: true } });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The answer a "new version" of the app changes (see twoVersions), in its deck's first card. */
export const CHANGED_ANSWER = {
  deck: 'Generative AI interview questions',
  note: 'genai-interview-questions.txt',
  before: 'Self-attention allows each token in a sequence to attend to all other tokens simultaneously',
  after: 'Self-attention (revised) lets every token in a sequence attend to every other token at once',
};

/**
 * Two versions of the app for the update specs: build A (`buildA`, e.g. dist/) deployed to a
 * static host that reads files as asked, and build B, the same app with CHANGED_ANSWER changed,
 * ready to deploy there with `deploy(versions.buildB, versions.site)`.
 */
export async function twoVersions(buildA: string): Promise<{ site: string; buildB: string; server: { url: string; close(): Promise<void> }; close(): Promise<void> }> {
  const work = mkdtempSync(join(tmpdir(), 'rehearse-versions-'));
  const site = join(work, 'site');
  const buildB = join(work, 'b');
  deploy(buildA, site);
  await buildApp(buildB, {
    editNotes(notes) {
      const path = join(notes, CHANGED_ANSWER.note);
      const text = readFileSync(path, 'utf8');
      if (text.split(CHANGED_ANSWER.before).length !== 2) throw new Error(`${CHANGED_ANSWER.note} should hold the answer to change exactly once`);
      writeFileSync(path, text.replace(CHANGED_ANSWER.before, CHANGED_ANSWER.after));
    },
  });
  const server = await serveFolder(site);
  return {
    site,
    buildB,
    server,
    async close() {
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Replaces everything in `siteDir` by the files of `buildDir`: a deploy to a static host. */
export function deploy(buildDir: string, siteDir: string): void {
  rmSync(siteDir, { recursive: true, force: true });
  cpSync(buildDir, siteDir, { recursive: true });
}

/**
 * Script for every tab: `window.__painted` resolves with, for each selector, the time (ms after
 * navigation start) of the first frame painted after it matched. The frame that shows an element
 * starts at the next animation frame; a task posted from there runs once that frame is painted.
 * A string, so the bundler's helpers (tsx names functions) do not leak into the page.
 */
export function watchForPaint(selectors: string[]): string {
  return `window.__painted = Promise.all(${JSON.stringify(selectors)}.map((selector) => new Promise((resolve) => {
    const found = () => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
    if (document.querySelector(selector)) return found();
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)) { observer.disconnect(); found(); }
    });
    observer.observe(document, { childList: true, subtree: true });
  })));`;
}
