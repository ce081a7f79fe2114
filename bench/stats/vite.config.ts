// Builds the page of `npm run bench:stats` into .tmp/bench-stats-dist, beside the app built there
// by the production config (scripts/bench-stats.ts runs both). Never part of dist/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: '.tmp/bench-stats-dist',
    emptyOutDir: false,
    assetsDir: 'bench-assets',
    rolldownOptions: {
      input: { statsBench: fileURLToPath(new URL('stats-bench.html', import.meta.url)) },
    },
  },
});
