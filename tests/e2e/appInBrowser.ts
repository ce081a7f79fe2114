// The usual set-up of an end-to-end spec file, kept apart from harness.ts so that scripts
// (benchmarks, screenshots) can use the harness without the test runner.
import { afterAll, beforeAll } from 'vitest';
import { openBrowser, serveDist, type AppServer, type BrowserSession } from './harness.ts';

export interface AppInBrowser {
  readonly server: AppServer;
  readonly browser: BrowserSession;
}

/**
 * The usual set-up of a spec file: dist/ served and a fresh Chromium profile for its tests,
 * both closed afterwards. `setup` runs once the browser is open (init scripts, say).
 */
export function useAppInBrowser(options: { viewport?: { width: number; height: number }; setup?(browser: BrowserSession): Promise<unknown> } = {}): AppInBrowser {
  const app = {} as { server: AppServer; browser: BrowserSession };
  beforeAll(async () => {
    // REHEARSE_E2E_DIST: a build of one's own (`vite build --outDir …`) while others build dist/.
    app.server = await serveDist(process.env.REHEARSE_E2E_DIST ?? 'dist');
    app.browser = await openBrowser(options.viewport);
    await options.setup?.(app.browser);
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
