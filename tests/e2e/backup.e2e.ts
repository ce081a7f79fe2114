// Backup and restore in real Chromium: the download is recorded only once the browser has the
// file, and a backup holding a value the app would never write (a due date in 1870, a 50 MB
// answer, a review of a card that is nowhere, two reviews with one id, …) is refused with one
// sentence, before the confirmation (or, for what only a replace cannot keep, right after it),
// and the collection stays exactly as it was.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage } from './pages/appPages.ts';

const TABLES = ['decks', 'cards', 'cardStates', 'reviews', 'settings'] as const;

const app = useAppInBrowser();
const scratch = mkdtempSync(join(tmpdir(), 'rehearse-backup-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every row of every table, read straight from IndexedDB (no app code involved). */
function collection(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    (tables) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('rehearse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(tables, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const name of tables) {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => (out[name] = request.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [...TABLES],
  );
}

type BackupJson = Record<string, any>;

async function studyOneCard(page: Page): Promise<void> {
  const decks = new DeckListPage(page);
  await decks.waitForDeck('All decks');
  const review = await decks.study('All decks');
  const id = await review.currentCardId();
  await page.keyboard.press('Space');
  await review.gradeButton('Good').waitFor();
  await page.keyboard.press('3');
  await review.waitForCardOtherThan(id);
  await page.goto(`${app.server.url}#/`);
  await decks.waitForDeck('All decks');
}

async function openSettings(page: Page): Promise<void> {
  await page.goto(`${app.server.url}#/settings`);
  await page.getByRole('button', { name: 'Download backup' }).waitFor();
}

/** Picks `text` as the backup to restore; returns the alert naming the file, or null once its confirmation opened. */
async function chooseBackup(page: Page, text: string, name: string): Promise<string | null> {
  // Through a file on disk: the protocol takes buffers only up to 50 MB.
  const path = join(scratch, name);
  writeFileSync(path, text);
  await page.getByLabel('Restore from backup…').setInputFiles(path);
  const alert = page.getByRole('alert').filter({ hasText: name });
  const confirm = page.getByRole('group', { name: 'Restore backup' }).filter({ hasText: name });
  await alert.or(confirm).first().waitFor();
  return (await alert.count()) > 0 ? (await alert.innerText()).trim() : null;
}

test('a backup is recorded once handed to the browser; each bad value is refused with a sentence and changes nothing', async () => {
  const { page } = app.browser;
  await page.goto(app.server.url);
  await studyOneCard(page);

  await openSettings(page);
  await expect.poll(() => page.getByTestId('last-backup').innerText()).toBe('No backup made on this device yet.');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download backup' }).click()]);
  const status = page.getByRole('status').filter({ hasText: 'Your browser was handed' });
  await status.waitFor();
  expect(await status.innerText()).toMatch(/^Your browser was handed rehearse-backup-\d{4}-\d\d-\d\d\.json \(\d+ decks?, [\d,]+ cards and 1 review\) to save, and this counts as your latest backup/);
  await expect.poll(() => page.getByTestId('last-backup').innerText()).toMatch(/^Last backup: /);
  const good: BackupJson = JSON.parse(await streamText(await download.createReadStream()));
  expect(good.reviewLogs).toHaveLength(1);

  const before = await collection(page);
  const firstCard = good.cards[0].id as string;
  const edit = (change: (b: BackupJson) => void): string => {
    const copy = structuredClone(good);
    change(copy);
    // One row per line, as the app writes it, so the sentence can name a line.
    const { decks, cards, cardStates, reviewLogs, settings, ...header } = copy;
    const body = Object.entries({ decks, cards, cardStates, reviewLogs, settings }).map(
      ([table, rows]) => `${JSON.stringify(table)}: [${(rows as unknown[]).map((r) => `\n${JSON.stringify(r)}`).join(',')}\n]`,
    );
    return `${JSON.stringify(header).slice(0, -1)},\n${body.join(',\n')}\n}\n`;
  };
  const review = good.reviewLogs[0];
  const cases: Array<{ name: string; text: string; sentence: RegExp; replaceAfterConfirm?: boolean }> = [
    {
      name: 'due-1870.json',
      text: edit((b) => (b.cardStates[0].schedule.due = Date.UTC(1870, 2, 1))),
      sentence: /^due-1870\.json: This backup is damaged: scheduling state 1 \(line \d+\) has a due date in 1870, before the year 2000\. Nothing was changed\.$/,
    },
    {
      name: 'huge-answer.json',
      text: edit((b) => (b.cards[0].back = 'x'.repeat(50 * 1024 * 1024))),
      sentence: /^huge-answer\.json: This backup is damaged: card 1 \(line \d+\) has an answer of 50\.0 MB, more than the 20 MB a whole note may have\. Nothing was changed\.$/,
    },
    {
      name: 'missing-card.json',
      text: edit((b) => b.reviewLogs.push({ ...review, id: `${review.id}-2`, cardId: 'nowhere/0000000000000', reviewedAt: review.reviewedAt + 1 })),
      sentence: /^missing-card\.json: This backup is damaged: review 2 \(line \d+\) is of a card that is neither in the backup nor on this device\. Nothing was changed\.$/,
    },
    {
      // The reviewed card is on this device but not in the file: a merge could keep it, a replace cannot.
      name: 'card-only-here.json',
      text: edit((b) => {
        b.cards = b.cards.filter((c: { id: string }) => c.id !== review.cardId);
        b.cardStates = b.cardStates.filter((st: { cardId: string }) => st.cardId !== review.cardId);
      }),
      sentence: /^This backup is damaged: review 1 \(line \d+\) is of a card that is not in the backup \(a replace keeps nothing of this device\)\. Nothing was changed\.$/,
      replaceAfterConfirm: true,
    },
    {
      name: 'duplicate-ids.json',
      text: edit((b) => b.reviewLogs.push({ ...review, cardId: firstCard, reviewedAt: review.reviewedAt + 1 })),
      sentence: /^duplicate-ids\.json: This backup is damaged: review 2 \(line \d+\) has the same id as review 1\. Nothing was changed\.$/,
    },
    {
      name: 'rating-9.json',
      text: edit((b) => (b.reviewLogs[0].rating = 9)),
      sentence: /^rating-9\.json: This backup is damaged: review 1 \(line \d+\) has a rating other than Again, Hard, Good or Easy\. Nothing was changed\.$/,
    },
    {
      name: 'difficulty.json',
      text: edit((b) => (b.reviewLogs[0].stateAfter.difficulty = 55)),
      sentence: /^difficulty\.json: This backup is damaged: review 1 \(line \d+\) has a difficulty of 55, outside 1 to 10\. Nothing was changed\.$/,
    },
    {
      name: 'future-review.json',
      text: edit((b) => (b.reviewLogs[0].reviewedAt = Date.parse(b.exportedAt) + 400 * 86_400_000)),
      sentence: /^future-review\.json: This backup is damaged: review 1 \(line \d+\) has a review time in \d{4}, after the backup was made\. Nothing was changed\.$/,
    },
  ];
  for (const c of cases) {
    let sentence = await chooseBackup(page, c.text, c.name);
    if (c.replaceAfterConfirm) {
      expect(sentence, c.name).toBeNull();
      await page.getByRole('radio', { name: /^Replace/ }).check();
      await page.getByRole('button', { name: 'Replace everything with this backup' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'This backup is damaged' });
      await alert.waitFor();
      sentence = (await alert.innerText()).trim();
      await page.getByRole('button', { name: 'Cancel' }).click();
    }
    expect(sentence, c.name).toMatch(c.sentence);
    expect(await collection(page), c.name).toEqual(before);
  }

  // The untouched file still merges: everything in it is already here.
  expect(await chooseBackup(page, edit(() => {}), 'good.json')).toBeNull();
  await page.getByRole('button', { name: 'Merge this backup' }).click();
  await page.getByRole('status').filter({ hasText: 'Merged good.json' }).waitFor();
  expect(await page.getByRole('status').filter({ hasText: 'Merged good.json' }).innerText()).toContain('everything in it was already here');
  expect((await collection(page)).reviews).toEqual(before.reviews);
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
