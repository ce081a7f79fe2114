// The persisted search index in real Chromium against the production build: cards imported from a
// note and a card edited on its screen are found by search, also after a reload (the index lives
// in IndexedDB and follows every write); the plain listing's first page shows before any search,
// and a deck deletion takes its cards out of the results.
import { expect, test } from 'vitest';
import { useAppInBrowser } from './appInBrowser.ts';
import { DeckListPage } from './pages/appPages.ts';
import { BrowsePage } from './pages/browsePages.ts';
import { ImportPage } from './pages/importPage.ts';

const app = useAppInBrowser();

const NOTE = [
  '## What does the quokkafish heuristic estimate?',
  'The quokkafish heuristic estimates the marmotide overhead of a cache.',
  '',
  '## Why is a quokkafish estimate cheap?',
  'It reads only the pangolinex counters.',
  '',
].join('\n');

test('imported and edited cards are found by search, after a reload too', async () => {
  const { page } = app.browser;
  await page.goto(app.server.url);
  await new DeckListPage(page).waitForDeck('Generative AI interview questions');

  const imports = new ImportPage(page);
  await imports.open();
  await imports.choose([{ name: 'quokka-notes.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTE) }]);
  await imports.waitForPreview('quokka-notes.md');
  await imports.importIt('quokka-notes.md');

  const browse = new BrowsePage(page);
  await browse.open();
  // The plain listing paints its first page and the count from the index, before any search.
  await browse.count.filter({ hasText: /^\d[\d,]* cards$/ }).waitFor();
  expect((await browse.resultIds()).length).toBeGreaterThan(0);

  await browse.search('quokkafish');
  const found = await browse.resultIds();
  expect(found).toHaveLength(2);
  await browse.search('"marmotide overhead"');
  expect(await browse.resultIds()).toHaveLength(1);
  await browse.search('quokkafish -pangolinex');
  const [onlyFirst] = await browse.resultIds();
  expect(await browse.resultIds()).toHaveLength(1);

  // An edit on the card screen: the new words are found, the old ones no longer.
  const card = await browse.openCard(onlyFirst!);
  await card.edit({ back: 'Now it is about the wombatrix ratio.' });
  await card.editedFlag.waitFor();
  await page.goBack();
  await browse.search('wombatrix');
  expect(await browse.resultIds()).toEqual([onlyFirst]);
  await browse.search('marmotide');
  expect(await browse.count.innerText()).toMatch(/^No card matches/);

  // After a reload the index is read from IndexedDB, not rebuilt: the same answers.
  await page.reload();
  await browse.searchBox.waitFor();
  await browse.search('wombatrix');
  expect(await browse.resultIds()).toEqual([onlyFirst]);
  await browse.search('quokkafish');
  expect((await browse.resultIds()).sort()).toEqual([...found].sort());
  // The index's own rows are there, beside the cards.
  const shards = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('rehearse');
        open.onsuccess = () => {
          const request = open.result.transaction('searchShards').objectStore('searchShards').count();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  expect(shards).toBeGreaterThan(0);
});
