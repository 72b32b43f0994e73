// Accuracy, macro-F1, paired comparison and round summaries against values computed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracyOf, bootstrapMacroF1, comparePaired, groupSeed, macroF1, meanSd, type ScoredAnswer } from '../../../src/core/scoring/metrics';

const answers = (pairs: [string, string | null][]): ScoredAnswer[] => pairs.map(([gold, predicted]) => ({ gold, predicted }));
const near = (a: number | null, b: number, eps = 1e-12) => assert.ok(a !== null && Math.abs(a - b) < eps, `${a} ≉ ${b}`);

test('accuracy counts unparsed answers as wrong and reports them apart; Wilson interval', () => {
  const s = accuracyOf(answers([['entailment', 'entailment'], ['entailment', 'contradiction'], ['contradiction', null], ['contradiction', 'contradiction']]));
  assert.deepEqual({ n: s.n, correct: s.correct, accuracy: s.accuracy, unparsed: s.unparsed }, { n: 4, correct: 2, accuracy: 0.5, unparsed: 1 });
  assert.ok(s.ci95 && s.ci95[0] < 0.5 && s.ci95[1] > 0.5);
  // 0% and 100%: the intervals end at 0 and 1.
  assert.deepEqual(accuracyOf(answers([['B', 'A']])).ci95?.[0], 0);
  assert.deepEqual(accuracyOf(answers([['B', 'B']])).ci95?.[1], 1);
  assert.equal(accuracyOf([]).accuracy, null);
});

test('macro-F1 by hand: per-class F1 = 2TP/(2TP+FP+FN), averaged over gold and predicted classes', () => {
  // entailment: TP 2, FN 1 → 4/5; contradiction: TP 1, FP 1, FN 1 (the unparsed one) → 2/4.
  near(macroF1(answers([['e', 'e'], ['e', 'c'], ['e', 'e'], ['c', 'c'], ['c', null]])), (0.8 + 0.5) / 2);
  // A predicted label outside the gold set (neutral) is a class with F1 0, as scikit-learn counts it.
  near(macroF1(answers([['e', 'neutral'], ['c', 'c']])), (0 + 1 + 0) / 3);
  near(macroF1(answers([['A,C', 'A,C'], ['B', 'A,C'], ['B', 'B']])), (2 / 3 + 2 / 3) / 2);
  assert.equal(macroF1([]), null);
  near(macroF1(answers([['e', 'e']])), 1);
});

test('macro-F1 bootstrap: seeded (same seed, same interval), contains the estimate', () => {
  const data = answers(Array.from({ length: 200 }, (_, i) => [i % 2 ? 'e' : 'c', i % 5 === 0 ? null : i % 7 === 0 ? (i % 2 ? 'c' : 'e') : i % 2 ? 'e' : 'c']));
  const a = bootstrapMacroF1(data, 500, 7);
  const b = bootstrapMacroF1(data, 500, 7);
  assert.deepEqual(a, b);
  const f1 = macroF1(data)!;
  assert.ok(a.ci95 && a.ci95[0] < f1 && f1 < a.ci95[1], JSON.stringify(a));
  assert.notDeepEqual(bootstrapMacroF1(data, 500, 8), a);
  assert.equal(bootstrapMacroF1(data, 0, 7).ci95, null);
  assert.equal(bootstrapMacroF1(data.slice(0, 1), 100, 7).ci95, null);
});

test('paired comparison: difference, discordant pairs and the exact McNemar p', () => {
  // 10 items: both right on 4, only a on 4, only b on 1, both wrong on 1.
  const a = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0].map(Boolean);
  const b = [1, 1, 1, 1, 0, 0, 0, 0, 1, 0].map(Boolean);
  const c = comparePaired(a, b, 1000, 1);
  assert.equal(c.n, 10);
  assert.equal(c.only_a, 4);
  assert.equal(c.only_b, 1);
  near(c.diff, 0.3);
  // Exact McNemar: 2·P(X ≤ 1 | 5, ½) = 2·6/32.
  near(c.mcnemar_p, 12 / 32);
  assert.ok(c.ci95 && c.ci95[0] <= 0.3 && 0.3 <= c.ci95[1] && c.ci95[0] >= -1 && c.ci95[1] <= 1);
  assert.deepEqual(comparePaired(a, b, 1000, 1), c);
  // Identical answers: no difference, p = 1, interval [0, 0].
  const same = comparePaired(a, a, 200, 1);
  assert.deepEqual([same.diff, same.mcnemar_p, same.ci95], [0, 1, [0, 0]]);
  assert.equal(comparePaired([], [], 100, 1).diff, null);
});

test('mean ± SD over rounds (sample SD); a single round has no SD', () => {
  const s = meanSd([0.8, 0.7, 0.9]);
  near(s.mean, 0.8);
  near(s.sd, 0.1, 1e-9);
  assert.deepEqual(meanSd([0.5]), { mean: 0.5, sd: null });
  assert.deepEqual(meanSd([]), { mean: null, sd: null });
});

test('group seeds depend on the key and the run seed only', () => {
  assert.equal(groupSeed(1, 'coreasoner|ja'), groupSeed(1, 'coreasoner|ja'));
  assert.notEqual(groupSeed(1, 'coreasoner|ja'), groupSeed(2, 'coreasoner|ja'));
  assert.notEqual(groupSeed(1, 'coreasoner|ja'), groupSeed(1, 'coreasoner|ko'));
});
