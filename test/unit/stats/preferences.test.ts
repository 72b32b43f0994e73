import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitBradleyTerry } from '../../../src/core/stats/bradleyTerry';
import { computeStats } from '../../../src/core/stats/compute';
import {
  type PreferenceJudgement,
  type PreferenceOutcome,
  bradleyTerryWithBootstrap,
  computePreferences,
  pairPreferences,
  positionBias,
  preferenceAlpha,
  preferenceJudgements,
} from '../../../src/core/stats/preferences';
import type { AnnotationFile } from '../../../src/core/types';
import { annotationFile } from './fixtures';

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-9) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);

function judgement(a: string, b: string, outcome: PreferenceOutcome, extra: Partial<PreferenceJudgement> = {}): PreferenceJudgement {
  return { itemId: 'qa-ja-001', lang: 'ja', annotator: 'x', dimension: 'clinical_soundness', a, b, outcome, ...extra };
}

/** `count` judgements with the given outcome, each on its own item. */
function many(a: string, b: string, outcome: PreferenceOutcome, count: number, from = 0): PreferenceJudgement[] {
  return Array.from({ length: count }, (_, i) => judgement(a, b, outcome, { itemId: `qa-ja-${a}${b}${outcome}${from + i}` }));
}

// Hand-solved: with strengths p = (4, 2, 1), observed wins equal to their expectations
// n_ij · p_i / (p_i + p_j) on every pair (A–B 2:1 of 3, A–C 4:1 of 5, B–C 2:1 of 3) satisfy the
// likelihood equations Σ_j W_ij = Σ_j n_ij p_i/(p_i + p_j), so the MLE is p ∝ (4, 2, 1): log-strengths
// ln 4, ln 2, 0, centred: ln 2, 0, −ln 2.
test('Bradley–Terry, hand-solved 3-system case: log-strengths ln 2, 0, −ln 2', () => {
  const fit = fitBradleyTerry([0, 2, 4, 1, 0, 2, 1, 1, 0], 3);
  assert.ok(fit.logStrength, fit.reason);
  close(fit.logStrength[0], Math.LN2);
  close(fit.logStrength[1], 0);
  close(fit.logStrength[2], -Math.LN2);
});

test('Bradley–Terry from judgements: ties and both_bad are half a win each (2 wins, 1 loss, 1 tie, 1 both_bad → ratio 3:2)', () => {
  const judgements = [...many('base', 'medco', 'b', 2), ...many('base', 'medco', 'a', 1), ...many('base', 'medco', 'tie', 1), ...many('base', 'medco', 'both_bad', 1)];
  const stats = computePreferences(judgements, { bootstrap: 0, seed: 1 }).clinical_soundness;
  const theta = stats.bradley_terry.log_strength;
  close(theta.medco! - theta.base!, Math.log(3 / 2));
  close(theta.medco! + theta.base!, 0);
  assert.equal(stats.bradley_terry.ties, 'half');
});

test('Bradley–Terry: a system that won every comparison has no finite strength: null with a reason', () => {
  const notes: string[] = [];
  const stats = computePreferences(many('a', 'b', 'a', 3), { bootstrap: 0, seed: 1, notes: (at, reason) => notes.push(`${at}: ${reason}`) });
  assert.equal(stats.clinical_soundness.bradley_terry.log_strength.a, null);
  assert.ok(notes.some((n) => n.startsWith('clinical_soundness.bradley_terry: no finite maximum')), notes.join('\n'));
});

test('Bradley–Terry bootstrap over items: seeded, reproducible, the interval holds the estimate', () => {
  const judgements = [
    ...many('a', 'b', 'a', 30), ...many('a', 'b', 'b', 20), ...many('a', 'c', 'a', 25), ...many('a', 'c', 'b', 10),
    ...many('b', 'c', 'b', 18), ...many('b', 'c', 'b', 12), ...many('a', 'b', 'tie', 6),
  ];
  const one = bradleyTerryWithBootstrap(judgements, 400, 7);
  assert.deepEqual(one, bradleyTerryWithBootstrap(judgements, 400, 7));
  assert.equal(one.defined, 400);
  one.systems.forEach((_, i) => {
    const [lo, hi] = one.ci95[i]!;
    assert.ok(lo < one.logStrength![i] && one.logStrength![i] < hi, `${lo} ${one.logStrength![i]} ${hi}`);
  });
  assert.notDeepEqual(one.ci95, bradleyTerryWithBootstrap(judgements, 400, 8).ci95);
});

test('pairs: wins, ties, both_bad, win rate with a tie as half, Wilson interval and exact sign test', () => {
  // a wins 9, b wins 1, 2 ties, 2 both_bad: n 14, win rate (9 + 2)/14; sign test on 9 of 10 decisive = 22/1024.
  const judgements = [...many('a', 'b', 'a', 9), ...many('a', 'b', 'b', 1), ...many('a', 'b', 'tie', 2), ...many('a', 'b', 'both_bad', 2)];
  const [pair] = pairPreferences(judgements);
  assert.deepEqual({ ...pair, ci95: null, win_rate_a: null, sign_test_p: null }, { a: 'a', b: 'b', n: 14, wins_a: 9, wins_b: 1, ties: 2, both_bad: 2, win_rate_a: null, ci95: null, sign_test_p: null });
  close(pair.win_rate_a, 11 / 14);
  close(pair.sign_test_p, 22 / 1024, 1e-12);
  assert.ok(pair.ci95 && pair.ci95[0] < 11 / 14 && 11 / 14 < pair.ci95[1] && pair.ci95[1] < 1);
});

