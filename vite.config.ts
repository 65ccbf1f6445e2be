import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/** The bundled font's CSS lists a woff fallback beside each woff2; every Chromium (Electron's included) reads woff2. */
const woff2Only: Plugin = {
  name: 'icpdesk-woff2-only',
  enforce: 'pre',
  transform(code, id) {
    if (!id.includes('@fontsource/') || !id.endsWith('.css')) return null;
    return code.replace(/,\s*url\([^)]*\.woff\) format\('woff'\)/g, '');
  },
};

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), woff2Only],
  build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
