// `npm run icons`: every icon the app ships, generated from the one source image public/icon.svg
// (64/192/512 px, a maskable 512 px with a safe-zone margin, the 180 px apple-touch-icon and
// favicon.ico). The PNGs are committed; run it again only when the source image changes.
import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    ...minimal2023Preset,
    // The tile is white, so the margin the maskable and Apple icons need is white too. The
    // preset's 30% margin leaves a small mark: 15% keeps the cards inside the maskable safe
    // circle (80% of the width), and iOS rounds the corners itself.
    maskable: { ...minimal2023Preset.maskable, padding: 0.15, resizeOptions: { background: '#ffffff' } },
    apple: { ...minimal2023Preset.apple, padding: 0.1, resizeOptions: { background: '#ffffff' } },
  },
  images: ['public/icon.svg'],
});
