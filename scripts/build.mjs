// Builds the three bundles: the extension host (CommonJS, `vscode` external), the `medco` CLI,
// and the webview apps (browser). ESM-only dependencies (lowdb, marked, p-limit) are bundled in.
import * as esbuild from 'esbuild';
import { mkdirSync, cpSync, existsSync, readdirSync } from 'node:fs';
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
  // exceljs pulls optional native/legacy modules that are never used when reading xlsx.
  external: ['vscode'],
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
  const codicons = path.join(root, 'node_modules/@vscode/codicons/dist');
  if (existsSync(codicons)) cpSync(codicons, path.join(root, 'dist/codicons'), { recursive: true });
  console.log(`built ${builds.length} bundles${production ? ' (production)' : ''}`);
}
