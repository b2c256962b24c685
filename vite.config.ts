import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is loaded from file:// in Electron and from a local server in the
// browser e2e harness, so every asset URL must be relative.
//
// Two pages: the app (index.html) and the observer's device page (observer.html), which
// the capture door serves to phones and tablets. The observer page is its own small
// entry, so a phone on school Wi-Fi downloads none of the app's features.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // Electron's Chromium for the app; the observer page also runs on iPads and
    // Chromebooks that may be a few versions behind.
    target: ['chrome130', 'safari15', 'firefox115'],
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'renderer/index.html'),
        observer: resolve(import.meta.dirname, 'renderer/observer.html'),
      },
    },
  },
});
