// The pieces of scripts/test.mjs that keep `npm test` from hanging and its count honest: a step
// under a wall-clock limit is stopped with everything it started; what a step leaves running is
// killed; a test file cut off by node's --test-timeout counts as failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeTempDir } from '../../support/tempDir';

const REPO = path.resolve(__dirname, '../../..');

interface RunResult {
  ok: boolean;
  code: number | null;
  timedOut: boolean;
  ms: number;
  leftovers: boolean;
  stdout: string;
}
type TimedRun = (cmd: string, args: string[], o: { cwd?: string; env?: NodeJS.ProcessEnv; limitMs: number; label: string; captureStdout?: boolean }) => Promise<RunResult>;

async function load(): Promise<{ timedRun: TimedRun; countTap: (text: string) => { pass: number; fail: number } }> {
  const { timedRun } = (await import(pathToFileURL(path.join(REPO, 'scripts/lib/timedRun.mjs')).href)) as { timedRun: TimedRun };
  const { countTap } = (await import(pathToFileURL(path.join(REPO, 'scripts/lib/tap.mjs')).href)) as { countTap: (t: string) => { pass: number; fail: number } };
  return { timedRun, countTap };
}

/** Whether `pid` runs (a zombie, killed but not reaped by a container's init, does not). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/** The pid a shell command wrote to `file`, once it is there. */
function pidIn(file: string): number {
  assert.ok(existsSync(file), `${file} was not written`);
  return Number(readFileSync(file, 'utf8').trim());
}

test('a step that hangs is stopped at its limit with the processes it started, even one ignoring SIGTERM', async () => {
  const { timedRun } = await load();
  const dir = makeTempDir('medco-runner-');
  const pidFile = path.join(dir, 'child.pid');
  // The step starts a child that ignores SIGTERM, then waits forever.
  const script = `bash -c 'trap "" TERM; echo $$ > ${pidFile}; while :; do sleep 1; done' & wait`;
  const r = await timedRun('bash', ['-c', script], { limitMs: 1500, label: 'hang' });
  assert.equal(r.timedOut, true);
  assert.equal(r.ok, false);
  assert.ok(r.ms < 1500 + 5000 + 3000, `stopped after ${r.ms} ms`);
  assert.equal(alive(pidIn(pidFile)), false, 'the child that ignored SIGTERM was killed');
});

test('processes a step leaves behind when it exits are killed and reported', async () => {
  const { timedRun } = await load();
  const dir = makeTempDir('medco-runner-');
  const pidFile = path.join(dir, 'left.pid');
  const r = await timedRun('bash', ['-c', `sleep 600 & echo $! > ${pidFile}; exit 0`], { limitMs: 60_000, label: 'leaves a process' });
  assert.equal(r.ok, true);
  assert.equal(r.leftovers, true);
  assert.equal(alive(pidIn(pidFile)), false);
});

test('a test file cut off by --test-timeout is counted as failed, from TAP read off a pipe', async () => {
  const { timedRun, countTap } = await load();
  const dir = makeTempDir('medco-runner-');
  const file = path.join(dir, 'cut.test.mjs');
  writeFileSync(
    file,
    `import { test } from 'node:test';
test('passes', () => {});
test('never ends', () => new Promise(() => setInterval(() => {}, 1000)));
`,
  );
  const r = await timedRun(
    process.execPath,
    ['--test', '--test-timeout=2000', '--test-force-exit', '--test-reporter=tap', '--test-reporter-destination=stdout', file],
    // Without NODE_TEST_CONTEXT (set for this file by the runner), node --test reports as usual.
    { limitMs: 60_000, label: 'cut', captureStdout: true, env: { ...process.env, NODE_TEST_CONTEXT: undefined } },
  );
  assert.equal(r.timedOut, false, 'node itself ended the file');
  assert.notEqual(r.code, 0);
  const c = countTap(r.stdout);
  assert.equal(c.pass, 1);
  assert.ok(c.fail >= 1, r.stdout);
});

test('counting TAP: cancelled tests are failures; a stream without its summary is counted line by line', async () => {
  const { countTap } = await load();
  assert.deepEqual(countTap('ok 1 - a\n# pass 1\n# fail 0\n# cancelled 2\n'), { pass: 1, fail: 2 });
  assert.deepEqual(countTap('ok 1 - a\nok 2 - b\nnot ok 3 - c\n    ok 1 - nested\n'), { pass: 2, fail: 1 });
});
