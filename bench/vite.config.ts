// Builds the bench pages of `npm run bench:app` into .tmp/bench-dist; scripts/bench-app.ts then
// builds the app there with the production config (so its service worker precaches these pages
// too). Never part of dist/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // The app build that follows copies public/ (the bundled decks).
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: '.tmp/bench-dist',
    emptyOutDir: false,
    assetsDir: 'bench-assets',
    rolldownOptions: {
      input: {
        appBench: fileURLToPath(new URL('app-bench.html', import.meta.url)),
        bareFirstCard: fileURLToPath(new URL('bare-first-card.html', import.meta.url)),
      },
    },
  },
});
