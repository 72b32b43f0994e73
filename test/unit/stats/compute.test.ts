import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeStats } from '../../../src/core/stats/compute';
import type { AdjudicationFile } from '../../../src/core/types';
import { annotationFile } from './fixtures';
import { intraclassCorrelations } from '../../../src/core/stats/icc';
import { KRIPPENDORFF_2011_OBSERVERS, byUnit } from './published';

// The Krippendorff (2011) reliability data as four annotators' files on 12 items
// (units 1–6 QA, 7–12 NLI), so the published values can be checked end to end.
const IDS = [
  'qa-ja-001', 'qa-ja-002', 'qa-ja-003', 'qa-ja-004', 'qa-ja-005', 'qa-ja-006',
  'bionli-ja-001', 'bionli-ja-002', 'bionli-ja-003', 'bionli-ja-004', 'bionli-ja-005', 'bionli-ja-006',
];
const FILES = ['a', 'b', 'c', 'd'].map((id, r) => annotationFile(`dr-${id}`, IDS, { clinical_soundness: KRIPPENDORFF_2011_OBSERVERS[r] }));
const RUBRIC = { dimensions: [{ id: 'clinical_soundness', label: '', description: '', min: 1, max: 5, levels: {} }] };

const close = (actual: number | null | undefined, expected: number, tolerance: number) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);

test('computeStats reproduces the published alphas (Krippendorff 2011) from annotation files', () => {
  const stats = computeStats(FILES, { rubric: RUBRIC, bootstrap: 200, seed: 5 });
  const alpha = stats.dimensions.clinical_soundness.agreement.krippendorff_alpha;
  close(alpha.nominal, 0.743, 0.0005);
  close(alpha.ordinal, 0.815, 0.0005);
  close(alpha.interval, 0.849, 0.0005);
  close(alpha.ratio, 0.797, 0.0005);
  assert.ok(alpha.ci95_ordinal && alpha.ci95_ordinal[0] <= alpha.ordinal! && alpha.ordinal! <= alpha.ci95_ordinal[1]);
  // Items with a single value still count as items and in the means.
  assert.equal(stats.items, 12);
  assert.deepEqual(stats.annotators, ['dr-a', 'dr-b', 'dr-c', 'dr-d']);
  assert.equal(stats.dataset, 'multimedx-ja');
  assert.equal(stats.dimensions.clinical_soundness.n, 41); // 9 + 11 + 10 + 11 values
});

test('an incomplete design: Fleiss kappa in Gwet\'s generalisation, ICCs on the complete cases with their count', () => {
  const stats = computeStats(FILES, { rubric: RUBRIC, bootstrap: 0 });
  const agreement = stats.dimensions.clinical_soundness.agreement;
  close(agreement.fleiss_kappa, 0.7612, 0.00005);
  // Units 2–9 carry all four ratings; 1, 10, 11 and 12 lack some.
  assert.equal(agreement.icc_items, 8);
  const complete = byUnit(KRIPPENDORFF_2011_OBSERVERS).filter((row) => row.every((v) => v !== null));
  assert.deepEqual(agreement.icc, intraclassCorrelations(complete).value);
  assert.ok(agreement.icc_ci95.ICC2 && agreement.icc_ci95.ICC2[0] <= agreement.icc.ICC2! && agreement.icc.ICC2! <= agreement.icc_ci95.ICC2[1]);
  const icc = stats.notes.find((n) => n.at === 'dimensions.clinical_soundness.agreement.icc');
  assert.match(icc?.reason ?? '', /4 of 12 rated items lack a rating by some annotator and are left out/);
});

