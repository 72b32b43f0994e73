// The statistics worker thread, run for real: the worker entry is bundled with esbuild exactly as
// scripts/build.mjs bundles dist/statsWorker.js (but without `vscode` marked external, so the build
// fails if the worker ever reaches for `vscode`), then started through the host's client.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { buildDashboard } from '../../../src/core/charts';
import { computeStats } from '../../../src/core/stats/compute';
import { itemMetaLookup, type ItemMeta } from '../../../src/core/stats/itemMeta';
import { mulberry32 } from '../../../src/core/stats/random';
import type { Rubric } from '../../../src/core/types';
import { defaultRubric } from '../../../src/core/store';
import type { StatsJobRequest } from '../../../src/extension/stats/statsJob';
import { LatestStatsJob, runStatsJobInWorker, StatsJobCancelled } from '../../../src/extension/stats/statsWorkerClient';
import { annotationFile } from '../stats/fixtures';
import { makeTempDir } from '../../support/tempDir';

const root = path.resolve(__dirname, '../../..');
const DATASET = 'multimedx-x';
const LANGS = ['zh', 'ja', 'sw'];
const ids = LANGS.flatMap((lang) => Array.from({ length: 40 }, (_, k) => `qa-${lang}-${String(k + 1).padStart(3, '0')}`));
const random = mulberry32(7);
const truth = ids.map(() => 1 + Math.floor(random() * 5));
const column = () => truth.map((v) => (random() < 0.1 ? null : Math.min(5, Math.max(1, v + Math.round((random() - 0.5) * 2)))));
const files = ['dr-a', 'dr-b', 'dr-c'].map((id) =>
  annotationFile(id, ids, { clinical_soundness: column(), cultural_grounding: column() }, { dataset: DATASET, flags: ids.map(() => (random() < 0.1 ? ['unsafe'] : [])) }),
);
// The open dataset says these items are NLI, which their ids alone would not tell.
const knownItems = new Map<string, ItemMeta>(ids.map((id, i) => [id, { lang: id.split('-')[1], task: i % 2 ? 'nli' : 'qa' }]));

let workerPath = '';
/** A bundle standing in for dist/extension.js: the client without an explicit worker path. */
let hostPath = '';
let annotationsDir = '';

