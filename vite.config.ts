import { builtinModules } from 'node:module';
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import pkg from './package.json' with { type: 'json' };

/**
 * One config, four outputs, chosen by --mode:
 *   renderer → dist/renderer   (React app; the only thing a browser ever loads)
 *   main     → dist/electron/main.cjs     (Electron main process)
 *   preload  → dist/electron/preload.cjs  (sandboxed preload: one file, only `electron` external)
 *   preview  → dist/preview/cli.js        (browser preview host for development and tests; never packaged)
 *   mask-worker, preview-mask-worker → dist/electron/mask-worker.cjs, dist/preview/mask-worker.js
 *            (the Aadhaar masking thread, started by masking-thread.ts from next to main.cjs or cli.js;
 *            self-contained, its codecs bundled in, so the thread needs no module resolution)
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
// keytar is an optional dependency (a machine without libsecret's headers still installs): it
// stays external like every other dependency, loaded at run time if it is there.
const dependencies = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})];

const MASK_WORKER = 'electron/documents/masking/mask-worker.ts';

function nodeBuild(entry: string, outDir: string, fileName: string, format: 'cjs' | 'es', external: string[]): UserConfig {
  return {
    build: {
      outDir,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      sourcemap: false,
      ssr: entry,
      rollupOptions: {
        external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
        output: { format, entryFileNames: fileName },
      },
    },
    ssr: { noExternal: true },
  };
}

export default defineConfig(({ mode }) => {
  switch (mode) {
    case 'main':
      return nodeBuild('electron/main.ts', 'dist/electron', 'main.cjs', 'cjs', ['electron', ...nodeBuiltins, ...dependencies]);
    case 'preload':
      return nodeBuild('electron/preload.ts', 'dist/electron', 'preload.cjs', 'cjs', ['electron']);
    case 'preview':
      return nodeBuild('electron/preview/cli.ts', 'dist/preview', 'cli.js', 'es', [...nodeBuiltins, ...dependencies]);
    case 'mask-worker':
      return nodeBuild(MASK_WORKER, 'dist/electron', 'mask-worker.cjs', 'cjs', nodeBuiltins);
    case 'preview-mask-worker':
      return nodeBuild(MASK_WORKER, 'dist/preview', 'mask-worker.js', 'es', nodeBuiltins);
    default:
      return {
        root: 'renderer',
        base: './',
        plugins: [react()],
        build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'chrome120', sourcemap: false },
      };
  }
});