test('no two items rated by every annotator: ICCs null with a reason, icc_items says how many', () => {
  const files = [
    annotationFile('x', ['qa-ja-001', 'qa-ja-002', 'qa-ja-003'], { clinical_soundness: [1, 2, null] }),
    annotationFile('y', ['qa-ja-001', 'qa-ja-002', 'qa-ja-003'], { clinical_soundness: [2, null, 3] }),
  ];
  const agreement = computeStats(files, { rubric: RUBRIC, bootstrap: 0 }).dimensions.clinical_soundness.agreement;
  assert.equal(agreement.icc_items, 1);
  assert.equal(agreement.icc.ICC2, null);
  assert.equal(agreement.icc_ci95.ICC2, null);
});

test('bootstrap intervals of the kappas and ACs hold their estimates and are reproducible', () => {
  const a = computeStats(FILES, { rubric: RUBRIC, bootstrap: 300, seed: 9 }).dimensions.clinical_soundness.agreement;
  const holds = (value: number | null, ci: [number, number] | null | undefined, what: string) =>
    assert.ok(value !== null && ci && ci[0] <= value && value <= ci[1], `${what}: ${value} ∉ ${JSON.stringify(ci)}`);
  holds(a.fleiss_kappa, a.fleiss_kappa_ci95, 'fleiss');
  holds(a.gwet_ac1, a.gwet_ac1_ci95, 'ac1');
  for (const w of ['linear', 'quadratic', 'ordinal', 'ratio'] as const) holds(a.gwet_ac2[w], a.gwet_ac2_ci95[w], w);
  const pair = a.cohen_kappa_pairwise.find((p) => p.annotators.join() === 'dr-a,dr-b')!;
  holds(pair.unweighted, pair.ci95?.unweighted, 'cohen');
  holds(pair.quadratic, pair.ci95?.quadratic, 'cohen quadratic');
  const b = computeStats(FILES, { rubric: RUBRIC, bootstrap: 300, seed: 9 }).dimensions.clinical_soundness.agreement;
  assert.deepEqual(a, b);
});

test('means\' ci95 never leave the scale (a mean near the top of 1–5), with and without the bootstrap', () => {
  // 4 items rated 5,5 | 5,5 | 5,5 | 3,5: mean 4.75, SD 0.707, the t interval is [4.16, 5.34].
  const ids = ['qa-ja-001', 'qa-ja-002', 'qa-ja-003', 'qa-ja-004'];
  const files = [annotationFile('x', ids, { clinical_soundness: [5, 5, 5, 3] }), annotationFile('y', ids, { clinical_soundness: [5, 5, 5, 5] })];
  for (const bootstrap of [0, 500]) {
    const stats = computeStats(files, { rubric: RUBRIC, bootstrap, seed: 2 });
    const d = stats.dimensions.clinical_soundness;
    assert.ok(d.ci95 && d.ci95[0] >= 1 && d.ci95[1] <= 5 && d.ci95[0] < d.mean!, `${bootstrap}: ${JSON.stringify(d.ci95)}`);
    const qa = d.byTask.qa;
    assert.ok(qa.ci95 && qa.ci95[1] <= 5, JSON.stringify(qa.ci95));
    assert.equal(stats.meanInterval, bootstrap > 0 ? 'bootstrap-percentile' : 't-truncated');
  }
});

test('the JSON document has the docs/formats.md §4 shape', () => {
  const stats = JSON.parse(JSON.stringify(computeStats(FILES, { rubric: RUBRIC, bootstrap: 50 })));
  for (const key of ['dataset', 'annotators', 'items', 'dimensions', 'notes']) assert.ok(key in stats, key);
  const dim = stats.dimensions.clinical_soundness;
  for (const key of ['n', 'mean', 'sd', 'ci95', 'agreement', 'byLanguage', 'byTask']) assert.ok(key in dim, key);
  for (const key of ['krippendorff_alpha', 'fleiss_kappa', 'gwet_ac1', 'gwet_ac2', 'icc', 'cohen_kappa_pairwise']) assert.ok(key in dim.agreement, key);
  for (const key of ['nominal', 'ordinal', 'interval', 'ratio', 'ci95_ordinal']) assert.ok(key in dim.agreement.krippendorff_alpha, key);
  assert.deepEqual(Object.keys(dim.agreement.gwet_ac2), ['linear', 'quadratic', 'ordinal', 'ratio']);
  for (const key of ['fleiss_kappa_ci95', 'gwet_ac1_ci95', 'gwet_ac2_ci95', 'icc_ci95', 'icc_items']) assert.ok(key in dim.agreement, key);
  assert.deepEqual(Object.keys(dim.agreement.cohen_kappa_pairwise[0].ci95), ['unweighted', 'linear', 'quadratic']);
  assert.deepEqual(dim.agreement.cohen_kappa_pairwise[0].annotators, ['dr-a', 'dr-b']);
  assert.deepEqual(Object.keys(dim.byTask).sort(), ['nli', 'qa']);
  assert.deepEqual(Object.keys(dim.byLanguage), ['ja']);
});

