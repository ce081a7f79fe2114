// Settings → Sync in Chromium against the production build and a real sync server: "Scan" is
// offered only where the browser has BarcodeDetector and joins with the code it reads (the
// detector and the camera are stand-ins here: Chromium on Linux has neither), and the time since
// the last sync is worded again as time passes (Playwright's clock).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { encodePairingCode, newCollection } from '../../src/sync/pairingCode.ts';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage } from './pages/appPages.ts';
import { startSyncServer, type SyncServerProcess } from './syncServer.ts';
import { SyncSettingsPage } from './syncPages.ts';

let server: SyncServerProcess;
let data: string;

beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), 'rehearse-sync-screen-'));
  server = await startSyncServer({ data });
});

afterAll(async () => {
  await server?.kill('SIGTERM');
  if (data) rmSync(data, { recursive: true, force: true });
});

const app = useAppInBrowser({
  async setup(browser) {
    // Once the page asks for it: a BarcodeDetector that reads the code put in `rehearse-fake-scan`,
    // once `rehearse-fake-scan-ready` is set, and a camera that films a grey square (opens counted).
    await browser.context.addInitScript(() => {
      if (localStorage.getItem('rehearse-fake-scan') === null) return;
      (globalThis as Record<string, unknown>).BarcodeDetector = class {
        async detect() {
          const value = localStorage.getItem('rehearse-fake-scan');
          return value && sessionStorage.getItem('rehearse-fake-scan-ready') ? [{ rawValue: value }] : [];
        }
      };
      const opened = globalThis as { cameraOpens?: number };
      opened.cameraOpens = 0;
      navigator.mediaDevices.getUserMedia = async () => {
        opened.cameraOpens! += 1;
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 64;
        canvas.getContext('2d')!.fillRect(0, 0, 64, 64);
        return canvas.captureStream(5);
      };
    });
  },
});

test('Scan shows only with BarcodeDetector, joins with the code it reads, and "Synced …" follows the clock', async () => {
  const { page, context } = app.browser;
  await page.clock.install();
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck('ML interview prep notes');
  const sync = new SyncSettingsPage(page);
  await sync.open();
  await sync.section.getByRole('button', { name: 'Join', exact: true }).waitFor();
  expect(await sync.section.getByRole('button', { name: 'Scan' }).count()).toBe(0);

  const code = encodePairingCode(newCollection(server.url));
  await page.evaluate((value) => localStorage.setItem('rehearse-fake-scan', value), code);
  await page.reload();
  await sync.section.locator('legend', { hasText: 'Sync' }).waitFor();
  await sync.section.getByRole('button', { name: 'Scan' }).click();
  await page.getByRole('group', { name: 'Scan a pairing code' }).waitFor();
  await page.waitForFunction(() => (globalThis as { cameraOpens?: number }).cameraOpens === 1);
  // Typing elsewhere in the form while the camera looks does not open it again.
  await sync.section.getByLabel('Server address').pressSequentially('wss://x');
  await page.evaluate(() => sessionStorage.setItem('rehearse-fake-scan-ready', '1'));
  await sync.waitForStatus(/^Synced just now$/);
  expect(await sync.code()).toBe(code);
  expect(await page.evaluate(() => (globalThis as { cameraOpens?: number }).cameraOpens)).toBe(1);

  // Offline for a while: the last sync is worded again as the clock moves on (the screen's
  // 30-second tick). Hocuspocus notices the dead connection after 30 s without a message.
  await context.setOffline(true);
  await page.clock.fastForward(35_000);
  await sync.waitForStatus(/^Offline — nothing waiting$/);
  const detail = page.locator('.sync-detail');
  const before = (await detail.textContent()) ?? '';
  expect(before).toMatch(/Last synced (just now|a minute ago)\.$/);
  await page.clock.fastForward(125_000);
  await expect.poll(async () => detail.textContent()).toMatch(/Last synced [23] minutes ago\.$/);
  await context.setOffline(false);
});

test('leaving or joining in one tab is followed by the other tabs without a reload', async () => {
  const { page, context } = app.browser;
  const sync = new SyncSettingsPage(page);
  await sync.code();
  const other = await context.newPage();
  await other.goto(`${app.server.url}#/settings`);
  const there = new SyncSettingsPage(other);
  expect(await there.code()).toBe(await sync.code());

  await sync.section.getByRole('button', { name: 'Leave sync…' }).click();
  await sync.section.getByRole('button', { name: 'Leave sync', exact: true }).click();
  await there.section.getByRole('button', { name: 'Create a collection' }).waitFor();
  // The tab that left offers the same server again.
  expect(await sync.section.getByLabel('Server address').inputValue()).toBe(server.url);

  const code = await sync.create(server.url);
  expect(await there.code()).toBe(code);
  await there.waitForStatus(/^Synced/);
  await other.close();

  // Copy code puts the code itself on the clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.server.url).origin });
  await sync.section.getByRole('button', { name: 'Copy code' }).click();
  await sync.section.getByText('Copied.').waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
});
