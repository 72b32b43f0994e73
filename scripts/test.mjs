// The project's test command (`npm test`). Runs, in order: lint, type check, build, unit tests,
// webview tests (headless Chromium), end-to-end tests (packaged extension in code-server), and
// installs what a phase needs right before it: Debian's Chromium and fonts before the webview
// phase, code-server before the end-to-end phase (scripts/setup-e2e.sh). Ends with the line
// `N passed, N failed` that CI reads.
//
// Nothing can hang: every step runs in its own process group under a wall-clock limit (LIMITS
// below); a test file gets a limit of its own and node's per-test timeout; the whole run stops
// starting steps once its overall budget is spent. A step that times out, crashes or runs no test
// counts as failed, with a message that says which and why.
//
// `node scripts/test.mjs unit webview` runs only those phases (setup steps included).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countTap } from './lib/tap.mjs';
import { timedRun } from './lib/timedRun.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PHASES = ['lint', 'typecheck', 'build', 'unit', 'webview', 'e2e'];
const only = process.argv.slice(2);
for (const phase of only) {
  if (!PHASES.includes(phase)) {
    console.error(`unknown phase "${phase}"; phases: ${PHASES.join(', ')}`);
    process.exit(2);
  }
}
const wants = (phase) => only.length === 0 || only.includes(phase);

const MIN = 60_000;
/** Wall-clock limits (ms). Keep docs/development.md ("Tests") in step. */
const LIMITS = {
  total: 80 * MIN, // CI allows 90 minutes for npm install + npm test
  lint: 5 * MIN,
  typecheck: 5 * MIN,
  build: 3 * MIN,
  setupPackages: 15 * MIN, // apt-get: chromium, fonts, ripgrep, libkrb5-dev
  package: 5 * MIN,
  setupCodeServer: 20 * MIN, // npm pack + native module builds, first run only
  // Per test file. node's --test-timeout cancels the file's remaining tests at that limit (in
  // node 20 it bounds each file run by --test as a whole) and names the file; the process group
  // is killed GROUP_SLACK later if node itself does not end.
  unitFile: 6 * MIN,
  webviewFile: 4 * MIN,
  e2eFile: 15 * MIN,
};
const GROUP_SLACK = 30_000;

const deadline = Date.now() + LIMITS.total;
let passed = 0;
let failed = 0;

