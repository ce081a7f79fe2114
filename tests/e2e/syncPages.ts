// Page model of Settings → Sync for the sync specs.
import type { Locator, Page } from 'playwright-core';

export class SyncSettingsPage {
  constructor(readonly page: Page) {}

  /** Opens Settings from the main navigation and waits for the Sync section. */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await this.section.locator('legend', { hasText: 'Sync' }).waitFor();
  }

  get section(): Locator {
    return this.page.getByTestId('sync-section');
  }

  get status(): Locator {
    return this.page.getByTestId('sync-status');
  }

  /** Creates a collection on `server` and returns the pairing code shown. */
  async create(server: string): Promise<string> {
    await this.section.getByLabel('Server address').fill(server);
    await this.section.getByRole('button', { name: 'Create a collection' }).click();
    return this.code();
  }

  async code(): Promise<string> {
    const code = this.page.getByTestId('pairing-code');
    await code.waitFor();
    return ((await code.textContent()) ?? '').trim();
  }

  async join(code: string): Promise<void> {
    await this.section.getByLabel('Join with a code').fill(code);
    await this.section.getByRole('button', { name: 'Join', exact: true }).click();
    await this.status.waitFor();
  }

  /** Waits until the state in words matches `words`. */
  async waitForStatus(words: RegExp, timeout = 60_000): Promise<string> {
    await this.page.waitForFunction(
      ([source, flags]) => new RegExp(source!, flags).test(document.querySelector('[data-testid="sync-status"]')?.textContent ?? ''),
      [words.source, words.flags],
      { timeout },
    );
    return ((await this.status.textContent()) ?? '').trim();
  }
}
