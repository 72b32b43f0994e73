// `medco rate` end to end: a real process, real files, exit codes per docs/formats.md §4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appendTrace, traceSha256 } from '../../../src/core/traces';
import { defaultRubric } from '../../../src/core/store';
import { sampleTrace } from '../traces/sampleTrace';
import { hasTerminalControl, repoRoot, runTs, tempDir } from './helpers';

const CLI = path.join(repoRoot, 'src/cli/main.ts');
const medco = (...args: string[]) => runTs(CLI, args);
const base = (dir: string) => [dir, '--dataset', 'multimedx-ja', '--annotator', 'dr-sato', '--item', 'qa-ja-001'];

test('medco rate saves, prints the entry as one JSON document, and a second call adds a revision', async () => {
  const dir = await tempDir('medco-rate-');
  const first = await medco('rate', ...base(dir), '--set', 'clinical_soundness=4', '--set', 'cultural_grounding=na', '--flag', 'unavailable_locally', '--comment', '地域で入手できない', '--json');
  assert.equal(first.code, 0, first.stderr);
  const entry = JSON.parse(first.stdout);
  assert.equal(entry.revision, 1);
  assert.deepEqual(entry.rating, { clinical_soundness: 4, cultural_grounding: null, flags: ['unavailable_locally'], comment: '地域で入手できない' });
  const file = path.join(dir, 'multimedx-ja', 'dr-sato.json');
  assert.deepEqual(JSON.parse(await readFile(file, 'utf8')).items['qa-ja-001'], entry);

  const second = await medco('rate', ...base(dir), '--set', 'cultural_grounding=2', '--duration-ms', '4100', '--json');
  assert.equal(second.code, 0, second.stderr);
  const e2 = JSON.parse(second.stdout);
  assert.equal(e2.revision, 2);
  assert.deepEqual(e2.rating, { clinical_soundness: 4, cultural_grounding: 2, flags: ['unavailable_locally'], comment: '地域で入手できない' });
  assert.equal(e2.durationMs, 4100);
  assert.deepEqual(e2.history[0].rating, entry.rating);

  const human = await medco('rate', ...base(dir), '--clear-flags');
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /qa-ja-001: saved revision 3/);
  assert.equal(JSON.parse(await readFile(file, 'utf8')).items['qa-ja-001'].rating.flags, undefined);
});