test('means per task are the plain means of the ratings, with a CI inside the scale', () => {
  const stats = computeStats(FILES, { rubric: RUBRIC, bootstrap: 0 });
  // QA items are units 1–6: values 1,1,1 | 2,2,3,2 | 3,3,3,3 | 3,3,3,3 | 2,2,2,2 | 1,2,3,4:
  // sums 3 + 9 + 12 + 12 + 8 + 10 = 54 over 23 ratings.
  const qa = stats.dimensions.clinical_soundness.byTask.qa;
  assert.equal(qa.n, 23);
  close(qa.mean, 54 / 23, 1e-12);
  assert.ok(qa.ci95 && qa.ci95[0] < qa.mean! && qa.mean! < qa.ci95[1]);
});

test('a complete design gets Fleiss kappa and ICCs (Shrout & Fleiss 1979 Table 2 as four annotators)', () => {
  const table = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]];
  const ids = table.map((_, i) => `qa-ja-00${i + 1}`);
  const files = [0, 1, 2, 3].map((r) => annotationFile(`j${r + 1}`, ids, { score: table.map((row) => row[r]) }));
  const stats = computeStats(files, { rubric: { dimensions: [{ id: 'score', label: '', description: '', min: 1, max: 10, levels: {} }] }, bootstrap: 0 });
  const icc = stats.dimensions.score.agreement.icc;
  assert.equal(Math.round(icc.ICC2! * 100) / 100, 0.29);
  assert.equal(Math.round(icc.ICC3k! * 100) / 100, 0.91);
  assert.notEqual(stats.dimensions.score.agreement.fleiss_kappa, null);
});

test('per-annotator summary: count, means, median duration, ratings faster than the threshold, flags', () => {
  const ids = ['qa-ja-001', 'qa-ja-002', 'qa-ja-003', 'qa-ja-004'];
  const files = [
    annotationFile('x', ids, { clinical_soundness: [5, 4, null, 3] }, { durations: [3000, 12000, 8000, 60000], flags: [['wrong_language'], [], [], ['wrong_language', 'unsafe']] }),
    annotationFile('y', ids, { clinical_soundness: [5, 5, 2, 3] }, { durations: [20000, 20000, 20000, 20000] }),
  ];
  const stats = computeStats(files, { rubric: RUBRIC, bootstrap: 0 });
  const [x, y] = stats.annotatorSummary;
  assert.equal(x.annotator, 'x');
  assert.equal(x.items, 4); // the null rating is still a saved entry
  assert.equal(x.dimensions.clinical_soundness.n, 3);
  assert.equal(x.dimensions.clinical_soundness.mean, 4);
  assert.equal(x.medianDurationMs, 10000); // median of 3000, 8000, 12000, 60000
  assert.equal(x.fastItems, 2); // 3 s and 8 s are under 10 s
  assert.equal(x.flaggedItems, 2);
  assert.equal(y.fastItems, 0);
  assert.deepEqual(stats.flags.byFlag.wrong_language, { count: 2, rate: 2 / 8 });
  assert.equal(stats.flags.byFlag.unsafe.count, 1);
});