test('position bias counts decisive judgements won by Response 1', () => {
  const judgements = [
    judgement('a', 'b', 'a', { side1: 'a' }), // side 1 wins
    judgement('a', 'b', 'b', { side1: 'b' }), // side 1 wins
    judgement('a', 'b', 'a', { side1: 'b' }), // side 2 wins
    judgement('a', 'b', 'tie', { side1: 'a' }), // not decisive
    judgement('a', 'b', 'a'), // side not recorded
  ];
  assert.deepEqual(positionBias(judgements), { side1_wins: 2, decisive: 3, sign_test_p: 1 });
});

test("Krippendorff's alpha nominal over the 4 outcomes (hand-computed 2/3)", () => {
  // Two annotators on 4 item×pair units: (a,a), (b,b), (tie,tie), (a,b). Values a:3, b:3, tie:2 (n 8);
  // o_ab = o_ba = 1; α = 1 − (n − 1)·2 / Σ_{c≠k} n_c n_k = 1 − 7·2/42 = 2/3.
  const unit = (itemId: string, x: PreferenceOutcome, y: PreferenceOutcome) => [
    judgement('a', 'b', x, { itemId, annotator: 'x' }),
    judgement('a', 'b', y, { itemId, annotator: 'y' }),
  ];
  const judgements = [...unit('i1', 'a', 'a'), ...unit('i2', 'b', 'b'), ...unit('i3', 'tie', 'tie'), ...unit('i4', 'a', 'b')];
  close(preferenceAlpha(judgements).value, 2 / 3, 1e-12);
});

function withComparisons(annotator: string, comparisons: unknown): AnnotationFile {
  return { ...annotationFile(annotator, [], {}), comparisons } as AnnotationFile;
}

test('judgements are read tolerantly from the files\' "comparisons"; entries that do not fit are named', () => {
  const file = withComparisons('dr-x', {
    'qa-ja-001::base::medco': { sides: { '1': 'medco', '2': 'base' }, winner: { clinical_soundness: 'medco', cultural_grounding: 'tie' } },
    'qa-ja-002::medco::base': { sides: { '1': 'base', '2': 'medco' }, winner: { clinical_soundness: 'both_bad' } },
    'qa-sw-001::base::medco': { winner: { clinical_soundness: 'gpt' } },
    'broken-key': { winner: { clinical_soundness: 'tie' } },
    'qa-ja-003::base::medco': { winner: 'medco' },
  });
  const read = preferenceJudgements([file]);
  assert.deepEqual(
    read.judgements.map((j) => [j.itemId, j.a, j.b, j.dimension, j.outcome, j.side1 ?? '-', j.lang]),
    [
      ['qa-ja-001', 'base', 'medco', 'clinical_soundness', 'b', 'medco', 'ja'],
      ['qa-ja-001', 'base', 'medco', 'cultural_grounding', 'tie', 'medco', 'ja'],
      ['qa-ja-002', 'base', 'medco', 'clinical_soundness', 'both_bad', 'base', 'ja'],
    ],
  );
  assert.equal(read.problems.length, 3);
  assert.match(read.problems.join('\n'), /"gpt" is neither base, medco/);
  assert.match(read.problems.join('\n'), /broken-key/);
  assert.match(read.problems.join('\n'), /multimedx-ja\/dr-x\.json/);
});

test('medco stats gains "preferences" (CONTRACTS §7 shape, per language) only when files hold comparisons', () => {
  const rated = annotationFile('dr-x', ['qa-ja-001'], { clinical_soundness: [4] });
  assert.equal(computeStats([rated], { bootstrap: 0 }).preferences, undefined);
  const comparisons: Record<string, unknown> = {};
  const winners = ['medco', 'medco', 'base', 'tie', 'medco', 'both_bad'];
  winners.forEach((w, i) => {
    comparisons[`qa-${i < 3 ? 'ja' : 'sw'}-00${i}::base::medco`] = { sides: { '1': i % 2 ? 'base' : 'medco', '2': i % 2 ? 'medco' : 'base' }, winner: { clinical_soundness: w } };
  });
  const stats = computeStats([{ ...rated, comparisons } as AnnotationFile], { bootstrap: 50, seed: 3 });
  const p = stats.preferences!.clinical_soundness;
  assert.deepEqual(Object.keys(p.pairs[0]), ['a', 'b', 'n', 'wins_a', 'wins_b', 'ties', 'both_bad', 'win_rate_a', 'ci95', 'sign_test_p']);
  assert.deepEqual(p.pairs[0].n, 6);
  assert.deepEqual(Object.keys(p.bradley_terry.log_strength), ['base', 'medco']);
  assert.ok('ci95' in p.bradley_terry && 'position_bias' in p && 'alpha_nominal' in p);
  assert.deepEqual(Object.keys(p.byLanguage), ['ja', 'sw']);
  assert.equal(p.byLanguage.ja.pairs[0].n, 3);
  // Sides: medco shown first on items 0, 2, 4; decisive judgements 0 (medco, side 1), 1 (medco, side 2), 2 (base, side 2), 4 (medco, side 1).
  assert.deepEqual(p.position_bias, { side1_wins: 2, decisive: 4, sign_test_p: 1 });
});
