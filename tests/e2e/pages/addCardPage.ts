// Page model of the add-card screen (#/add) for the add-card spec and its screenshots.
import type { Locator, Page } from 'playwright-core';

export class AddCardPage {
  constructor(readonly page: Page) {}

  /** Opens the screen from the deck list's "Add a card". */
  async openFromDeckList(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decks' }).click();
    await this.page.getByRole('link', { name: 'Add a card', exact: true }).first().click();
    await this.front.waitFor();
  }

  get deck(): Locator {
    return this.page.getByRole('combobox', { name: 'Deck', exact: true });
  }
  get newDeckName(): Locator {
    return this.page.getByRole('textbox', { name: 'Name of the new deck', exact: true });
  }
  get front(): Locator {
    return this.page.getByRole('textbox', { name: 'Front', exact: true });
  }
  get back(): Locator {
    return this.page.getByRole('textbox', { name: 'Back', exact: true });
  }
  get tags(): Locator {
    return this.page.getByRole('textbox', { name: 'Tags', exact: true });
  }
  get reverse(): Locator {
    return this.page.getByRole('checkbox', { name: /reverse card/ });
  }
  preview(side: 'front' | 'back'): Locator {
    return this.page.getByRole('region', { name: `Preview of the ${side}` });
  }
  /** The "Added …" line. */
  get saved(): Locator {
    return this.page.getByRole('status').filter({ hasText: /^Added / });
  }

  async write(card: { deck: string; front: string; back: string; tags?: string; reverse?: boolean }): Promise<void> {
    await this.deck.selectOption({ label: card.deck });
    await this.front.fill(card.front);
    await this.back.fill(card.back);
    if (card.tags !== undefined) await this.tags.fill(card.tags);
    await this.reverse.setChecked(card.reverse ?? false);
  }
}
