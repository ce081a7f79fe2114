// Offline after one visit: load the production build once online, let the service worker take
// control, then cut the network (browser offline *and* the server closed, since Chromium's
// offline emulation does not cover a worker's own fetches) and use the app: the deck list, a
// card with math and code in its fonts, three grades, and the progress after another reload.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBrowser, serveDist, type AppServer, type BrowserSession } from './harness.ts';
import { DeckListPage, reviewLogRows } from './pages/appPages.ts';
import { katexFontFaces, precachedUrls, waitForServiceWorkerControl } from './pwa.ts';

const DECK = 'Generative AI interview questions';
let server: AppServer | undefined;
let browser: BrowserSession;

beforeAll(async () => {
  server = await serveDist();
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('after one visit the app, the decks and the math fonts work with no network', async () => {
  const { page, context } = browser;
  const url = server!.url;
  await page.goto(url);
  const decks = new DeckListPage(page);
  await decks.waitForDeck(DECK);
  expect(await waitForServiceWorkerControl(page)).toBe(`${url}sw.js`);

  // No network from here on.
  await context.setOffline(true);
  await server!.close();
  server = undefined;
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText ?? ''}`));

  await page.reload();
  await decks.waitForDeck(DECK);
  expect(await decks.counts(DECK)).toEqual({ new: 20, learning: 0, due: 0 });

  // Every file the worker precached is served without the network.
  const urls = precachedUrls();
  const statuses = await page.evaluate(
    (list) => Promise.all(list.map(async (path) => [path, (await fetch(path)).status] as const)),
    urls,
  );
  expect(statuses.filter(([, status]) => status !== 200)).toEqual([]);

  // Study three cards; the second of this deck has inline math and a code block.
  const review = await decks.study(DECK);
  let sawMathAndCode = false;
  for (let i = 0; i < 3; i++) {
    const id = await review.currentCardId();
    await review.showAnswerButton.click();
    await review.gradeButton('Good').waitFor();
    const back = page.locator('.card-back');
    await back.locator('.card-content:not(.card-content--pending)').first().waitFor();
    const hasMath = (await back.locator('.katex').count()) > 0;
    const hasCode = (await back.locator('pre code').count()) > 0;
    if (hasMath) {
      const faces = await katexFontFaces(page);
      expect(faces.filter((face) => face.status === 'loaded').map((face) => face.family)).toContain('KaTeX_Main');
      expect(faces.filter((face) => face.status === 'error')).toEqual([]);
      // The KaTeX stylesheet is applied: its fonts are what the math is set in.
      const family = await back.locator('.katex').first().evaluate((el) => getComputedStyle(el).fontFamily);
      expect(family).toContain('KaTeX_Main');
    }
    if (hasCode) {
      const family = await back.locator('pre code').first().evaluate((el) => getComputedStyle(el).fontFamily);
      expect(family).toMatch(/mono/i);
    }
    sawMathAndCode ||= hasMath && hasCode;
    await review.gradeButton('Good').click();
    await review.waitForCardOtherThan(id);
  }
  expect(sawMathAndCode).toBe(true);
  await expect.poll(async () => (await reviewLogRows(page)).length).toBe(3);

  // Reload again, still offline: the progress is there.
  await page.goto(`${url}#/`);
  await page.reload();
  await decks.waitForDeck(DECK);
  expect((await decks.counts(DECK)).new).toBe(17);
  expect(await reviewLogRows(page)).toHaveLength(3);
  expect(failed).toEqual([]);
});
