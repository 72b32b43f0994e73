// Builds the bundles: the extension host (CommonJS, `vscode` external) with its statistics worker,
// the `medco` CLI, and the webview apps (browser). ESM-only dependencies (lowdb, marked) are bundled in.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

const nodeCommon = {
  ...common,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // `vscode` is provided by the extension host at run time; usearch is a native module loaded from
  // node_modules when present (the CLI; the VSIX ships none and the extension scans exactly).
  // Everything else is bundled.
  external: ['vscode', 'usearch'],
  mainFields: ['module', 'main'],
};

const webviewEntries = readdirSync(path.join(root, 'webview'))
  .filter((f) => /^app-.*\.ts$/.test(f))
  .map((f) => path.join('webview', f));

const builds = [
  { ...nodeCommon, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  // The statistics worker thread; dist/extension.js starts it from beside itself (__dirname).
  { ...nodeCommon, entryPoints: ['src/extension/stats/statsWorker.ts'], outfile: 'dist/statsWorker.js' },
  {
    ...nodeCommon,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
];
if (webviewEntries.length > 0) {
  builds.push({
    ...common,
    platform: 'browser',
    target: 'chrome120',
    format: 'esm',
    entryPoints: webviewEntries,
    outdir: 'dist/webview',
    entryNames: '[name]',
  });
}

mkdirSync(path.join(root, 'dist'), { recursive: true });
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`built ${builds.length} bundles${production ? ' (production)' : ''}`);
}
