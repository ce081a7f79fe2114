// Installable like a native app: Chromium's own installability check passes, the manifest's
// icons are the sizes it names, and the app offers installation where the browser allows it
// (its prompt, kept for the in-app buttons) or explains it (iOS: Share → Add to Home Screen).
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { openBrowser, serveDist, type AppServer, type BrowserSession } from './harness.ts';
import { DeckListPage } from './pages/appPages.ts';
import { waitForServiceWorkerControl } from './pwa.ts';

const DECK = 'Generative AI interview questions';
let server: AppServer;

/** Keeps Chromium's own beforeinstallprompt from the app (its dialog cannot be answered headless; iOS never sends one). */
function hideBrowserInstallPrompt(): void {
  window.addEventListener('beforeinstallprompt', (event) => event.isTrusted && event.stopImmediatePropagation(), true);
}
let browser: BrowserSession | undefined;

beforeAll(async () => {
  server = await serveDist();
});
afterEach(async () => {
  await browser?.close();
  browser = undefined;
});
afterAll(async () => {
  await server?.close();
});

test('Chromium finds the app installable and every manifest icon is the size it claims', async () => {
  browser = await openBrowser();
  const { page, context } = browser;
  await page.goto(server.url);
  await new DeckListPage(page).waitForDeck(DECK);
  await waitForServiceWorkerControl(page);

  const cdp = await context.newCDPSession(page);
  const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
  expect(manifest.url).toBe(`${server.url}manifest.webmanifest`);
  expect(manifest.errors).toEqual([]);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);

  // Decode each icon in the page (as the browser will) and compare with its declared size.
  const icons = await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!;
    const data = (await (await fetch(link.href)).json()) as { icons: Array<{ src: string; sizes: string; purpose?: string }> };
    return Promise.all(
      data.icons.map(async (icon) => {
        const bitmap = await createImageBitmap(await (await fetch(new URL(icon.src, link.href))).blob());
        return { declared: icon.sizes, actual: `${bitmap.width}x${bitmap.height}`, purpose: icon.purpose ?? 'any' };
      }),
    );
  });
  for (const icon of icons) expect(icon.actual).toBe(icon.declared);
  expect(icons.map((i) => `${i.declared} ${i.purpose}`)).toEqual(
    expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
  );
});

test('where the browser offers its install prompt, the deck list and Settings offer "Install"', async () => {
  browser = await openBrowser();
  const { page } = browser;
  await page.addInitScript(hideBrowserInstallPrompt);
  await page.goto(server.url);
  const decks = new DeckListPage(page);
  await decks.waitForDeck(DECK);
  expect(await page.getByRole('complementary', { name: 'Install Rehearse' }).count()).toBe(0);
  // Chromium decides for itself when to fire beforeinstallprompt; hand the app one that
  // records what it is asked, so the check does not depend on the browser's heuristics.
  await page.evaluate(() => {
    const event = new Event('beforeinstallprompt', { cancelable: true }) as Event & Record<string, unknown>;
    (window as unknown as { prompted: number }).prompted = 0;
    event.prompt = async () => {
      (window as unknown as { prompted: number }).prompted++;
    };
    event.userChoice = Promise.resolve({ outcome: 'accepted', platform: 'web' });
    window.dispatchEvent(event);
  });
  const hint = page.getByRole('complementary', { name: 'Install Rehearse' });
  await hint.getByRole('button', { name: 'Install', exact: true }).waitFor();

  // The review screen stays uncluttered.
  await decks.study(DECK);
  expect(await hint.count()).toBe(0);

  await page.goto(`${server.url}#/settings`);
  const install = page.getByRole('button', { name: 'Install Rehearse' });
  await install.click();
  await page.getByText('Rehearse is installed.').waitFor();
  expect(await page.evaluate(() => (window as unknown as { prompted: number }).prompted)).toBe(1);
});

test('on an iPhone the app explains Share → Add to Home Screen, and the hint stays dismissed', async () => {
  browser = await openBrowser();
  const { page, context } = browser;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setUserAgentOverride', {
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
    platform: 'iPhone',
  });
  await page.addInitScript(hideBrowserInstallPrompt);
  await page.goto(server.url);
  const decks = new DeckListPage(page);
  await decks.waitForDeck(DECK);
  const hint = page.getByRole('complementary', { name: 'Install Rehearse' });
  await hint.waitFor();
  expect(await hint.innerText()).toMatch(/Share.*Add to Home Screen/s);

  await page.goto(`${server.url}#/settings`);
  const section = page.getByRole('group', { name: 'Install app' });
  expect(await section.innerText()).toMatch(/Share.*Add to Home Screen/s);

  await page.goto(`${server.url}#/`);
  await hint.getByRole('button', { name: 'Got it' }).click();
  expect(await hint.count()).toBe(0);
  await page.reload();
  await decks.waitForDeck(DECK);
  expect(await hint.count()).toBe(0);
});