test('agreement with adjudicated values: exact match, mean absolute difference, quadratic kappa', () => {
  const ids = ['qa-ja-001', 'qa-ja-002', 'qa-ja-003', 'qa-ja-004'];
  const files = [annotationFile('x', ids, { clinical_soundness: [1, 2, 4, 5] })];
  const decision = (value: number | null, status: 'adjudicated' | 'unresolved' = 'adjudicated') => ({
    value, status, adjudicator: 'cur', rationale: 'r', decidedAt: '2026-11-21T11:00:00.000Z', basedOn: {}, revision: 1, history: [],
  });
  const adjudication: AdjudicationFile = {
    schema: 'medco.adjudication/1',
    dataset: 'multimedx-ja',
    items: {
      'qa-ja-001': { clinical_soundness: decision(1) },
      'qa-ja-002': { clinical_soundness: decision(2) },
      'qa-ja-003': { clinical_soundness: decision(3) },
      'qa-ja-004': { clinical_soundness: decision(null, 'unresolved') }, // not gold
    },
  };
  const stats = computeStats(files, { rubric: RUBRIC, bootstrap: 0, adjudication });
  const [x] = stats.adjudication!.clinical_soundness;
  assert.equal(x.n, 3);
  assert.equal(x.exactMatch, 2 / 3);
  assert.equal(x.meanAbsDiff, 1 / 3);
  // 3 items on the 1–5 scale, pairs (1,1), (2,2), (4,3). Rows (x): 1,2,4; columns (gold): 1,2,3.
  // Σ v p_o = (4−3)²/3 = 1/3. Σ v p_e = (1/9) Σ_i Σ_j (x_i − g_j)² over x ∈ {1,2,4}, g ∈ {1,2,3}:
  //   x=1: 0+1+4 = 5; x=2: 1+0+1 = 2; x=4: 9+4+1 = 14 → 21/9. κ = 1 − (1/3)/(21/9) = 1 − 3/21 = 6/7.
  close(x.quadraticKappa, 6 / 7, 1e-12);
});

test('the same seed gives the same document; bootstrap 0 gives no bootstrap intervals', () => {
  const a = computeStats(FILES, { rubric: RUBRIC, bootstrap: 100, seed: 11 });
  assert.deepEqual(a, computeStats(FILES, { rubric: RUBRIC, bootstrap: 100, seed: 11 }));
  const none = computeStats(FILES, { rubric: RUBRIC, bootstrap: 0 });
  assert.equal(none.dimensions.clinical_soundness.agreement.krippendorff_alpha.ci95_ordinal, null);
  assert.equal(none.dimensions.clinical_soundness.ci95_bootstrap, null);
});

test('--dataset filters files; several datasets without a filter have dataset null', () => {
  const other = annotationFile('dr-z', ['qa-sw-001', 'qa-sw-002'], { clinical_soundness: [3, 4] }, { dataset: 'multimedx-sw' });
  const all = computeStats([...FILES, other], { rubric: RUBRIC, bootstrap: 0 });
  assert.equal(all.dataset, null);
  assert.deepEqual(all.datasets, ['multimedx-ja', 'multimedx-sw']);
  assert.equal(all.items, 14);
  assert.deepEqual(Object.keys(all.dimensions.clinical_soundness.byLanguage), ['ja', 'sw']);
  const sw = computeStats([...FILES, other], { rubric: RUBRIC, bootstrap: 0, dataset: 'multimedx-sw' });
  assert.equal(sw.items, 2);
  assert.deepEqual(sw.annotators, ['dr-z']);
});

test('a dimension in the files but not in the rubric is reported, not silently dropped', () => {
  const files = [annotationFile('x', ['qa-ja-001'], { clinical_soundness: [3], empathy: [4] })];
  const stats = computeStats(files, { rubric: RUBRIC, bootstrap: 0 });
  assert.deepEqual(Object.keys(stats.dimensions), ['clinical_soundness']);
  assert.ok(stats.notes.some((n) => n.at === 'input' && n.reason.includes('"empathy"')));
});

