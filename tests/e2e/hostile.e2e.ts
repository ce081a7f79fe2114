// A note full of script tricks imports and renders as inert text: in the preview and while
// studying, no script runs, no dialog opens, no javascript: URL is followed, and the card DOM
// holds no <script>, <iframe>, <object>, <embed>, <style> or on* attribute.
import { expect, test } from 'vitest';
import { useAppInBrowser } from './appInBrowser.ts';
import { ImportPage } from './pages/importPage.ts';

const app = useAppInBrowser();

const PWN = 'window.__pwned=1';
const HOSTILE = `# Hostile note <script>${PWN}</script>

## Q: What does <script>${PWN}</script> do?

<script>${PWN}</script>
<img src=x onerror="${PWN}">

## Q: Is <img src=x onerror="${PWN}"> an image?

<iframe src="javascript:${PWN}"></iframe>
<iframe srcdoc="<script>parent.${PWN}</script>"></iframe>
[click me](javascript:${PWN}) and <a href="javascript:${PWN}">this</a> and <a href="JaVaScRiPt&colon;${PWN}">that</a>

## Q: What about <style>body{display:none}</style> styles?

<style>* { visibility: hidden !important }</style>
<div style="position:fixed;inset:0;background:red" onclick="${PWN}">cover</div>
<svg onload="${PWN}"><script>${PWN}</script><a xlink:href="javascript:${PWN}"><text>svg link</text></a></svg>
<math><mtext><table><mglyph><style><img src=x onerror="${PWN}"></style></mglyph></table></mtext></math>

## Q: And objects, forms and meta?

<object data="javascript:${PWN}"></object><embed src="javascript:${PWN}">
<form action="javascript:${PWN}"><button>go</button></form>
<meta http-equiv="refresh" content="0;url=javascript:${PWN}">
<details open ontoggle="${PWN}"><summary>toggle</summary>x</details>
![x](javascript:${PWN}) <video><source onerror="${PWN}"></video>

## Q: Is alert(1) in a <b onmouseover="alert(1)">bold</b> heading harmful?

\`<script>${PWN}</script>\` in code stays text, and <a href="data:text/html,<script>${PWN}</script>">data link</a>.
`;

const DANGEROUS = 'script, iframe, object, embed, style, form, meta, link, base, frame, frameset';

async function inspectCards(page: import('playwright-core').Page) {
  return page.evaluate((selector) => {
    const roots = [...document.querySelectorAll('.card-content')];
    const dangerous = roots.flatMap((root) => [...root.querySelectorAll(selector)].map((el) => el.outerHTML));
    const handlers = roots.flatMap((root) =>
      [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
    );
    const jsUrls = roots.flatMap((root) =>
      [...root.querySelectorAll('[href], [src], [action], [xlink\\:href], [data], [formaction]')].flatMap((el) =>
        ['href', 'src', 'action', 'xlink:href', 'data', 'formaction']
          .map((name) => el.getAttribute(name) ?? '')
          .filter((value) => /^\s*(javascript|data|vbscript):/i.test(value)),
      ),
    );
    return { count: roots.length, dangerous, handlers, jsUrls, pwned: (window as unknown as { __pwned?: number }).__pwned };
  }, DANGEROUS);
}

test('a note full of script tricks imports, previews and studies as inert text', async () => {
  const { page, context } = app.browser;
  const dialogs: string[] = [];
  const jsRequests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  context.on('request', (request) => {
    if (/^(javascript|data):/i.test(request.url())) jsRequests.push(request.url());
  });
  await page.goto(app.server.url);
  await page.getByRole('button', { name: 'Study' }).first().waitFor();

  const importer = new ImportPage(page);
  await importer.open();
  await importer.choose([{ name: 'hostile.md', mimeType: 'text/markdown', buffer: Buffer.from(HOSTILE) }]);
  const preview = await importer.waitForPreview('hostile.md');
  expect(await importer.cardCount('hostile.md')).toBe(5);
  await expect.poll(() => preview.locator('.card-content--pending').count()).toBe(0);
  // The fronts read as the words written; the sanitizer drops the tags (with a script's content).
  expect(await preview.locator('.preview-card .card-front').first().innerText()).toMatch(/^What does .*do\?$/);
  // Hover and click whatever could carry a handler.
  for (const el of await preview.locator('.card-content *').all()) await el.hover({ timeout: 1000, force: true }).catch(() => undefined);
  for (const link of await preview.locator('.card-content a').all()) await link.click({ timeout: 1000, modifiers: [] }).catch(() => undefined);
  let seen = await inspectCards(page);
  expect(seen.count).toBeGreaterThan(0);
  expect(seen).toMatchObject({ dangerous: [], handlers: [], jsUrls: [], pwned: undefined });
  // The page is still ours: nothing hid it or navigated away.
  expect(new URL(page.url()).hash).toBe('#/import');
  expect(await page.getByRole('heading', { name: 'Import notes' }).isVisible()).toBe(true);

  await importer.importIt('hostile.md');
  await page.getByRole('link', { name: 'Study now' }).click();
  for (let i = 0; i < 5; i++) {
    await page.getByRole('button', { name: 'Show answer', exact: true }).click();
    await page.getByRole('button', { name: 'Good', exact: true }).waitFor();
    seen = await inspectCards(page);
    expect(seen).toMatchObject({ dangerous: [], handlers: [], jsUrls: [], pwned: undefined });
    for (const link of await page.locator('.card-content a').all()) await link.click({ timeout: 1000 }).catch(() => undefined);
    const id = await page.locator('[data-card-id]').getAttribute('data-card-id');
    await page.getByRole('button', { name: 'Good', exact: true }).click();
    await page.waitForFunction((prev) => document.querySelector('[data-card-id]')?.getAttribute('data-card-id') !== prev, id);
  }
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(jsRequests).toEqual([]);
});
