// The commands that read every annotator file of a dataset (stats, export, adjudication) on files
// the store cannot use: each such file named, exit 1, and the other annotators still counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { annotationFile, entry, tempAnnotationsDir, writeAnnotationFile } from '../curation/fixtures';
import { hasTerminalControl, repoRoot, runTs } from './helpers';

const CLI = path.join(repoRoot, 'src/cli/main.ts');
const medco = (...args: string[]) => runTs(CLI, args);

/** dr-a and dr-b readable; dr-deep nested 10,000 levels; dr-loop a symlink to itself; dr-latin1 not UTF-8. */
function folder(): { dir: string; deep: string; loop: string; latin1: string } {
  const dir = tempAnnotationsDir();
  for (const [id, v] of [['dr-a', 4], ['dr-b', 2]] as const) {
    writeAnnotationFile(dir, annotationFile(id, { 'qa-ja-001': entry({ clinical_soundness: v }), 'qa-ja-002': entry({ clinical_soundness: 3 }) }));
  }
  const ds = path.join(dir, 'multimedx-ja');
  const deep = path.join(ds, 'dr-deep.json');
  writeFileSync(deep, `{\n  "schema": "medco.annotations/1",\n  "items": ${'['.repeat(10000)}${']'.repeat(10000)}\n}\n`);
  const loop = path.join(ds, 'dr-loop.json');
  symlinkSync('dr-loop.json', loop);
  const latin1 = path.join(ds, 'dr-latin1.json');
  writeFileSync(latin1, Buffer.from(JSON.stringify(annotationFile('dr-latin1', { 'qa-ja-001': entry({ clinical_soundness: 1, comment: 'café' }) }), null, 2), 'latin1'));
  return { dir, deep, loop, latin1 };
}

function assertNamed(stderr: string, f: ReturnType<typeof folder>): void {
  assert.ok(stderr.includes(`${f.deep}:3`) && /nested more than 64 levels deep/.test(stderr), stderr);
  assert.ok(stderr.includes(`${f.loop}: symlink loop`), stderr);
  assert.ok(stderr.includes(`${f.latin1}:`) && /invalid UTF-8/.test(stderr), stderr);
  assert.doesNotMatch(stderr, /Maximum call stack/);
}

test('medco stats, export and adjudication name each unreadable file, exit 1, and still count the others', async () => {
  const f = folder();
  const [stats, exported, adjudication] = await Promise.all([
    medco('stats', f.dir, '--json', '--bootstrap', '0'),
    medco('export', f.dir, '--format', 'jsonl'),
    medco('adjudication', f.dir, '--json'),
  ]);
  assert.equal(stats.code, 1, stats.stderr);
  assertNamed(stats.stderr, f);
  assert.deepEqual(JSON.parse(stats.stdout).annotators, ['dr-a', 'dr-b']);

  assert.equal(exported.code, 1, exported.stderr);
  assertNamed(exported.stderr, f);
  const rows = exported.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual([...new Set(rows.map((r: { annotator: string }) => r.annotator))].sort(), ['dr-a', 'dr-b']);

  assert.equal(adjudication.code, 1, adjudication.stderr);
  const out = JSON.parse(adjudication.stdout);
  assert.deepEqual(out.annotators, ['dr-a', 'dr-b']);
  assertNamed(out.problems.map((p: { file: string; line: number; message: string }) => `${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}`).join('\n'), f);
  const human = await medco('adjudication', f.dir);
  assert.equal(human.code, 1);
  assertNamed(human.stderr, f);
  assert.match(human.stdout, /multimedx-ja: 2 annotators/);
});

test('medco adjudication prints item ids, annotator ids and messages with escape sequences as text', async () => {
  const dir = tempAnnotationsDir();
  const evil = 'qa-ja-\u001b[2J\u001b]0;owned\u0007\u009b31m\u202e-001';
  for (const [id, v] of [['dr-a', 1], ['dr-b', 5]] as const) writeAnnotationFile(dir, annotationFile(id, { [evil]: entry({ clinical_soundness: v }) }));
  writeFileSync(path.join(dir, 'multimedx-ja', 'dr-c.json'), String.raw`{"schema": "medco.annotations/1", "items": {"\u001b[31m": 1, "\u001b[31m": 2}}`);
  const r = await medco('adjudication', dir);
  assert.equal(r.code, 1);
  assert.ok(r.stdout.includes('qa-ja-\\u001b[2J\\u001b]0;owned\\u0007\\u009b31m\\u202e-001'), r.stdout);
  assert.match(r.stderr, /duplicate key "\\u001b\[31m"/);
  for (const out of [r.stdout, r.stderr]) assert.ok(!hasTerminalControl(out), JSON.stringify(out));
});
