// The card browser in real Chromium against the production build: find a card by a word of its
// answer, open it, edit it, and find the edit still there (marked as edited) after the bundled
// decks are synced again, as after a rebuild of the decks.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { useAppInBrowser } from './appInBrowser.ts';
import type { BrowserSession } from './harness.ts';
import { DeckListPage } from './pages/appPages.ts';
import { BrowsePage } from './pages/browsePages.ts';

const DECK = 'Generative AI interview questions';
const app = useAppInBrowser({
  // Record what the app puts on its icon (the Badging API needs an installed app to show it).
  setup: (browser) =>
    browser.context.addInitScript(() => {
      const w = window as unknown as { __badges: number[] };
      w.__badges = [];
      Object.defineProperty(Navigator.prototype, 'setAppBadge', { configurable: true, value: async (n?: number) => void w.__badges.push(n ?? 0) });
      Object.defineProperty(Navigator.prototype, 'clearAppBadge', { configurable: true, value: async () => void w.__badges.push(0) });
    }),
});

/** A card of the bundled deck and a word found in its answer only (in no other bundled card). */
function cardWithAnswerWord(): { id: string; word: string } {
  type Card = { id: string; front: string; back: string };
  const read = (file: string) => (JSON.parse(readFileSync(`dist/decks/${file}`, 'utf8')) as { cards: Card[] }).cards;
  const all = readdirSync('dist/decks').filter((f) => f.endsWith('.json') && f !== 'index.json').flatMap(read);
  const words = (text: string) => new Set(text.toLowerCase().match(/[a-z]{7,}/g) ?? []);
  for (const card of read('genai-interview-questions.json')) {
    const front = words(card.front);
    for (const word of words(card.back)) {
      if (front.has(word)) continue;
      if (all.every((other) => other.id === card.id || (!other.front.toLowerCase().includes(word) && !other.back.toLowerCase().includes(word)))) {
        return { id: card.id, word };
      }
    }
  }
  throw new Error('no distinctive answer word in the deck');
}

/** Forgets which bundled decks were synced, so the next start syncs them all again. */
async function forgetBundledSync(page: BrowserSession['page']): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('rehearse');
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite');
          tx.objectStore('settings').delete('bundledDecksVersion');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

test('find a card by a word of its answer, edit it, and keep the edit through a deck rebuild', async () => {
  const { page } = app.browser;
  const { id, word } = cardWithAnswerWord();
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck(DECK);
  // Today's cards on the app icon: the day's new cards (20 a day by default), nothing due yet.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __badges: number[] }).__badges.at(-1))).toBe(20);

  const browse = new BrowsePage(page);
  await browse.open();
  await browse.search(word);
  expect(await browse.resultIds()).toEqual([id]);
  expect(await browse.count.innerText()).toMatch(/^1 card matches/);

  const card = await browse.openCard(id);
  expect(page.url()).toContain(`#/card/${encodeURIComponent(id)}`);
  await expect.poll(() => card.content.innerText()).toMatch(new RegExp(word, 'i'));
  await expect.poll(() => card.editedFlag.count()).toBe(0);
  await card.edit({ back: 'My own answer: a zebracorn mnemonic.' });
  await card.editedFlag.waitFor();
  await expect.poll(() => card.content.innerText()).toContain('zebracorn');

  // A rebuild of the decks: the bundled sync runs again over every card.
  await forgetBundledSync(page);
  await page.reload();
  await card.content.waitFor();
  await page.goto(`${app.server.url}#/`);
  await new DeckListPage(page).waitForDeck(DECK);
  await page.waitForFunction(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open('rehearse');
      open.onsuccess = () => resolve(open.result);
    });
    const value = await new Promise((resolve) => {
      const request = db.transaction('settings').objectStore('settings').get('bundledDecksVersion');
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return value !== undefined;
  });

  await page.goto(`${app.server.url}#/card/${encodeURIComponent(id)}`);
  await card.editedFlag.waitFor();
  await expect.poll(() => card.content.innerText()).toContain('zebracorn');

  // The browser finds the user's words now, and marks the card as edited.
  await browse.open();
  await browse.search('zebracorn');
  expect(await browse.resultIds()).toEqual([id]);
  await expect.poll(() => page.locator(`.browse-results [data-card-id="${id}"] .flag-edited`).count()).toBe(1);

  // "Review it now" shows the card in the study screen.
  await browse.openCard(id);
  await page.getByRole('link', { name: 'Review it now' }).click();
  await page.getByRole('button', { name: 'Show answer', exact: true }).waitFor();
  expect(await page.locator('[data-card-id]').getAttribute('data-card-id')).toBe(id);
});
