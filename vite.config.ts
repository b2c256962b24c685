import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is loaded from file:// in Electron and from a local server in the
// browser e2e harness, so every asset URL must be relative.
//
// Two pages: the app (index.html) and the observer's device page (observer.html), which
// the capture door serves to phones and tablets. The observer page is its own small
// entry, so a phone on school Wi-Fi downloads none of the app's features.
//
// `vite build --ssr renderer/app/start-page.tsx` (npm run build:renderer runs both) builds
// the start screen's renderer for Node: the backend draws the groups list into the page
// it gives the window. Every dependency is bundled into it, as the packaged app ships no
// node_modules.
export default defineConfig(({ isSsrBuild }) => ({
  root: 'renderer',
  base: './',
  plugins: [react()],
  ssr: isSsrBuild ? { noExternal: true } : undefined,
  build: isSsrBuild
    ? {
        outDir: '../dist/start-page',
        emptyOutDir: true,
        target: 'node20',
        rollupOptions: { input: resolve(import.meta.dirname, 'renderer/app/start-page.tsx'), output: { entryFileNames: 'render.mjs' } },
      }
    : {
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
            // The start page's script, at a fixed address the backend writes into that page.
            'after-first-paint': resolve(import.meta.dirname, 'renderer/after-first-paint.ts'),
          },
          output: { entryFileNames: (chunk) => (chunk.name === 'after-first-paint' ? 'after-first-paint.js' : 'assets/[name]-[hash].js') },
        },
      },
}));