function report(name, ok, why = '') {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${name}${why ? ` (${why})` : ''}`);
  if (ok) passed++;
  else failed++;
}

/** The step's own limit, cut to what is left of the overall budget (null: nothing left). */
function limitFor(ms) {
  const left = deadline - Date.now();
  return left <= 1000 ? null : Math.min(ms, left);
}

function why(r) {
  if (r.timedOut) return 'timed out';
  if (r.code === null && r.signal) return `killed by ${r.signal}`;
  if (r.code === null) return 'could not start';
  return `exit ${r.code}`;
}

/** Runs one command as a step that passes or fails as a whole. */
async function step(name, cmd, args, limitMs, env = {}) {
  const limit = limitFor(limitMs);
  if (limit === null) return report(name, false, 'not run: the overall time limit of npm test was reached');
  const r = await timedRun(cmd, args, { cwd: root, env: { ...process.env, ...env }, limitMs: limit, label: name });
  report(name, r.ok, r.ok ? '' : why(r));
  return r.ok;
}

function testFiles(dir) {
  const abs = path.join(root, 'test', dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .filter((f) => /\.test\.(ts|mjs)$/.test(f))
    .sort()
    .map((f) => path.join('test', dir, f));
}

/**
 * Runs each test file of `dir` in its own `node --test` process (node runs one file at a time on
 * a 2-core machine anyway), so that one hung file is stopped alone and named.
 */
async function nodeTests(dir, fileLimitMs, env = {}) {
  const files = testFiles(dir);
  if (files.length === 0) return report(`${dir}: test files`, false, `no *.test.ts under test/${dir}`);
  let p = 0;
  let f = 0;
  for (const file of files) {
    const limit = limitFor(fileLimitMs + GROUP_SLACK);
    if (limit === null) {
      console.log(`FAILED: ${file} (not run: the overall time limit of npm test was reached)`);
      f++;
      continue;
    }
    // A TMPDIR of its own, removed afterwards: nothing a test (or a killed file) leaves in the
    // temp folder outlives the run; what is left is named, since a test should clean up itself.
    const fileTmp = mkdtempSync(path.join(tmpdir(), 'medco-testfile-'));
    // tsx keeps its compile cache in $TMPDIR/tsx-<uid>: point that at the usual one, or every
    // file would compile the sources afresh.
    mkdirSync(tsxCache, { recursive: true });
    symlinkSync(tsxCache, path.join(fileTmp, path.basename(tsxCache)));
    const r = await timedRun(
      process.execPath,
      [
        '--import', 'tsx',
        '--test',
        `--test-timeout=${Math.max(1000, limit - GROUP_SLACK)}`,
        // A test file whose tests are done but that still holds a handle (a server, a browser)
        // exits instead of waiting forever.
        '--test-force-exit',
        // Readable progress on stderr; TAP on stdout (a pipe, complete at exit) to count.
        '--test-reporter=spec', '--test-reporter-destination=stderr',
        '--test-reporter=tap', '--test-reporter-destination=stdout',
        file,
      ],
      { cwd: root, env: { ...process.env, ...env, TMPDIR: fileTmp }, limitMs: limit, label: file, captureStdout: true },
    );
    const left = readdirSync(fileTmp).filter((name) => name !== path.basename(tsxCache));
    if (left.length > 0 && r.ok) console.log(`${file}: left in its temp folder (removed now): ${left.join(', ')}`);
    rmSync(fileTmp, { recursive: true, force: true, maxRetries: 3 });
    const c = countTap(r.stdout);
    let extra = '';
    if (r.timedOut) {
      c.fail++;
      extra = `; TIMED OUT after ${Math.round(limit / 1000)} s, counted as a failure`;
    } else if (/test timed out after/.test(r.stdout)) {
      extra = `; cut off by the ${Math.round((limit - GROUP_SLACK) / 1000)} s limit of a test file`;
    } else if (r.code !== 0 && c.fail === 0) {
      c.fail++;
      extra = `; ${why(r)} with no failed test, counted as a failure`;
    } else if (c.pass + c.fail === 0) {
      c.fail++;
      extra = '; ran no test, counted as a failure';
    }
    console.log(`${file}: ${c.pass} passed, ${c.fail} failed (${(r.ms / 1000).toFixed(1)} s${extra})`);
    p += c.pass;
    f += c.fail;
  }
  console.log(`${dir}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}

const tsxCache = path.join(tmpdir(), `tsx-${process.geteuid ? process.geteuid() : userInfo().username}`);
const npx = (bin) => path.join(root, 'node_modules', '.bin', bin);

if (wants('lint')) await step('lint (eslint)', npx('eslint'), ['.'], LIMITS.lint);
if (wants('typecheck')) await step('type check (tsc --noEmit, every project)', process.execPath, ['scripts/typecheck.mjs'], LIMITS.typecheck);
if (wants('build') || wants('webview') || wants('e2e')) await step('build', process.execPath, ['scripts/build.mjs'], LIMITS.build);
if (wants('unit')) await nodeTests('unit', LIMITS.unitFile);
if (wants('webview') || wants('e2e')) {
  // Before the first phase that starts a browser. A failure here still runs the phase: its tests
  // then fail fast, each saying what is missing.
  await step('setup: Debian packages (chromium, fonts, ripgrep, libkrb5-dev)', 'bash', ['scripts/setup-e2e.sh', '--packages'], LIMITS.setupPackages);
}
if (wants('webview')) await nodeTests('webview', LIMITS.webviewFile);
if (wants('e2e')) {
  await step('package VSIX', 'npm', ['run', 'package', '--silent'], LIMITS.package);
  await step('setup: code-server', 'bash', ['scripts/setup-e2e.sh'], LIMITS.setupCodeServer);
  await nodeTests('e2e', LIMITS.e2eFile);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
