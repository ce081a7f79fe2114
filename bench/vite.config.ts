// Builds the bench pages of `npm run bench:app` into .tmp/bench-dist; scripts/bench-app.ts then
// builds the app there with the production config (so its service worker precaches these pages
// too). Never part of dist/.
import { benchPagesConfig } from './pagesConfig.ts';

export default benchPagesConfig('.tmp/bench-dist', {
  appBench: new URL('app-bench.html', import.meta.url),
  bareFirstCard: new URL('bare-first-card.html', import.meta.url),
  bareDeckList: new URL('bare-deck-list.html', import.meta.url),
});
