import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA, type VitePWAOptions } from 'vite-plugin-pwa';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

// App colours, as in src/ui/theme.css: the top bar (theme) and the page (background).
const LIGHT = { theme: '#ffffff', background: '#f7f7f5' };
const DARK = { theme: '#1b1e24', background: '#111317' };

/**
 * The service worker and the web app manifest. Exported so the build checks and the PWA
 * benchmark read the same settings.
 *
 * - Our own registration (src/pwa, workbox-window), never `autoUpdate`: a new worker waits
 *   until the user presses "Reload" in the update notice, so a review is never interrupted.
 * - Precache everything a card can need offline: the app shell, every deck (json), KaTeX's
 *   woff2 fonts (browsers that run this app all read woff2, so the .woff/.ttf copies Vite
 *   also emits are left out), styles, icons. Source maps stay out; the worker never lists
 *   itself (workbox-build leaves out `swDest`, and the runtime is inlined into sw.js).
 * - Every URL is relative, so the same dist/ works at a domain's root or under any sub-path.
 */
export const pwaOptions: Partial<VitePWAOptions> = {
  strategies: 'generateSW',
  registerType: 'prompt',
  injectRegister: false,
  filename: 'sw.js',
  manifestFilename: 'manifest.webmanifest',
  includeManifestIcons: false, // the glob below already finds them in dist/
  workbox: {
    // The WebAssembly too: the FSRS optimizer (1.7 MB) and SQLite for the Anki export (0.7 MB)
    // must work offline like everything else.
    globPatterns: ['**/*.{js,css,html,json,woff2,svg,png,ico}', 'assets/fsrs_browser_bg-*.wasm', 'assets/sql-wasm-browser-*.wasm'],
    globIgnores: ['**/*.map', 'sw.js', 'workbox-*.js', 'share-target-sw.js'],
    // The share target's POST handler (files and text shared from the phone's share sheet).
    importScripts: ['share-target-sw.js'],
    inlineWorkboxRuntime: true,
    // The first visit is controlled as soon as the worker is ready (nothing to interrupt
    // then); later versions still wait for the user (no skipWaiting).
    clientsClaim: true,
    skipWaiting: false,
    cleanupOutdatedCaches: true,
    navigateFallback: 'index.html',
    // The markdown renderer is the largest file (~360 KB); the default 2 MiB limit is fine,
    // but say so, so a file that outgrows it fails the build check instead of going missing.
    maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
  },
  manifest: {
    id: './',
    name: 'Rehearse',
    short_name: 'Rehearse',
    description: 'Offline-first spaced-repetition flashcards for technical interview prep.',
    lang: 'en',
    dir: 'ltr',
    categories: ['education', 'productivity'],
    start_url: './',
    scope: './',
    display: 'standalone',
    theme_color: LIGHT.theme,
    background_color: LIGHT.background,
    icons: [
      { src: 'pwa-64x64.png', sizes: '64x64', type: 'image/png' },
      { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
      { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    // Notes shared from other apps open the import screen. Files need POST + multipart, so text
    // comes the same way; public/share-target-sw.js keeps both and redirects to #/import?shared=1.
    share_target: {
      action: './share-target',
      method: 'POST',
      enctype: 'multipart/form-data',
      params: {
        title: 'title',
        text: 'text',
        url: 'url',
        // Anki packages have no registered type: file managers share them as a zip or as bytes.
        files: [{ name: 'notes', accept: ['text/markdown', 'text/plain', 'text/org', '.md', '.markdown', '.txt', '.org', '.apkg', '.colpkg', 'application/zip', 'application/octet-stream'] }],
      },
    },
    shortcuts: [
      {
        name: 'Study now',
        short_name: 'Study',
        description: 'Review the cards due today, from every deck',
        url: './#/study/all',
        icons: [{ src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' }],
      },
    ],
  },
};

// Dark colours for the installed app's window and splash screen. `color_scheme_dark` is the
// Web App Manifest's newer member (w3c/manifest#1207), `user_preferences` the earlier
// incubation; browsers that know neither use the light colours above, and index.html's
// theme-color metas still follow the system scheme while the app runs.
Object.assign(pwaOptions.manifest as object, {
  color_scheme_dark: { theme_color: DARK.theme, background_color: DARK.background },
  user_preferences: {
    color_scheme: { dark: { theme_color: DARK.theme, background_color: DARK.background } },
  },
});

// `base: './'` keeps every URL relative, so dist/ works from any static host and any sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), VitePWA(pwaOptions), devWithoutCsp()],
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  preview: { port: 4173, strictPort: false },
  worker: {
    format: 'es',
    plugins: () => [workerExports()],
  },
});

/**
 * Web Workers have no `document`, but Vite bundles them with the "browser" export condition, and
 * two packages have "browser" builds that need one: decode-named-character-reference (used by
 * remark in the import and render workers) decodes entities through a DOM element, and
 * hast-util-from-html-isomorphic (rehype-katex, in the render worker) parses KaTeX's HTML with a
 * <template>. Their "worker"/default builds are plain JavaScript: use those.
 */
const WORKER_SAFE = new Set(['decode-named-character-reference', 'hast-util-from-html-isomorphic']);

function workerExports(): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: 'rehearse:worker-exports',
    enforce: 'pre',
    resolveId(source) {
      return WORKER_SAFE.has(source) ? require.resolve(source) : null;
    },
  };
}

/**
 * index.html's Content-Security-Policy forbids inline scripts, and the dev server injects one (the
 * React refresh preamble): drop the tag under `vite` only. Builds and previews keep it.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'rehearse:dev-without-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    },
  };
}
