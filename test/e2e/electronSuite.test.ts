// Runs the @vscode/test-electron integration suite (test/electron/suite) inside code-server's
// extension host, as the E2E notes describe: the workbench opened with a `payload` naming the
// extension under development (this repo, dist/ built) and the suite's entry point. Results come
// back through a JSON file, since code-server does not report the suite's exit code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO, startCodeServer, waitFor, type CodeServerSession } from '../support/codeServer';

interface SuiteResult {
  name: string;
  ok: boolean;
  error?: string;
}

const results = path.join(mkdtempSync(path.join(tmpdir(), 'medco-electron-results-')), 'results.json');
let cs: CodeServerSession;

before(async () => {
  // code-server passes its environment to the extension host, where the suite reads this.
  process.env.MEDCO_ELECTRON_RESULTS = results;
  cs = await startCodeServer({ settings: { 'medco.annotator.id': 'electron-tester' } });
});

after(async () => {
  await cs?.stop();
});

test('the test-electron integration suite passes inside code-server', { timeout: 180_000 }, async () => {
  const authority = new URL(cs.url).host;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${authority}${REPO}`],
    ['extensionTestsPath', `vscode-remote://${authority}${path.join(REPO, 'test', 'electron', 'suite', 'index.cjs')}`],
  ]);
  await cs.page.goto(`${cs.url}&payload=${encodeURIComponent(payload)}`);
  const suite = await waitFor('the suite results file', () => existsSync(results) && (JSON.parse(readFileSync(results, 'utf8')) as SuiteResult[]), 150_000, 500);
  assert.ok(suite.length >= 4, `ran ${suite.length} checks`);
  assert.deepEqual(
    suite.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`),
    [],
  );
});
