// The server's refusals as Settings → Sync words them, against a real server process with small
// limits: several different wrong codes from one address are slowed down ("Too many wrong codes",
// the right code included, until the block ends: then "Try again" syncs), and a collection over
// its size cap says "The collection is full on the server".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { encodePairingCode, newCollection, randomId } from '../../src/sync/pairingCode.ts';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage } from './pages/appPages.ts';
import { storeRows } from './pages/importPage.ts';
import { startSyncServer, type SyncServerProcess } from './syncServer.ts';
import { SyncSettingsPage } from './syncPages.ts';

const app = useAppInBrowser();
const servers: SyncServerProcess[] = [];
const folders: string[] = [];

afterAll(async () => {
  for (const server of servers) await server.kill('SIGTERM');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function server(args: string[]): Promise<SyncServerProcess> {
  const data = mkdtempSync(join(tmpdir(), 'rehearse-sync-refusals-'));
  folders.push(data);
  const started = await startSyncServer({ data, args });
  servers.push(started);
  return started;
}

async function settings(): Promise<SyncSettingsPage> {
  const { page } = app.browser;
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck('ML interview prep notes');
  const sync = new SyncSettingsPage(page);
  await sync.open();
  return sync;
}

test('different wrong codes slow the address down, the right one too, until the block ends and Try again syncs', async () => {
  const limited = await server(['--wrong-code-limit', '2', '--wrong-code-block-seconds', '4']);
  const sync = await settings();
  const right = newCollection(limited.url);
  await sync.join(encodePairingCode(right));
  await sync.waitForStatus(/^Synced/);
  await leave(sync);

  for (let i = 0; i < 2; i++) {
    await sync.join(encodePairingCode({ ...right, secret: randomId() }));
    await sync.waitForStatus(/^(The server refused this code|Too many wrong codes: try again in a few minutes)$/);
    await sync.section.getByRole('button', { name: 'Enter another code' }).or(sync.section.getByRole('button', { name: 'Leave sync…' })).first().waitFor();
    await leave(sync);
  }
  await sync.join(encodePairingCode(right));
  await sync.waitForStatus(/^Too many wrong codes: try again in a few minutes$/);
  // Once the block is over, Try again gets through.
  await expect
    .poll(
      async () => {
        const words = (await sync.status.textContent()) ?? '';
        if (words.startsWith('Too many wrong codes')) await sync.section.getByRole('button', { name: 'Try again' }).click();
        return words;
      },
      { timeout: 60_000, interval: 2000 },
    )
    .toMatch(/^Synced/);
});

test('a collection over the server\'s size cap says it is full, and keeps every card here', async () => {
  const small = await server(['--max-collection-mb', '0.002']);
  const sync = await settings();
  await leave(sync); // the collection of the test before, if any
  await sync.create(small.url);
  await sync.waitForStatus(/^Synced/);
  // Ten answers are more than the collection may hold (2 KB).
  const { page } = app.browser;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decks' }).click();
  const review = await new DeckListPage(page).study('ML interview prep notes');
  for (let i = 0; i < 10; i++) {
    await review.showAnswerButton.waitFor();
    const id = await review.currentCardId();
    await page.keyboard.press('Space');
    await review.gradeButton('Easy').waitFor();
    await page.keyboard.press('4');
    await review.waitForCardOtherThan(id);
  }
  await sync.open();
  await sync.waitForStatus(/^The collection is full on the server$/);
  expect(await sync.section.locator('.sync-detail').textContent()).toMatch(/Your cards and reviews are safe on this device\..* reviews? (is|are) waiting to be sent\.$/);
  // The last answer's write may land after the refusal of the one before it.
  await expect.poll(async () => (await storeRows(page, 'reviews')).length).toBe(10);
  await sync.section.getByRole('button', { name: 'Try again' }).waitFor();
  await leave(sync);
});

/** Leaves sync, whatever the section offers for it (nothing to do when not set up). */
async function leave(sync: SyncSettingsPage): Promise<void> {
  const create = sync.section.getByRole('button', { name: 'Create a collection' });
  await create.or(sync.status).first().waitFor();
  if (await create.isVisible()) return;
  const another = sync.section.getByRole('button', { name: 'Enter another code' });
  if (await another.isVisible()) await another.click();
  else {
    await sync.section.getByRole('button', { name: 'Leave sync…' }).click();
    await sync.section.getByRole('button', { name: 'Leave sync', exact: true }).click();
  }
  await sync.section.getByRole('button', { name: 'Create a collection' }).waitFor();
}
