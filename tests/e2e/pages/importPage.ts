// Page model of the import screen (#/import) for the import and hostile-note specs.
import type { Locator, Page } from 'playwright-core';

export interface NoteFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export class ImportPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await this.fileInput.waitFor({ state: 'attached' });
  }

  get fileInput(): Locator {
    return this.page.getByLabel('Import notes', { exact: true });
  }

  /** Files as payloads, or as paths on disk (what a big file needs: a payload crosses the DevTools protocol, a path does not). */
  async choose(files: NoteFile[] | string[]): Promise<void> {
    await this.fileInput.setInputFiles(files);
  }

  /** The preview (or error, or done) section of one file. */
  item(name: string): Locator {
    return this.page.locator('.import-item').filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }

  preview(name: string): Locator {
    return this.page.locator('.import-item.preview').filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }

  async waitForPreview(name: string): Promise<Locator> {
    const preview = this.preview(name);
    await preview.waitFor({ timeout: 30_000 });
    return preview;
  }

  async cardCount(name: string): Promise<number> {
    return Number(await this.preview(name).getByTestId('card-count').textContent());
  }

  async changes(name: string): Promise<string> {
    return ((await this.preview(name).getByTestId('changes').textContent()) ?? '').trim();
  }

  async deckName(name: string): Promise<string> {
    return this.preview(name).getByLabel('Deck name').inputValue();
  }

  /** Presses Import (or Update deck) and waits for the "Imported" line. */
  async importIt(name: string): Promise<string> {
    const preview = this.preview(name);
    const done = this.page.locator('.import-item.done').getByRole('status').filter({ hasText: 'Imported' });
    // An earlier import's line may still be on the screen: wait for this one's.
    const before = await done.count();
    await preview.getByRole('button', { name: /^(Import|Update deck)$/ }).click();
    await done.nth(before).waitFor();
    return (await done.nth(before).textContent()) ?? '';
  }

  /** The "Cut cards at" control of one preview. */
  cutAt(name: string): Locator {
    return this.preview(name).getByLabel('Cut cards at');
  }

  /** Picks where to cut (by choice id) and waits for the re-cut preview. */
  async chooseCut(name: string, choiceId: string): Promise<void> {
    await this.cutAt(name).selectOption(choiceId);
    await this.preview(name).getByText('Cutting…').waitFor({ state: 'detached' });
  }

  /** The choices offered, as the control shows them: `{ id, text }`. */
  async cutChoices(name: string): Promise<Array<{ id: string; text: string }>> {
    return this.cutAt(name).locator('option').evaluateAll((options) =>
      options.map((o) => ({ id: (o as HTMLOptionElement).value, text: (o.textContent ?? '').trim() })),
    );
  }

  /** The checkbox of card `n` (1-based, in note order); the list renders only the rows in view, so it is scrolled to first. */
  async cardCheckbox(name: string, n: number): Promise<Locator> {
    const list = this.preview(name).locator('.card-list');
    const box = this.preview(name).getByRole('checkbox', { name: `Import card ${n}`, exact: true });
    if ((await box.count()) === 0) {
      await list.evaluate((el, index) => {
        const row = el.querySelector<HTMLElement>('.card-row:not(.open)');
        el.scrollTop = index * (row?.getBoundingClientRect().height ?? 64);
      }, n - 1);
    }
    await box.waitFor();
    return box;
  }

  /** The sentence under the preview's title about where the note was cut, if any. */
  cutNotice(name: string): Locator {
    return this.preview(name).getByTestId('cut-notice');
  }

  /** The alert shown for a file that cannot be imported. */
  async errorFor(name: string): Promise<string> {
    const alert = this.page.locator('.import-item.error').filter({ has: this.page.getByRole('heading', { name, exact: true }) }).getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    return ((await alert.textContent()) ?? '').trim();
  }
}

/** Rows of a store, read straight from IndexedDB (no app code involved). */
export async function storeRows<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('rehearse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}