test('medco rate: values off the rubric are user errors (exit 1) and change nothing', async () => {
  const dir = await tempDir('medco-rate-');
  assert.equal((await medco('rate', ...base(dir), '--set', 'clinical_soundness=3')).code, 0);
  const file = path.join(dir, 'multimedx-ja', 'dr-sato.json');
  const before = await readFile(file);
  const cases: [string[], RegExp][] = [
    [['--set', 'clinical_soundness=9'], /clinical_soundness must be an integer from 1 to 5/],
    [['--set', 'clinical_soundness=good'], /not an integer, "na" or "null"/],
    [['--set', 'empathy=3'], /unknown dimension "empathy"/],
    [['--flag', 'bogus'], /unknown flag "bogus"/],
    [['--set', 'clinical_soundness'], /expected dimension=value/],
  ];
  const results = await Promise.all(cases.map(([args]) => medco('rate', ...base(dir), ...args)));
  results.forEach((r, i) => {
    assert.equal(r.code, 1, `${cases[i][0].join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, cases[i][1]);
    assert.equal(r.stdout, '');
  });
  assert.deepEqual(await readFile(file), before);
});

test('medco rate: usage errors exit 2', async () => {
  const dir = await tempDir('medco-rate-');
  const [noItem, nothing] = await Promise.all([
    medco('rate', dir, '--dataset', 'd', '--annotator', 'a', '--set', 'clinical_soundness=3'),
    medco('rate', ...base(dir)),
  ]);
  assert.equal(noItem.code, 2);
  assert.match(noItem.stderr, /--item/);
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /nothing to save/);
  const emptyItem = await medco('rate', dir, '--dataset', 'd', '--annotator', 'a', '--item', '', '--set', 'clinical_soundness=3');
  assert.equal(emptyItem.code, 2);
  assert.match(emptyItem.stderr, /--item must not be empty/);
});

test('medco rate into a path that is a file: exit 1, the path named, no stack trace', async () => {
  const dir = await tempDir('medco-rate-');
  const notADir = path.join(dir, 'afile');
  await writeFile(notADir, 'x\n');
  const r = await medco('rate', notADir, '--dataset', 'd', '--annotator', 'a', '--item', 'i1', '--set', 'clinical_soundness=4');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /afile/);
  assert.doesNotMatch(r.stderr, /^\s+at /m);
});

test('medco rate on a corrupt annotator file names file and line, exits 1, and leaves it untouched', async () => {
  const dir = await tempDir('medco-rate-');
  assert.equal((await medco('rate', ...base(dir), '--set', 'clinical_soundness=3')).code, 0);
  const file = path.join(dir, 'multimedx-ja', 'dr-sato.json');
  const corrupt = (await readFile(file, 'utf8')).replace('"revision": 1,', '"revision": 1,,');
  await writeFile(file, corrupt);
  const line = corrupt.split('\n').findIndex((l) => l.includes(',,')) + 1;
  const r = await medco('rate', ...base(dir), '--set', 'clinical_soundness=5', '--json');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.ok(r.stderr.includes(`${file}:${line}:`), r.stderr);
  assert.match(r.stderr, /left untouched/);
  assert.equal(await readFile(file, 'utf8'), corrupt);
});

test('medco rate --traces records the rated trace; --rubric accepts a custom rubric', async () => {
  const dir = await tempDir('medco-rate-');
  const traces = path.join(dir, 'run.traces.jsonl');
  const trace = sampleTrace();
  await appendTrace(traces, trace);
  const rubric = defaultRubric();
  rubric.id = 'site-rubric';
  rubric.dimensions.push({ id: 'readability', label: 'Readability', description: 'd', min: 1, max: 3, levels: { '1': 'a', '2': 'b', '3': 'c' } });
  const rubricFile = path.join(dir, 'rubric.json');
  await writeFile(rubricFile, JSON.stringify(rubric));
  const r = await medco('rate', ...base(dir), '--traces', traces, '--rubric', rubricFile, '--set', 'readability=3', '--json');
  assert.equal(r.code, 0, r.stderr);
  const entry = JSON.parse(r.stdout);
  assert.equal(entry.traceId, trace.id);
  assert.equal(entry.traceSha256, traceSha256(trace));
  assert.equal(entry.rating.readability, 3);
  const doc = JSON.parse(await readFile(path.join(dir, 'multimedx-ja', 'dr-sato.json'), 'utf8'));
  assert.deepEqual(doc.rubric, { id: 'site-rubric', version: 1 });

  const missing = await medco('rate', dir, '--dataset', 'multimedx-ja', '--annotator', 'dr-sato', '--item', 'qa-ja-999', '--traces', traces, '--set', 'clinical_soundness=2');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no trace for item qa-ja-999/);
});

test('medco rate on a file with an item key twice: exit 1 naming file and line; both copies stay', async () => {
  const dir = await tempDir('medco-rate-');
  assert.equal((await medco('rate', ...base(dir), '--set', 'clinical_soundness=3', '--comment', 'first copy')).code, 0);
  const file = path.join(dir, 'multimedx-ja', 'dr-sato.json');
  const text = await readFile(file, 'utf8');
  const entry = JSON.parse(text).items['qa-ja-001'];
  // The same key again, as a bad hand merge leaves it: JSON.parse alone would keep only this copy.
  const dup = text.replace('  "items": {\n', `  "items": {\n    "qa-ja-001": ${JSON.stringify({ ...entry, rating: { clinical_soundness: 1 } })},\n`);
  await writeFile(file, dup);
  const r = await medco('rate', ...base(dir), '--set', 'cultural_grounding=2');
  assert.equal(r.code, 1);
  const lines = dup.split('\n');
  const first = lines.findIndex((l) => l.includes('"qa-ja-001"')) + 1;
  const second = lines.findIndex((l, i) => i >= first && l.includes('"qa-ja-001"')) + 1;
  assert.ok(first > 1 && second > first);
  assert.ok(r.stderr.includes(`${file}:${second}: duplicate key "qa-ja-001" (first at line ${first})`), r.stderr);
  assert.match(r.stderr, /left untouched/);
  assert.equal(await readFile(file, 'utf8'), dup);
});

test('medco rate on a file with invalid UTF-8: exit 1 naming file and line; the bytes stay (no U+FFFD)', async () => {
  const dir = await tempDir('medco-rate-');
  assert.equal((await medco('rate', ...base(dir), '--set', 'clinical_soundness=3', '--comment', 'caf\u00e9')).code, 0);
  const file = path.join(dir, 'multimedx-ja', 'dr-sato.json');
  const text = await readFile(file, 'utf8');
  // The comment re-saved by a Latin-1 editor: "é" becomes the single byte 0xE9.
  const latin1 = Buffer.from(text, 'latin1');
  await writeFile(file, latin1);
  const line = text.split('\n').findIndex((l) => l.includes('caf')) + 1;
  const r = await medco('rate', ...base(dir), '--set', 'cultural_grounding=2');
  assert.equal(r.code, 1);
  assert.ok(r.stderr.includes(`${file}:${line}: invalid UTF-8 (byte 0xe9`), r.stderr);
  assert.deepEqual(await readFile(file), latin1);
});

test('medco rate through a symlinked annotator file keeps the link; a symlink loop is a clear exit 1', async () => {
  const dir = await tempDir('medco-rate-');
  const real = path.join(dir, 'store', 'dr-sato.json');
  await mkdir(path.dirname(real));
  await mkdir(path.join(dir, 'multimedx-ja'));
  const link = path.join(dir, 'multimedx-ja', 'dr-sato.json');
  await symlink(real, link);
  // A dangling link is refused (a new regular file would silently cut it) …
  const dangling = await medco('rate', ...base(dir), '--set', 'clinical_soundness=3');
  assert.equal(dangling.code, 1);
  assert.ok(dangling.stderr.includes(`${link}: is a symlink to a missing file (${real})`), dangling.stderr);
  assert.ok((await lstat(link)).isSymbolicLink());
  // … and once its target exists, saves go through the link into the target.
  await writeFile(real, JSON.stringify({ schema: 'medco.annotations/1', dataset: 'multimedx-ja', annotator: { id: 'dr-sato' }, rubric: { id: 'medco-expert', version: 1 }, items: {} }));
  for (const v of ['3', '4']) assert.equal((await medco('rate', ...base(dir), '--set', `clinical_soundness=${v}`)).code, 0);
  assert.ok((await lstat(link)).isSymbolicLink(), 'still a symlink');
  assert.equal(JSON.parse(await readFile(real, 'utf8')).items['qa-ja-001'].revision, 2);

  await rm(link);
  await symlink('dr-sato.json', link);
  const loop = await medco('rate', ...base(dir), '--set', 'clinical_soundness=3');
  assert.equal(loop.code, 1);
  assert.ok(loop.stderr.includes(`${link}: symlink loop`), loop.stderr);
  assert.doesNotMatch(loop.stderr, /^\s+at /m);
  assert.ok((await lstat(link)).isSymbolicLink());
});

test('medco rate where a directory stands in place of the file: exit 1 naming the path', async () => {
  const dir = await tempDir('medco-rate-');
  const file = path.join(dir, 'multimedx-ja', 'dr-sato.json');
  await mkdir(file, { recursive: true });
  const r = await medco('rate', ...base(dir), '--set', 'clinical_soundness=3');
  assert.equal(r.code, 1);
  assert.ok(r.stderr.includes(`${file}: is a directory, where a file should be`), r.stderr);
  assert.ok((await lstat(file)).isDirectory());
});

test('medco rate into a missing annotations folder: exit 1, nothing created; the dataset folder inside an existing one is', async () => {
  const dir = await tempDir('medco-rate-');
  const typo = path.join(dir, 'anotations');
  const r = await medco('rate', typo, '--dataset', 'multimedx-ja', '--annotator', 'dr-sato', '--item', 'qa-ja-001', '--set', 'clinical_soundness=3');
  assert.equal(r.code, 1);
  assert.ok(r.stderr.includes(`${typo}: no such annotations folder`), r.stderr);
  assert.deepEqual(await readdir(dir), []);
  assert.equal((await medco('rate', ...base(dir), '--set', 'clinical_soundness=3')).code, 0);
  assert.deepEqual(await readdir(path.join(dir, 'multimedx-ja')), ['dr-sato.json']);
});

test('medco rate: a repeated --set dimension and an out-of-range --duration-ms are usage errors (exit 2)', async () => {
  const dir = await tempDir('medco-rate-');
  const cases: [string[], RegExp][] = [
    [['--set', 'clinical_soundness=3', '--set', 'clinical_soundness=4'], /--set clinical_soundness=… is given more than once/],
    [['--set', 'clinical_soundness=3', '--duration-ms', '1e20'], /--duration-ms must be a whole number of milliseconds from 0 to 2147483647/],
    [['--set', 'clinical_soundness=3', '--duration-ms', '2147483648'], /--duration-ms must be a whole number/],
    [['--set', 'clinical_soundness=3', '--duration-ms', '1.5'], /--duration-ms must be a whole number/],
    [['--set', 'clinical_soundness=3', '--duration-ms', '-1'], /--duration-ms must be a whole number/],
  ];
  const results = await Promise.all(cases.map(([args]) => medco('rate', ...base(dir), ...args)));
  results.forEach((r, i) => {
    assert.equal(r.code, 2, `${cases[i][0].join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, cases[i][1]);
  });
  assert.deepEqual(await readdir(dir), [], 'nothing saved');
  const ok = await medco('rate', ...base(dir), '--set', 'clinical_soundness=3', '--duration-ms', '2147483647', '--json');
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).durationMs, 2147483647);
});

test('medco rate: a Windows device name or a case variant of an existing annotator is refused (exit 1)', async () => {
  const dir = await tempDir('medco-rate-');
  const as = (annotator: string) => medco('rate', dir, '--dataset', 'multimedx-ja', '--annotator', annotator, '--item', 'qa-ja-001', '--set', 'clinical_soundness=3');
  const reserved = await as('Con');
  assert.equal(reserved.code, 1);
  assert.match(reserved.stderr, /invalid annotator id "Con": CON is a reserved device name on Windows/);
  assert.equal((await as('dr-sato')).code, 0);
  const clash = await as('Dr-Sato');
  assert.equal(clash.code, 1);
  assert.match(clash.stderr, /annotator id "Dr-Sato" differs only in case from the existing file .*dr-sato\.json; use "dr-sato"/);
  assert.deepEqual(await readdir(path.join(dir, 'multimedx-ja')), ['dr-sato.json']);
});

test('medco rate prints item ids with terminal escape sequences as text, in output and in errors', async () => {
  const dir = await tempDir('medco-rate-');
  const evil = 'qa-\u001b]0;owned\u0007\u001b[2J\u009b1m-001';
  const ok = await medco('rate', dir, '--dataset', 'multimedx-ja', '--annotator', 'dr-sato', '--item', evil, '--set', 'clinical_soundness=3');
  assert.equal(ok.code, 0, ok.stderr);
  assert.ok(ok.stdout.startsWith('qa-\\u001b]0;owned\\u0007\\u001b[2J\\u009b1m-001: saved revision 1'), ok.stdout);
  assert.ok(!hasTerminalControl(ok.stdout), JSON.stringify(ok.stdout));
  const bad = await medco('rate', dir, '--dataset', 'multimedx-ja', '--annotator', 'dr-sato', '--item', evil, '--set', 'bogus\u001b[31m=3');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /unknown dimension "bogus\\u001b\[31m"/);
  assert.ok(!hasTerminalControl(bad.stderr), JSON.stringify(bad.stderr));
  // Commander's own usage errors quote the argument too.
  const usage = await medco('rate', dir, '--bogus\u001b[2J');
  assert.equal(usage.code, 2);
  assert.ok(!hasTerminalControl(usage.stderr), JSON.stringify(usage.stderr));
  // --json keeps the exact id (JSON escapes control characters itself).
  const json = await medco('rate', dir, '--dataset', 'multimedx-ja', '--annotator', 'dr-sato', '--item', evil, '--set', 'clinical_soundness=4', '--json');
  assert.equal(json.code, 0);
  const doc = JSON.parse(await readFile(path.join(dir, 'multimedx-ja', 'dr-sato.json'), 'utf8'));
  assert.deepEqual(Object.keys(doc.items), [evil]);
});

