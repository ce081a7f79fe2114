// npm run screenshots: the main screens at phone (390×844) and desktop (1280×800) size, in
// light and dark, written to .tmp/screens/ for a person to look at.
import { mkdirSync } from 'node:fs';
import { openBrowser, serveDist } from '../tests/e2e/harness.ts';

const out = '.tmp/screens';
mkdirSync(out, { recursive: true });
const server = await serveDist();
const sizes = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };
try {
  for (const [sizeName, viewport] of Object.entries(sizes)) {
    for (const scheme of ['light', 'dark'] as const) {
      const browser = await openBrowser(viewport);
      const { page } = browser;
      await page.emulateMedia({ colorScheme: scheme });
      const shot = (name: string) => page.screenshot({ path: `${out}/${sizeName}-${scheme}-${name}.png` });
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Study' }).first().waitFor();
      await shot('decks');
      await page.getByRole('button', { name: 'Study' }).first().click();
      await page.getByRole('button', { name: 'Show answer' }).waitFor();
      await page.waitForTimeout(400);
      await shot('question');
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Good' }).waitFor();
      await page.waitForTimeout(600);
      await shot('answer');
      await page.goto(`${server.url}#/settings`);
      await page.getByLabel('Desired retention').waitFor();
      await shot('settings');
      await browser.close();
    }
  }
} finally {
  await server.close();
}
console.log(`screenshots in ${out}/`);
