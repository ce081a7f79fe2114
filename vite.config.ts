import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `base: './'` keeps every URL relative, so dist/ works from any static host and any sub-path.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  preview: { port: 4173, strictPort: false },
});
