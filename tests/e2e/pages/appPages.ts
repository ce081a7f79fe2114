// Page models for the end-to-end specs: what a person sees and does, in one place.
import type { Locator, Page } from 'playwright-core';

export interface Counts {
  new: number;
  learning: number;
  due: number;
}

export class DeckListPage {
  constructor(readonly page: Page) {}

  row(title: string): Locator {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  async waitForDeck(title: string): Promise<void> {
    await this.row(title).getByRole('button', { name: 'Study' }).waitFor();
  }

  async counts(title: string): Promise<Counts> {
    const row = this.row(title);
    const read = async (kind: string) => Number(await row.locator(`[data-count="${kind}"]`).first().textContent());
    return { new: await read('new'), learning: await read('learning'), due: await read('due') };
  }

  async study(title: string): Promise<ReviewPage> {
    await this.row(title).getByRole('button', { name: 'Study' }).click();
    const review = new ReviewPage(this.page);
    await review.showAnswerButton.waitFor();
    return review;
  }
}

export class ReviewPage {
  constructor(readonly page: Page) {}

  get showAnswerButton(): Locator {
    return this.page.getByRole('button', { name: 'Show answer', exact: true });
  }

  gradeButton(name: 'Again' | 'Hard' | 'Good' | 'Easy'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  get undoButton(): Locator {
    return this.page.getByRole('button', { name: 'Undo', exact: true });
  }

  async currentCardId(): Promise<string> {
    return (await this.page.locator('[data-card-id]').getAttribute('data-card-id')) ?? '';
  }

  /** Waits until the card on screen is no longer `previous`. */
  async waitForCardOtherThan(previous: string): Promise<string> {
    await this.page.waitForFunction(
      (id) => {
        const el = document.querySelector('[data-card-id]');
        return el !== null && el.getAttribute('data-card-id') !== id;
      },
      previous,
    );
    return this.currentCardId();
  }

  async frontText(): Promise<string> {
    return (await this.page.locator('.card-front').innerText()).trim();
  }
}

/**
 * The answers that count, oldest first, read straight from IndexedDB (no app code involved): an
 * undo voids its row (it stays in the log, marked), so voided rows are left out here.
 */
export async function reviewLogRows(page: Page): Promise<Array<{ cardId: string; rating: number; reviewedAt: number }>> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('rehearse');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('reviews').objectStore('reviews').getAll();
          request.onsuccess = () => {
            db.close();
            type Row = { cardId: string; rating: number; reviewedAt: number; voided?: 1 };
            resolve(
              (request.result as Row[])
                .filter((r) => !r.voided)
                .sort((x, y) => x.reviewedAt - y.reviewedAt)
                .map((r) => ({ cardId: r.cardId, rating: r.rating, reviewedAt: r.reviewedAt })),
            );
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}
