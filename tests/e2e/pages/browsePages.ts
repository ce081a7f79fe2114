// Page models for the card browser, the card screen and Settings → FSRS parameters.
import type { Locator, Page } from 'playwright-core';

export class BrowsePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse' }).click();
    await this.searchBox.waitFor();
  }

  get searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search cards' });
  }

  get count(): Locator {
    return this.page.getByTestId('browse-count');
  }

  /** Types a search and waits until the list shows its result. */
  async search(text: string): Promise<void> {
    await this.count.filter({ hasText: /card|No card/ }).waitFor();
    await this.searchBox.fill(text);
    // The count is busy from the first key until the list answers the words typed.
    await this.page.waitForFunction(() => {
      const count = document.querySelector('[data-testid="browse-count"]');
      return count?.getAttribute('aria-busy') === 'false' && !count.textContent?.includes('Reading');
    });
    await this.count.filter({ hasText: /match/ }).or(this.count.filter({ hasText: 'No card matches' })).waitFor();
  }

  /** Card ids in the result list, in order. */
  async resultIds(): Promise<string[]> {
    return this.page.locator('.browse-results [data-card-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-card-id') ?? ''));
  }

  async openCard(id: string): Promise<CardPage> {
    await this.page.locator(`.browse-results [data-card-id="${id}"]`).click();
    const card = new CardPage(this.page);
    await card.content.waitFor();
    return card;
  }
}

export class CardPage {
  constructor(readonly page: Page) {}

  get content(): Locator {
    return this.page.getByRole('article', { name: 'Card content' });
  }

  get editedFlag(): Locator {
    return this.page.getByTestId('edited-flag');
  }

  async edit(changes: { front?: string; back?: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit', exact: true }).click();
    if (changes.front !== undefined) await this.page.getByLabel('Question').fill(changes.front);
    if (changes.back !== undefined) await this.page.getByLabel('Answer', { exact: true }).fill(changes.back);
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
    await this.content.waitFor();
  }
}

export class FsrsParametersPage {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('group', { name: 'FSRS parameters' });
  }

  get optimizeButton(): Locator {
    return this.section.getByRole('button', { name: 'Optimize', exact: true });
  }

  get useButton(): Locator {
    return this.section.getByRole('button', { name: 'Use these parameters' });
  }
}

/** The saved scheduler settings' custom parameters, read straight from IndexedDB. */
export async function storedWeights(page: Page): Promise<number[] | null> {
  return page.evaluate(
    () =>
      new Promise<number[] | null>((resolve, reject) => {
        const open = indexedDB.open('rehearse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('settings').objectStore('settings').get('scheduler');
          request.onsuccess = () => {
            db.close();
            resolve((request.result?.value?.fsrsWeights as number[] | undefined) ?? null);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}
