import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBrowser, serveDist, type AppServer, type BrowserSession } from './harness.ts';

let server: AppServer;
let browser: BrowserSession;

beforeAll(async () => {
  server = await serveDist();
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the production build opens in Chromium', async () => {
  await browser.page.goto(server.url);
  await expect(browser.page.getByRole('heading', { name: 'Rehearse' }).isVisible()).resolves.toBe(true);
});
