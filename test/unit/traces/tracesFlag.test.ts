// `--traces <file>` names a file the user expects to exist: wherever the CLI reads it, a missing
// file says "not found" with its path (not "no trace for item …"), a folder is named as a folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../support/tempDir';

const REPO = path.resolve(__dirname, '../../..');
const medco = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli/main.ts'), ...args], { encoding: 'utf8' });

test('medco rate and medco adjudication: a missing --traces file is "not found", a folder is named', () => {
  const root = makeTempDir('medco-traces-flag-');
  const annotations = path.join(root, 'annotations');
  cpSync(path.join(REPO, 'sample', 'annotations'), annotations, { recursive: true });
  const missing = path.join(root, 'nope.traces.jsonl');
  const folder = path.join(root, 'folder.traces.jsonl');
  mkdirSync(folder);
  // rate refuses a missing annotations root (a typo must not create a tree): make it.
  mkdirSync(path.join(root, 'ratings'));
  const rate = (traces: string) =>
    medco('rate', path.join(root, 'ratings'), '--dataset', 'd', '--annotator', 'dr-a', '--item', 'qa-ja-001', '--traces', traces, '--set', 'clinical_soundness=3');

  for (const [run, file, expected] of [
    [rate, missing, `${missing}: traces file not found`],
    [rate, folder, `${folder}: is a folder, not a traces file`],
    [(t: string) => medco('adjudication', annotations, '--traces', t), missing, `${missing}: traces file not found`],
    [(t: string) => medco('adjudication', annotations, '--traces', t), folder, `${folder}: is a folder, not a traces file`],
  ] as const) {
    const r = run(file);
    assert.equal(r.status, 1, r.stderr);
    assert.ok(r.stderr.includes(expected), r.stderr);
    assert.doesNotMatch(r.stderr, /no trace for item/);
  }
});
