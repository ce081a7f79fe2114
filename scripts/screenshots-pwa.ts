// npm run screenshots:pwa — the PWA's own UI at phone (390×844) and desktop (1280×800) size, for
// a person to look at: the "Update available" notice over a review, the install offer on the
// deck list and in Settings (Chromium's prompt and the iOS instructions), the offline-ready note.
// Reads dist/ (run `npm run build` first); writes .tmp/screens/pwa-*.png.
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBrowser } from '../tests/e2e/harness.ts';
import { serveFolder, waitForServiceWorkerControl } from '../tests/e2e/pwa.ts';

const out = '.tmp/screens';
mkdirSync(out, { recursive: true });
const sizes = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };
const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
const hideBrowserPrompt = `addEventListener('beforeinstallprompt', (e) => e.isTrusted && e.stopImmediatePropagation(), true);`;
const fakePrompt = `(() => {
  const e = new Event('beforeinstallprompt', { cancelable: true });
  e.prompt = async () => {};
  e.userChoice = new Promise(() => {});
  dispatchEvent(e);
})()`;

for (const [sizeName, viewport] of Object.entries(sizes)) {
  for (const scheme of ['light', 'dark'] as const) {
    const site = mkdtempSync(join(tmpdir(), 'rehearse-shots-'));
    cpSync('dist', site, { recursive: true });
    const server = await serveFolder(site);
    const browser = await openBrowser(viewport);
    const { page, context } = browser;
    const shot = (name: string) => page.screenshot({ path: `${out}/pwa-${sizeName}-${scheme}-${name}.png` });
    try {
      await page.emulateMedia({ colorScheme: scheme });
      await page.addInitScript(hideBrowserPrompt);
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Study' }).first().waitFor();
      await page.getByText('Ready to work offline').waitFor();
      await shot('offline-ready');
      await waitForServiceWorkerControl(page);

      // The install offer, as where Chromium hands over its prompt.
      await page.evaluate(fakePrompt);
      await page.getByRole('complementary', { name: 'Install Rehearse' }).waitFor();
      await shot('install-hint');
      await page.goto(`${server.url}#/settings`);
      await page.getByRole('button', { name: 'Install Rehearse' }).scrollIntoViewIfNeeded();
      await shot('settings-install');

      // A new deploy (any change to sw.js makes a new worker) while a card is on screen.
      await page.goto(`${server.url}#/study/all`);
      await page.getByRole('button', { name: 'Show answer' }).click();
      await page.getByRole('button', { name: 'Good' }).waitFor();
      appendFileSync(join(site, 'sw.js'), '\n// next deploy\n');
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      await page.getByText('Update available').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(300);
      await shot('update-notice');
      await page.goto(`${server.url}#/`);
      await page.getByText('Update available').waitFor({ timeout: 60_000 });
      await shot('update-notice-decks');

      // iOS: no prompt, instructions instead.
      if (sizeName === 'phone') {
        const ios = await context.newPage();
        const cdp = await context.newCDPSession(ios);
        await cdp.send('Emulation.setUserAgentOverride', { userAgent: IPHONE_UA, platform: 'iPhone' });
        await ios.emulateMedia({ colorScheme: scheme });
        await ios.addInitScript(hideBrowserPrompt);
        await ios.goto(server.url);
        await ios.getByRole('complementary', { name: 'Install Rehearse' }).waitFor();
        await ios.screenshot({ path: `${out}/pwa-${sizeName}-${scheme}-ios-hint.png` });
        await ios.goto(`${server.url}#/settings`);
        await ios.getByRole('group', { name: 'Install app' }).scrollIntoViewIfNeeded();
        await ios.screenshot({ path: `${out}/pwa-${sizeName}-${scheme}-ios-settings.png` });
      }
    } finally {
      await browser.close();
      await server.close();
      rmSync(site, { recursive: true, force: true });
    }
  }
}
console.log(`screenshots in ${out}/pwa-*.png`);
