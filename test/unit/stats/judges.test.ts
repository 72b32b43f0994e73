// "Judges against physicians" and `--annotators`: values computed by hand (the working is in the
// comments), and which files the agreement measures use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeStats } from '../../../src/core/stats/compute';
import { cohenKappa } from '../../../src/core/stats/cohen';
import { judgesAgainstPhysicians, quadraticKappaOnValues } from '../../../src/core/stats/judges';
import type { AnnotationFile } from '../../../src/core/types';
import { annotationFile } from './fixtures';

const close = (actual: number | null | undefined, expected: number, tol = 1e-9) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tol, `${actual} ≠ ${expected}`);

const ITEMS = ['qa-ja-001', 'qa-ja-002', 'qa-ja-003', 'qa-ja-004', 'qa-ja-005', 'qa-ja-006'];
// `undefined`: not rated at all; null: "not assessable".
const U = undefined as unknown as null;
const h1 = annotationFile('dr-a', ITEMS, { clinical_soundness: [4, 2, 5, 1, U, 3] });
const h2 = annotationFile('dr-b', ITEMS, { clinical_soundness: [4, 3, 5, U, U, null] });
const h3 = annotationFile('dr-c', ITEMS, { clinical_soundness: [5, U, 5, U, U, U] });
function judgeFile(id: string, values: (number | null)[]): AnnotationFile {
  const f = annotationFile(id, ITEMS, { clinical_soundness: values });
  return { ...f, annotator: { id, role: 'model', model: id.replace(/^judge-/, '') } };
}
const judge = judgeFile('judge-m', [4, 3, 4, 2, 3, null]);
const DIMS = ['clinical_soundness'];

test('quadratic kappa on values: hand-computed with a half-point median', () => {
  // Pairs (judge, median): (4,4) (3,2.5) (4,5) (2,1).
  // Observed disagreement: mean (x−y)² = (0 + 0.25 + 1 + 1) / 4 = 0.5625.
  // Expected (independent margins): Var(X) + Var(Y) + (mean X − mean Y)², population variances:
  //   X = 4,3,4,2: mean 3.25, Var 0.6875; Y = 4,2.5,5,1: mean 3.125, Var 2.296875; (0.125)² = 0.015625 → 3.
  // κ = 1 − 0.5625 / 3 = 0.8125.
  close(quadraticKappaOnValues([4, 3, 4, 2], [4, 2.5, 5, 1]).value, 0.8125);
  // On integer data it is Cohen's quadratic kappa on the 1–5 scale (index and value distances agree).
  const a = [1, 2, 3, 4, 5, 3, 2];
  const b = [1, 3, 3, 5, 4, 2, 2];
  close(quadraticKappaOnValues(a, b).value, cohenKappa(a, b, [1, 2, 3, 4, 5], 'quadratic').value!, 1e-12);
  assert.equal(quadraticKappaOnValues([], []).value, null);
  assert.match(quadraticKappaOnValues([3, 3], [3, 3]).reason ?? '', /chance disagreement is 0/);
});

test('a judge against the physicians: n, kappa with the median, alpha with and without, bias with CI', () => {
  const section = judgesAgainstPhysicians([h1, h2, h3, judge], { dimensions: DIMS })!;
  const a = section.judges['judge-m'].clinical_soundness;
  // Items with a judge value and a physician's: 001 (median 4), 002 (2.5), 003 (5), 004 (1).
  // 005 has no physician, 006 no judge value (null = not assessable) and no physician number besides dr-a's.
  assert.equal(a.n, 4);
  close(a.kappa_quadratic_vs_median, 0.8125);
  // Krippendorff (2011), ordinal, by coincidence matrices.
  // Without: pairable units 001 [4,4,5], 002 [2,3], 003 [5,5,5]: n_2 = 1, n_3 = 1, n_4 = 2, n_5 = 4, n = 8;
  //   o_23 = o_32 = 1, o_44 = 1, o_45 = o_54 = 1, o_55 = 3 → α = 1 − 7·D_o/D_e = 111/146.
  close(a.alpha_ordinal_without, 111 / 146, 1e-12);
  // With the judge: 001 [4,4,5,4], 002 [2,3,3], 003 [5,5,5,4], 004 [1,2] → α = 196/247.
  close(a.alpha_ordinal_with, 196 / 247, 1e-12);
  // Differences judge − median: 0, +0.5, −1, +1 → mean 0.125, SD √(2.1875/3) = 0.853912564;
  // 95% CI: mean ± t(0.975, 3) · SD / √4, t(0.975, 3) = 3.182446305.
  close(a.bias, 0.125, 1e-12);
  const half = (3.182446305284263 * Math.sqrt(2.1875 / 3)) / 2;
  close(a.bias_ci95![0], 0.125 - half, 1e-9);
  close(a.bias_ci95![1], 0.125 + half, 1e-9);
  assert.deepEqual(section.notes, []);
});