test('medco rate --rubric naming a directory or a symlink loop: exit 1 with the path and the reason in words', async () => {
  const dir = await tempDir('medco-rate-');
  const loop = path.join(dir, 'loop.json');
  await symlink('loop.json', loop);
  const [asDir, asLoop] = await Promise.all([
    medco('rate', ...base(dir), '--rubric', dir, '--set', 'clinical_soundness=3'),
    medco('rate', ...base(dir), '--rubric', loop, '--set', 'clinical_soundness=3'),
  ]);
  assert.equal(asDir.code, 1);
  assert.equal(asDir.stderr, `medco: ${dir}: cannot read the rubric: is a directory, where a file should be\n`);
  assert.equal(asLoop.code, 1);
  assert.equal(asLoop.stderr, `medco: ${loop}: cannot read the rubric: symlink loop: following its symbolic links leads back to itself\n`);
});

test('medco rate keeps a hand-edited value off the scale (the annotator\'s record) and warns about it', async () => {
  const dir = await tempDir('medco-rate-');
  const first = await medco('rate', ...base(dir), '--set', 'clinical_soundness=4');
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stderr, '');
  // Somebody edits the file by hand: a 7 on the 1–5 scale.
  const file = path.join(dir, 'multimedx-ja', 'dr-sato.json');
  const data = JSON.parse(await readFile(file, 'utf8'));
  data.items['qa-ja-001'].rating.clinical_soundness = 7;
  await writeFile(file, JSON.stringify(data, null, 2) + '\n');

  const other = await medco('rate', dir, '--dataset', 'multimedx-ja', '--annotator', 'dr-sato', '--item', 'qa-ja-002', '--set', 'cultural_grounding=3');
  assert.equal(other.code, 0, other.stderr);
  assert.match(other.stderr, /warning: .*dr-sato\.json: item qa-ja-001, clinical_soundness: .*7 is outside the scale 1–5/);
  const after = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(after.items['qa-ja-001'].rating.clinical_soundness, 7);
  assert.equal(after.items['qa-ja-002'].rating.cultural_grounding, 3);
});