test('values off the rubric scale or not integers are invalid: left out of every statistic, counted and named', () => {
  const ids = ['qa-ja-001', 'qa-ja-002', 'qa-ja-003'];
  // x's 7 (scale 1–5) and 3.5 are hand edits: only x's 4 and y's 4, 2, 2 are ratings.
  const files = [annotationFile('x', ids, { clinical_soundness: [7, 4, 3.5] }), annotationFile('y', ids, { clinical_soundness: [4, 2, 2] })];
  const stats = computeStats(files, { rubric: RUBRIC, bootstrap: 0 });
  const dim = stats.dimensions.clinical_soundness;
  assert.equal(dim.n, 4);
  assert.equal(dim.mean, 3); // (4 + 4 + 2 + 2) / 4; with the 7 and 3.5 it would be 3.75
  assert.equal(dim.invalid, 2);
  assert.deepEqual(dim.scale, [1, 2, 3, 4, 5]); // no extra category for the 7
  assert.equal(stats.annotatorSummary[0].dimensions.clinical_soundness.mean, 4);
  // Only item 2 has two valid ratings (4, 2): pairwise kappa uses it alone.
  assert.equal(dim.agreement.cohen_kappa_pairwise[0].n, 1);
  assert.deepEqual(
    stats.invalid.map((v) => [v.file, v.itemId, v.dimension, v.annotator, v.value]),
    [['multimedx-ja/x.json', 'qa-ja-001', 'clinical_soundness', 'x', 7], ['multimedx-ja/x.json', 'qa-ja-003', 'clinical_soundness', 'x', 3.5]],
  );
  const notes = stats.notes.filter((n) => n.at === 'dimensions.clinical_soundness.invalid').map((n) => n.reason);
  assert.equal(notes.length, 2);
  assert.match(notes[0], /multimedx-ja\/x\.json: item qa-ja-001, clinical_soundness: x's value 7 is outside the scale 1–5; left out/);
  assert.match(notes[1], /item qa-ja-003.*3\.5 is not an integer/);
});

test('a gold value off the scale in _adjudication.json is invalid: not compared, named in the notes', () => {
  const ids = ['qa-ja-001', 'qa-ja-002'];
  const files = [annotationFile('x', ids, { clinical_soundness: [3, 4] })];
  const decision = (value: number) => ({ value, status: 'adjudicated' as const, adjudicator: 'cur', rationale: 'r', decidedAt: '2026-11-21T11:00:00.000Z', basedOn: {}, revision: 1, history: [] });
  const adjudication: AdjudicationFile = {
    schema: 'medco.adjudication/1',
    dataset: 'multimedx-ja',
    items: { 'qa-ja-001': { clinical_soundness: decision(9) }, 'qa-ja-002': { clinical_soundness: decision(4) } },
  };
  const stats = computeStats(files, { rubric: RUBRIC, bootstrap: 0, adjudication });
  const [x] = stats.adjudication!.clinical_soundness;
  assert.equal(x.n, 1); // only item 2; the 9 would make it 2 with a mean |difference| of 3
  assert.equal(x.meanAbsDiff, 0);
  assert.deepEqual(stats.invalid.map((v) => [v.file, v.itemId, v.annotator, v.value]), [['multimedx-ja/_adjudication.json', 'qa-ja-001', 'gold', 9]]);
  assert.ok(stats.notes.some((n) => /_adjudication\.json: item qa-ja-001, clinical_soundness: gold value 9 is outside the scale 1–5/.test(n.reason)));
});

test('a rubric scale wider than 101 points is refused before any table is built', () => {
  const wide = { dimensions: [{ id: 'score', label: '', description: '', min: 1, max: 20000, levels: {} }] };
  assert.throws(() => computeStats([annotationFile('x', ['qa-ja-001'], { score: [3] })], { rubric: wide, bootstrap: 0 }), /"score": the scale 1–20000 has 20000 points; at most 101/);
});
