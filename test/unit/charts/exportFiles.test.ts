import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parse as parseCsv } from 'csv-parse/sync';
import { exportStatistics, loadDashboard } from '../../../src/core/charts';
import { annotationFile } from '../stats/fixtures';
import { defaultRubric } from '../../../src/core/store';
import { makeTempDir } from '../../support/tempDir';

const t = (key: string, ...args: (string | number)[]) => key.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)]));
const items = ['qa-ja-001', 'qa-ja-002', 'nli-zh-001', 'nli-zh-002'];

/** A real annotations folder: two annotators, one corrupt file that must not stop the others. */
function annotationsFolder(): string {
  const dir = makeTempDir('medco-stats-export-');
  const dataset = path.join(dir, 'multimedx-ja');
  mkdirSync(dataset, { recursive: true });
  const write = (name: string, content: string) => writeFileSync(path.join(dataset, `${name}.json`), content);
  write('dr-a', JSON.stringify(annotationFile('dr-a', items, { clinical_soundness: [4, 3, 5, 2], cultural_grounding: [3, null, 4, 2] }, { flags: [['unsafe'], [], [], []] })));
  write('dr-b', JSON.stringify(annotationFile('dr-b', items, { clinical_soundness: [4, 2, 5, 3], cultural_grounding: [3, 3, 4, 1] })));
  write('dr-broken', '{"schema": "medco.annotations/1",\n  "items": {');
  return dir;
}

test('loadDashboard reads a real folder: the corrupt file is reported with its name, the others are used', async () => {
  const dir = annotationsFolder();
  const loaded = await loadDashboard(dir, 'multimedx-ja', { bootstrap: 50 });
  assert.deepEqual(loaded.dashboard.stats.annotators, ['dr-a', 'dr-b']);
  assert.equal(loaded.dashboard.stats.items, 4);
  assert.equal(loaded.problems.length, 1);
  assert.match(loaded.problems[0].file, /dr-broken\.json$/);
  assert.ok(loaded.dashboard.stats.notes.some((n) => n.at === 'input' && n.reason.includes('dr-broken.json')));
  assert.deepEqual(loaded.dashboard.distributions.cultural_grounding.byLanguage.ja, { counts: [0, 0, 3, 0, 0], notAssessable: 1 });
});

test('exportStatistics writes the report, the long-format CSV and well-formed standalone SVGs', async () => {
  const dir = annotationsFolder();
  const loaded = await loadDashboard(dir, 'multimedx-ja', { bootstrap: 50 });
  const out = makeTempDir('medco-stats-out-');
  const result = await exportStatistics(out, { dashboard: loaded.dashboard, files: loaded.files, t });
  assert.equal(result.folder, path.join(out, 'multimedx-ja-statistics'));
  const names = readdirSync(result.folder).sort();
  assert.deepEqual(names, [
    'alpha-clinical_soundness.svg', 'alpha-cultural_grounding.svg', 'annotators.svg', 'flags.svg', 'ratings.csv', 'report.md',
    'scores-clinical_soundness.svg', 'scores-cultural_grounding.svg',
  ]);
  assert.equal(result.written.length, names.length);
  assert.match(readFileSync(path.join(result.folder, 'report.md'), 'utf8'), /multimedx-ja/);
  // One row per item × annotator × dimension: 4 × 2 × 2.
  const rows = parseCsv(readFileSync(path.join(result.folder, 'ratings.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 16);
  assert.equal(rows.filter((r) => r.value === '').length, 1, 'the one "not assessable" stays empty, never 0');
  for (const name of names.filter((n) => n.endsWith('.svg'))) {
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } }).parseFromString(readFileSync(path.join(result.folder, name), 'utf8'), 'image/svg+xml');
    assert.deepEqual(errors, [], name);
    const style = doc.getElementsByTagName('style')[0]?.textContent ?? '';
    assert.match(style, /var\(--vscode-foreground, #[0-9a-f]{6}\)/, `${name} embeds fallback colours`);
  }
  // No temporary files are left behind.
  assert.ok(!names.some((n) => n.endsWith('.tmp')));
});

test('with a rubric, titles and headers use the (translated) dimension labels', async () => {
  const dir = annotationsFolder();
  const rubric = defaultRubric();
  const loaded = await loadDashboard(dir, 'multimedx-ja', { bootstrap: 0, rubric, translateLabel: (label) => `«${label}»` });
  const clinical = rubric.dimensions.find((d) => d.id === 'clinical_soundness')!;
  assert.equal(loaded.dashboard.dimensionLabels?.clinical_soundness, `«${clinical.label}»`);
  const out = makeTempDir('medco-stats-out-');
  const result = await exportStatistics(out, { dashboard: loaded.dashboard, files: loaded.files, t });
  const svg = readFileSync(path.join(result.folder, 'scores-clinical_soundness.svg'), 'utf8');
  assert.ok(svg.includes(`<title id="export-scores-clinical_soundness-bars-title">Scores of «${clinical.label}» by language</title>`));
});

test('dashboard: same rule as medco stats — mismatched files used with a note, values off the scale left out, the report names files left out', async () => {
  const dir = annotationsFolder();
  // dr-c says it is someone else in another dataset, and saved a 7 on the 1–5 scale.
  const odd = annotationFile('someone', items, { clinical_soundness: [7, 3, 5, 2] }, { dataset: 'elsewhere' });
  writeFileSync(path.join(dir, 'multimedx-ja', 'dr-c.json'), JSON.stringify(odd));
  const loaded = await loadDashboard(dir, 'multimedx-ja', { bootstrap: 0 });
  const stats = loaded.dashboard.stats;
  assert.deepEqual(stats.annotators, ['dr-a', 'dr-b', 'dr-c']);
  assert.equal(stats.input?.leftOut.length, 1);
  assert.equal(stats.input?.warnings.length, 2);
  assert.ok(stats.notes.some((n) => n.at === 'input' && /used with a warning: .*dr-c\.json/.test(n.reason)));
  assert.equal(stats.dimensions.clinical_soundness.invalid, 1);
  assert.match(stats.invalid[0].file, /multimedx-ja[/\\]dr-c\.json$/);
  // The score distribution counts 4 × 3 − 1 valid values; the 7 is in no bar.
  const counts = Object.values(loaded.dashboard.distributions.clinical_soundness.byLanguage).flatMap((l) => l.counts);
  assert.equal(counts.reduce((a, b) => a + b, 0), 11);
  const out = makeTempDir('medco-stats-out-');
  const result = await exportStatistics(out, { dashboard: loaded.dashboard, files: loaded.files, t });
  const report = readFileSync(path.join(result.folder, 'report.md'), 'utf8');
  assert.match(report, /## Files left out[\s\S]*dr-broken\.json/);
  assert.match(report, /## Invalid values[\s\S]*item qa-ja-001, clinical_soundness: dr-c's value 7 is outside the scale 1–5/);
  const rows = parseCsv(readFileSync(path.join(result.folder, 'ratings.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  assert.deepEqual(rows.filter((r) => r.status === 'invalid').map((r) => [r.annotator, r.itemId, r.value]), [['dr-c', 'qa-ja-001', '']]);
});
