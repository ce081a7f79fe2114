// Builds the page of `npm run bench:stats` into .tmp/bench-stats-dist, beside the app built there
// by the production config (scripts/bench-stats.ts runs both). Never part of dist/.
import { benchPagesConfig } from '../pagesConfig.ts';

export default benchPagesConfig('.tmp/bench-stats-dist', {
  statsBench: new URL('stats-bench.html', import.meta.url),
  bareStats: new URL('bare-stats.html', import.meta.url),
});
