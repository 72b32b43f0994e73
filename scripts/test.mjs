// The project's test command. Runs, in order: lint, type check, build, unit tests, webview tests
// (headless Chromium), end-to-end tests (packaged extension in code-server). Ends with the line
// `N passed, N failed` that CI reads. `node scripts/test.mjs unit` runs only the unit tests.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const wants = (phase) => only.length === 0 || only.includes(phase);
let passed = 0;
let failed = 0;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  return r.status === 0;
}

function check(name, ok) {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${name}`);
  if (ok) passed++;
  else failed++;
}

function testFiles(dir) {
  const abs = path.join(root, 'test', dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .filter((f) => /\.test\.(ts|mjs)$/.test(f))
    .sort()
    .map((f) => path.join('test', dir, f));
}

/** Runs test files with node's test runner; counts tests from its TAP output. */
function nodeTests(dir, extraEnv = {}) {
  const files = testFiles(dir);
  if (files.length === 0) return;
  const tap = path.join(mkdtempSync(path.join(tmpdir(), 'medco-tap-')), 'out.tap');
  spawnSync(
    process.execPath,
    [
      '--import', 'tsx',
      '--test',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } },
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key) => Number((text.match(new RegExp(`^# ${key} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  const p = count('pass');
  const f = count('fail') + count('cancelled');
  console.log(`${dir}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
  if (p + f === 0) failed++; // a suite that ran nothing is a failure, not a pass
}

if (wants('lint')) check('lint (eslint)', run('npx', ['eslint', '.']));
if (wants('typecheck')) check('type check (tsc --noEmit)', run('npx', ['tsc', '--noEmit', '-p', '.']));
if (wants('build') || wants('webview') || wants('e2e')) check('build', run(process.execPath, ['scripts/build.mjs']));
if (wants('unit')) nodeTests('unit');
if (wants('webview')) nodeTests('webview');
if (wants('e2e')) {
  check('package VSIX', run('npm', ['run', 'package', '--silent']));
  check('e2e setup (chromium, code-server)', run('bash', ['scripts/setup-e2e.sh']));
  nodeTests('e2e');
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
