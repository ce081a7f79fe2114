// A card's media from IndexedDB in real Chromium, under the production build's CSP, offline: an
// imported note whose cards name `photo.png`, `gone.jpg` and `[sound:hello.wav]`, with the files
// written into the media tables as storeAnkiMedia writes them. The card shows the picture by a
// blob: URL (decoded, so really the file), a missing or undecodable file by its name, and a play button that
// plays the sound; the URLs are revoked once the card leaves; all of it after the network is cut.
// (The Anki import screen's own spec, with a real package, is tests/e2e/ankiImport.e2e.ts.)
// REHEARSE_E2E_DIST serves another build than dist/.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBrowser, serveDist, type AppServer, type BrowserSession } from './harness.ts';
import { ImportPage, storeRows } from './pages/importPage.ts';
import { waitForServiceWorkerControl } from './pwa.ts';

let server: AppServer | undefined;
let browser: BrowserSession;

beforeAll(async () => {
  server = await serveDist(process.env.REHEARSE_E2E_DIST ?? 'dist');
  browser = await openBrowser();
  await browser.context.addInitScript(() => {
    const w = window as unknown as { __csp: string[]; __played: string[] };
    w.__csp = [];
    w.__played = [];
    document.addEventListener('securitypolicyviolation', (event) => w.__csp.push(`${event.violatedDirective} ${event.blockedURI}`));
    // Record each play() and whether the browser could play it (a CSP without media-src blob: fails it).
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      const started = play.call(this);
      started.then(() => w.__played.push(`played ${this.src}`), (error: Error) => w.__played.push(`failed ${error.name}`));
      return started;
    };
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A 2×1 PNG (red, blue). */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGP4z8DAwMAAAAQCAf9V2lB3AAAAAElFTkSuQmCC';

/** 0.2 s of silence, 8 kHz mono 8-bit PCM WAV. */
function silentWav(): Buffer {
  const samples = 1600;
  const wav = Buffer.alloc(44 + samples, 0x80);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(8000, 28);
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples, 40);
  return wav;
}

const NOTE = `# Pictures

## What does the flag look like?

<img src="photo.png" alt="The flag"> and <img src="gone.jpg"> and <img src="broken.png">

## How is it said?

Listen: [sound:hello.wav]
`;

test('a card shows its deck’s stored image and plays its sound offline, and a missing file by its name', async () => {
  const { page, context } = browser;
  await page.goto(server!.url);
  await page.getByRole('button', { name: 'Study' }).first().waitFor();
  await waitForServiceWorkerControl(page);
  const importer = new ImportPage(page);
  await importer.open();
  await importer.choose([{ name: 'pictures.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTE) }]);
  await importer.waitForPreview('pictures.md');
  await importer.importIt('pictures.md');
  const cards = await storeRows<{ id: string; deckId: string; front: string; back: string }>(page, 'cards');
  const picture = cards.find((c) => c.front.startsWith('What does the flag'))!;
  const sound = cards.find((c) => c.front.startsWith('How is it said'))!;

  // The files, as storeAnkiMedia stores them (a Blob by SHA-256, a name per deck).
  await page.evaluate(
    ({ deckId, png, wav }) =>
      new Promise<void>((resolve, reject) => {
        const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const open = indexedDB.open('rehearse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['media', 'mediaNames'], 'readwrite');
          tx.objectStore('media').put({ hash: 'a'.repeat(64), type: 'image/png', size: 0, bytes: new Blob([bytes(png)], { type: 'image/png' }) });
          tx.objectStore('media').put({ hash: 'b'.repeat(64), type: 'audio/wav', size: 0, bytes: new Blob([bytes(wav)], { type: 'audio/wav' }) });
          tx.objectStore('mediaNames').put({ deckId, name: 'photo.png', hash: 'a'.repeat(64) });
          tx.objectStore('mediaNames').put({ deckId, name: 'hello.wav', hash: 'b'.repeat(64) });
          // Stored, but not an image: it cannot decode.
          tx.objectStore('media').put({ hash: 'c'.repeat(64), type: 'image/png', size: 3, bytes: new Blob(['abc'], { type: 'image/png' }) });
          tx.objectStore('mediaNames').put({ deckId, name: 'broken.png', hash: 'c'.repeat(64) });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { deckId: picture.deckId, png: PNG_BASE64, wav: silentWav().toString('base64') },
  );

  // No network from here on.
  await context.setOffline(true);
  await server!.close();
  server = undefined;

  await page.goto(`${page.url().split('#')[0]}#/card/${encodeURIComponent(picture.id)}`);
  const image = page.locator('.review-card img[alt="The flag"]');
  await image.waitFor();
  expect(await image.getAttribute('src')).toMatch(/^blob:/);
  await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBe(2);
  const missing = page.locator('.review-card .card-media-missing');
  expect(await missing.textContent()).toBe('gone.jpg image not in the collection');
  // A stored file that does not decode shows its name too, not a broken icon.
  await page.locator('.review-card .card-img-missing').waitFor();
  expect(await page.locator('.review-card .card-img-missing').textContent()).toBe('broken.png');
  expect(await page.locator('.review-card img:not([alt="The flag"])').count()).toBe(0);
  const url = (await image.getAttribute('src'))!;

  await page.goto(`${page.url().split('#')[0]}#/card/${encodeURIComponent(sound.id)}`);
  const play = page.getByRole('button', { name: 'Play hello.wav' });
  await play.click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __played: string[] }).__played)).toEqual([expect.stringMatching(/^played blob:/)]);
  // The picture's card left the screen: its URL no longer answers.
  // (Asked as an image: the CSP keeps fetch() from blob: URLs.)
  const answer = (u: string) =>
    new Promise<string>((resolve) => {
      const probe = new Image();
      probe.onload = () => resolve('answered');
      probe.onerror = () => resolve('revoked');
      probe.src = u;
    });
  expect(await page.evaluate(answer, url)).toBe('revoked');
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
});