test('a judge that agrees with unanimous physicians: alpha 1 with and without, kappa 1, no bias', () => {
  const p1 = annotationFile('dr-a', ['qa-ja-001', 'qa-ja-002', 'qa-ja-003'], { clinical_soundness: [2, 4, 5] });
  const p2 = annotationFile('dr-b', ['qa-ja-001', 'qa-ja-002', 'qa-ja-003'], { clinical_soundness: [2, 4, 5] });
  const j = { ...annotationFile('judge-x', ['qa-ja-001', 'qa-ja-002', 'qa-ja-003'], { clinical_soundness: [2, 4, 5] }), annotator: { id: 'judge-x', role: 'model' } };
  const a = judgesAgainstPhysicians([p1, p2, j], { dimensions: DIMS })!.judges['judge-x'].clinical_soundness;
  assert.deepEqual(a, { n: 3, kappa_quadratic_vs_median: 1, alpha_ordinal_with: 1, alpha_ordinal_without: 1, bias: 0, bias_ci95: [0, 0] });
});

test('no model file: no judges section; a judge value off the scale is left out and named', () => {
  assert.equal(judgesAgainstPhysicians([h1, h2], { dimensions: DIMS }), undefined);
  const bad = judgeFile('judge-bad', [7, 3, 4, 2, 3, null]);
  const section = judgesAgainstPhysicians([h1, h2, h3, bad], { dimensions: DIMS, scales: new Map([['clinical_soundness', { min: 1, max: 5 }]]) })!;
  assert.equal(section.judges['judge-bad'].clinical_soundness.n, 3);
  assert.ok(section.notes.some((n) => n.at === 'judges.judge-bad.clinical_soundness' && /7 is outside the scale 1–5/.test(n.reason)));
});

test('computeStats: model files are left out of agreement unless asked; the judges section is there whenever they exist', () => {
  const files = [h1, h2, h3, judge];
  const humans = computeStats(files, { bootstrap: 0 });
  assert.deepEqual(humans.annotators, ['dr-a', 'dr-b', 'dr-c']);
  // The physicians' own alpha is exactly the judge section's "without".
  close(humans.dimensions.clinical_soundness.agreement.krippendorff_alpha.ordinal, 111 / 146, 1e-12);
  assert.equal(humans.judges?.['judge-m'].clinical_soundness.n, 4);

  const all = computeStats(files, { bootstrap: 0, annotators: 'all' });
  assert.deepEqual(all.annotators, ['dr-a', 'dr-b', 'dr-c', 'judge-m']);
  close(all.dimensions.clinical_soundness.agreement.krippendorff_alpha.ordinal, 196 / 247, 1e-12);

  const models = computeStats(files, { bootstrap: 0, annotators: 'models' });
  assert.deepEqual(models.annotators, ['judge-m']);
  assert.deepEqual(models.judges, humans.judges, 'judges are always compared with the physicians');

  assert.equal('judges' in computeStats([h1, h2, h3], { bootstrap: 0 }), false);
});

test('a judge file of another configuration is compared only on the traces the physicians rated', () => {
  // Physicians rated coreasoner's traces (t-<item>); the judge's cot-local file rated other traces on
  // items 001–003 and the physicians' trace on 004: only 004 is comparable.
  const withTraces = (f: AnnotationFile, trace: (itemId: string) => string): AnnotationFile => ({
    ...f,
    items: Object.fromEntries(Object.entries(f.items).map(([itemId, e]) => [itemId, { ...e, traceId: trace(itemId) }])),
  });
  const humans = [h1, h2, h3].map((f) => withTraces(f, (id) => `t-${id}`));
  const cot = withTraces(judgeFile('judge-m--cot-local', [4, 3, 4, 2, 3, null]), (id) => (id === 'qa-ja-004' ? `t-${id}` : `cot-${id}`));
  cot.annotator.run = { config: 'cot-local', round: 1 };
  const section = judgesAgainstPhysicians([...humans, cot], { dimensions: DIMS })!;
  const a = section.judges['judge-m--cot-local'].clinical_soundness;
  // 004: judge 2, physicians' median 1 (dr-a alone) → n 1, bias +1.
  assert.deepEqual([a.n, a.bias], [1, 1]);
  assert.ok(section.notes.some((n) => n.at === 'judges.judge-m--cot-local' && /4 item\(s\) left out: the judge \(cot-local round 1\) rated another trace than the physicians did/.test(n.reason)), JSON.stringify(section.notes));
  // The same ratings on the physicians' traces: every item is compared, as before.
  const same = judgesAgainstPhysicians([...humans, withTraces(judge, (id) => `t-${id}`)], { dimensions: DIMS })!;
  assert.equal(same.judges['judge-m'].clinical_soundness.n, 4);
  assert.deepEqual(same.notes, []);
});
