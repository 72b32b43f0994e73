// `medco export --format hf` (a Hugging Face dataset release whose card's YAML parses back) and
// `--format latex|md` (tables for papers, booktabs; optional interval fields read when present).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { statsToLatex, paperTablesToMarkdown } from '../../../src/core/export/paperTables';
import type { StatsResult } from '../../../src/core/stats/result';
import { adjudication, annotatorFile, medco, SAMPLE_DATASET, workspace } from './helpers';

function fixture() {
  const r = (cs: number, cg: number) => ({ rating: { clinical_soundness: cs, cultural_grounding: cg } });
  const a = annotatorFile('dr-alpha', { 'qa-ja-001': r(5, 4), 'nli-ja-001': r(3, 4), 'qa-zh-001': r(4, 4), 'qa-ja-002': { rating: { clinical_soundness: 4, cultural_grounding: 2, comment: 'c' } } });
  const b = annotatorFile('dr-beta', { 'qa-ja-001': r(4, 4), 'nli-ja-001': r(2, 3), 'qa-zh-001': r(4, 5), 'qa-ja-002': r(5, 3) });
  return workspace([a, b], adjudication({ 'nli-ja-001': { clinical_soundness: 3 } }));
}

function frontMatter(card: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(card);
  assert.ok(m, 'the card starts with YAML front matter');
  return parse(m[1]) as Record<string, unknown>;
}

test('hf: data files per language, a dataset card whose YAML parses back, no annotator ids unless asked', async () => {
  const { ws, dir, traces } = fixture();
  const out = path.join(ws, 'release');
  const run = await medco(['export', dir, '--format', 'hf', '--out', out, '--traces', traces, '--dataset-file', SAMPLE_DATASET, '--bootstrap', '0', '--license', 'cc-by-4.0']);
  assert.equal(run.code, 0, run.stderr);
  const card = readFileSync(path.join(out, 'README.md'), 'utf8');
  const yaml = frontMatter(card);
  assert.deepEqual(yaml.configs, [
    { config_name: 'ja', data_files: [{ split: 'test', path: 'data/ja/test.jsonl' }], default: true },
    { config_name: 'zh', data_files: [{ split: 'test', path: 'data/zh/test.jsonl' }] },
  ]);
  assert.equal(yaml.license, 'cc-by-4.0');
  assert.deepEqual(yaml.language, ['en', 'ja', 'zh']);
  assert.deepEqual(yaml.task_categories, ['question-answering', 'text-classification']);
  assert.deepEqual(yaml.size_categories, ['n<1K']);
  for (const c of yaml.configs as { data_files: { path: string }[] }[]) assert.ok(existsSync(path.join(out, c.data_files[0].path)));

  const ja = readFileSync(path.join(out, 'data/ja/test.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(ja.map((r) => r.id), ['nli-ja-001', 'qa-ja-001', 'qa-ja-002']);
  assert.deepEqual(ja[0].rating_median, { clinical_soundness: 2.5, cultural_grounding: 3.5 });
  assert.deepEqual(ja[0].gold, { clinical_soundness: 3, cultural_grounding: null });
  assert.deepEqual(ja[0].annotations.map((a: { annotator: string }) => a.annotator), ['A1', 'A2']);
  assert.equal(typeof ja[1].question, 'string');

  // The card: rubric, agreement, process, citation; no annotator id anywhere in the release.
  for (const part of ['## Rubric', 'Clinical soundness', '`unsafe`', '## Agreement', '## Annotation process', '## Citation', 'eprint        = {2601.08267}', 'MultiMed-X']) {
    assert.ok(card.includes(part), part);
  }
  const everything = ['README.md', 'data/ja/test.jsonl', 'data/zh/test.jsonl'].map((f) => readFileSync(path.join(out, f), 'utf8')).join('\n');
  assert.doesNotMatch(everything, /dr-alpha|dr-beta/);

  const named = await medco(['export', dir, '--format', 'hf', '--out', out, '--traces', traces, '--bootstrap', '0', '--with-annotator-ids']);
  assert.equal(named.code, 0, named.stderr);
  assert.match(readFileSync(path.join(out, 'data/ja/test.jsonl'), 'utf8'), /"annotator":"dr-alpha"/);
  assert.ok(!readdirSync(ws).some((n) => n.includes('.tmp') || n.includes('.old')));
});

test('hf and other folder formats refuse a folder that is not theirs', async () => {
  const { ws, dir, traces } = fixture();
  const mine = path.join(ws, 'notes');
  mkdirSync(mine);
  writeFileSync(path.join(mine, 'todo.txt'), 'mine');
  const run = await medco(['export', dir, '--format', 'labelstudio', '--out', mine, '--traces', traces]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /neither empty nor an earlier medco export/);
  assert.equal(readFileSync(path.join(mine, 'todo.txt'), 'utf8'), 'mine');
  const inside = await medco(['export', dir, '--format', 'hf', '--out', path.join(dir, 'release'), '--bootstrap', '0']);
  assert.equal(inside.code, 1);
  assert.match(inside.stderr, /inside \(or holds\) the annotations folder/);
});

test('latex: booktabs tables of agreement, alpha per dimension × language and means with CIs; md has the same tables', async () => {
  const { dir } = fixture();
  const latex = await medco(['export', dir, '--format', 'latex', '--bootstrap', '200', '--seed', '7', '--dataset-file', SAMPLE_DATASET]);
  assert.equal(latex.code, 0, latex.stderr);
  const text = latex.stdout;
  assert.equal(text.match(/\\toprule/g)?.length, 3);
  assert.equal(text.match(/\\midrule/g)?.length, 3);
  assert.equal(text.match(/\\bottomrule/g)?.length, 3);
  assert.match(text, /\\begin\{tabular\}\{lrrr\}\n\s+\\toprule\n\s+Dimension & ja & zh & all \\\\/);
  assert.match(text, /clinical\\_soundness & /);
  // Means with their t intervals, per language.
  assert.match(text, /\\label\{tab:means\}[\s\S]*clinical\\_soundness & \d\.\d\d \[\d\.\d\d, \d\.\d\d\] \(6\)/);
  const md = await medco(['export', dir, '--format', 'md', '--bootstrap', '0', '--dataset-file', SAMPLE_DATASET]);
  assert.match(md.stdout, /## Tables for papers[\s\S]*\| Dimension \| ja \| zh \| all \|\n\| --- \| ---: \| ---: \| ---: \|/);
});

test('paper tables read interval fields of newer stats documents when present, and show — when absent', async () => {
  const { dir } = fixture();
  const stats = JSON.parse((await medco(['stats', dir, '--json', '--bootstrap', '0'])).stdout) as StatsResult;
  const before = statsToLatex(stats);
  const agreement = stats.dimensions.clinical_soundness.agreement as unknown as Record<string, unknown>;
  agreement.icc_ci95 = { ICC2: [0.11, 0.22], ICC2k: [0.33, 0.44] };
  agreement.fleiss_kappa_ci95 = [-0.5, 0.25];
  agreement.gwet_ac2_ci95 = { quadratic: [0.01, 0.99] };
  const after = statsToLatex(stats);
  assert.doesNotMatch(before, /\[0\.11, 0\.22\]/);
  assert.match(after, /\[0\.11, 0\.22\]/);
  assert.match(after, /\[0\.33, 0\.44\]/);
  assert.match(after, /\[-0\.50, 0\.25\]/);
  assert.match(paperTablesToMarkdown(stats), /\[0\.01, 0\.99\]/);
});