before(async () => {
  const out = makeTempDir('medco-stats-worker-');
  workerPath = path.join(out, 'statsWorker.js');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/extension/stats/statsWorker.ts'],
    outfile: workerPath,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  hostPath = path.join(out, 'host.js');
  await esbuild.build({
    absWorkingDir: root,
    stdin: {
      contents: [
        "import { runStatsJobInWorker } from './src/extension/stats/statsWorkerClient';",
        'runStatsJobInWorker(JSON.parse(process.argv[2])).then((r) => process.stdout.write(JSON.stringify(r.dashboard)));',
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    outfile: hostPath,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
  });
  annotationsDir = makeTempDir('medco-stats-worker-data-');
  mkdirSync(path.join(annotationsDir, DATASET));
  for (const f of files) writeFileSync(path.join(annotationsDir, DATASET, `${f.annotator.id}.json`), JSON.stringify(f, null, 2));
});

const request = (extra: Partial<StatsJobRequest> = {}): StatsJobRequest => ({ annotationsDir, dataset: DATASET, knownItems, bootstrap: 200, seed: 11, ...extra });

/** What a reader of the folder records about its input: every file used, none left out. */
function withInput<T extends { input?: unknown }>(stats: T): T {
  stats.input = { used: files.length, leftOut: [], warnings: [] };
  return stats;
}

function expected(seed: number, bootstrap = 200) {
  const itemMeta = itemMetaLookup(knownItems);
  const stats = withInput(computeStats(files, { dataset: DATASET, bootstrap, seed, itemMeta }));
  return buildDashboard(files, stats, { itemMeta, bootstrap, seed });
}

test('the bundled worker never imports vscode', () => {
  assert.doesNotMatch(readFileSync(workerPath, 'utf8'), /require\(["']vscode["']\)/);
});

test('a bundled host finds statsWorker.js beside itself (as dist/extension.js does) and gets the same numbers', () => {
  // No knownItems: argv carries JSON, so languages and tasks come from the ids here.
  const stdout = execFileSync(process.execPath, [hostPath, JSON.stringify({ annotationsDir, dataset: DATASET, bootstrap: 100, seed: 5 })], {
    cwd: tmpdir(), // the worker is found from the bundle's own folder, not from the working directory
    encoding: 'utf8',
  });
  const stats = withInput(computeStats(files, { dataset: DATASET, bootstrap: 100, seed: 5 }));
  assert.deepEqual(JSON.parse(stdout), JSON.parse(JSON.stringify(buildDashboard(files, stats, { bootstrap: 100, seed: 5 }))));
});

test('the worker computes what computeStats + buildDashboard compute in process (same seed, same numbers)', async () => {
  const result = await runStatsJobInWorker(request(), { workerPath });
  assert.deepEqual(result.problems, []);
  assert.equal(result.files, undefined, 'the panel does not need the files back');
  assert.deepEqual(result.dashboard, expected(11));
  // Task comes from the dataset's own metadata, not from the ids.
  assert.ok(result.dashboard.stats.dimensions.clinical_soundness);
  assert.equal(result.dashboard.alphaByLanguage.clinical_soundness.length, LANGS.length);
});

test('the export asks for the files: the worker returns the annotator files it read', async () => {
  const result = await runStatsJobInWorker(request({ withFiles: true }), { workerPath });
  assert.deepEqual(result.files?.map((f) => f.annotator.id), ['dr-a', 'dr-b', 'dr-c']);
  assert.deepEqual(result.files, files);
});

test('rubric labels are localized by the host-provided map (the worker has no vscode.l10n)', async () => {
  const rubric: Rubric = defaultRubric();
  const first = rubric.dimensions[0];
  const result = await runStatsJobInWorker(request({ rubric, labels: { [first.label || first.id]: '«translated»' } }), { workerPath });
  assert.equal(result.dashboard.dimensionLabels?.[first.id], '«translated»');
  const other = rubric.dimensions[1];
  assert.equal(result.dashboard.dimensionLabels?.[other.id], other.label || other.id, 'labels without a translation stay as written');
});

test('a newer request supersedes an older one: the older resolves to undefined, the newer to its own result', async () => {
  const jobs = new LatestStatsJob(workerPath);
  const older = jobs.run(request({ seed: 1, bootstrap: 1000 }));
  const newer = jobs.run(request({ seed: 2 }));
  assert.equal(await older, undefined, 'the stale result is dropped');
  const result = await newer;
  assert.deepEqual(result?.dashboard, expected(2));
});

test('the kept worker serves one refresh after another, and a fresh one after dispose()', async () => {
  const jobs = new LatestStatsJob(workerPath);
  assert.deepEqual((await jobs.run(request({ seed: 3 })))?.dashboard, expected(3));
  assert.deepEqual((await jobs.run(request({ seed: 4 })))?.dashboard, expected(4));
  jobs.dispose();
  assert.deepEqual((await jobs.run(request({ seed: 3 })))?.dashboard, expected(3));
  jobs.dispose();
});

test('cancel() stops the job in flight; an aborted signal rejects with StatsJobCancelled', async () => {
  const jobs = new LatestStatsJob(workerPath);
  const pending = jobs.run(request({ bootstrap: 1000 }));
  jobs.cancel();
  assert.equal(await pending, undefined);
  const controller = new AbortController();
  const running = runStatsJobInWorker(request(), { workerPath, signal: controller.signal });
  controller.abort();
  await assert.rejects(running, StatsJobCancelled);
});

test('an error inside the computation comes back as a rejection with its message', async () => {
  const broken = { id: 'broken', version: 1, dimensions: null, flags: [] } as unknown as Rubric;
  await assert.rejects(runStatsJobInWorker(request({ rubric: broken }), { workerPath }), (err: Error) => {
    assert.ok(!(err instanceof StatsJobCancelled));
    assert.match(err.message, /\S/);
    return true;
  });
});

test('a missing worker file is an error, not a hang', async () => {
  await assert.rejects(runStatsJobInWorker(request(), { workerPath: path.join(path.dirname(workerPath), 'nope.js') }), /nope\.js|Cannot find module/);
});

test('a folder that is not there: the worker reports it as a problem, like the in-process code did', async () => {
  const result = await runStatsJobInWorker(request({ annotationsDir: path.join(annotationsDir, 'missing') }), { workerPath });
  assert.equal(result.problems.length, 1);
  assert.match(result.problems[0].message, /not a folder/);
});
