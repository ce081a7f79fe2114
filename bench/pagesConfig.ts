// The Vite config of a benchmark's own pages: built into a scratch folder beside the app that the
// benchmark builds there with the production config. Never part of dist/.
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

/** `pages`: entry name → HTML file URL; `outDir`: relative to the project root. */
export function benchPagesConfig(outDir: string, pages: Record<string, URL>): UserConfig {
  return defineConfig({
    root: fileURLToPath(new URL('..', import.meta.url)),
    base: './',
    // The app build that follows copies public/ (the bundled decks).
    publicDir: false,
    build: {
      target: 'es2022',
      outDir,
      emptyOutDir: false,
      assetsDir: 'bench-assets',
      rolldownOptions: {
        input: Object.fromEntries(Object.entries(pages).map(([name, url]) => [name, fileURLToPath(url)])),
      },
    },
  });
}
