// Long-form judge scores per configuration: the files of one judge's runs (judge-<slug>.json,
// judge-<slug>--<config>[-r<round>].json) read back as one judge, per round and over all rounds,
// with intervals that stay on the scale; values computed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreLongform, type JudgeFile } from '../../../src/core/scoring/longform';
import { addTraceText, emptyTraceAnswers } from '../../../src/core/scoring/readTraceAnswers';
import type { ScoreProblem } from '../../../src/core/scoring/scoreTraces';
import type { AnnotationFile, Rating } from '../../../src/core/types';

const DIMENSIONS = [
  { id: 'clinical_soundness', min: 1, max: 5 },
  { id: 'cultural_grounding', min: 1, max: 5 },
];

const traceLine = (id: string, itemId: string, name: string, round: number) =>
  JSON.stringify({ schema: 'medco.trace/1', id, itemId, lang: 'ja', task: 'qa', createdAt: '2026-01-01T00:00:00.000Z', config: { name, round }, final: { response: 'r', answer: 'a' } });

function traces() {
  const read = emptyTraceAnswers();
  const lines = [];
  for (const [config, round] of [['coreasoner', 1], ['cot-local', 1], ['cot-local', 2]] as const) {
    for (const item of ['qa-ja-001', 'qa-ja-002']) lines.push(traceLine(`${config}-${round}-${item}`, item, config, round));
  }
  addTraceText(read, lines.join('\n') + '\n', 'run.traces.jsonl');
  return read;
}

function judgeFile(id: string, run: { config: string; round: number }, ratings: Record<string, Rating>, updatedAt = '2026-02-01T00:00:00.000Z'): JudgeFile {
  const items: AnnotationFile['items'] = {};
  for (const [itemId, rating] of Object.entries(ratings)) items[itemId] = { traceId: `${run.config}-${run.round}-${itemId}`, revision: 1, rating, updatedAt, history: [] };
  return { file: { schema: 'medco.annotations/1', dataset: 'd', annotator: { id, role: 'model', model: 'M', run }, rubric: { id: 'medco-expert', version: 1 }, items }, source: `${id}.json` };
}

const files = (): JudgeFile[] => [
  judgeFile('judge-m', { config: 'coreasoner', round: 1 }, { 'qa-ja-001': { clinical_soundness: 4, cultural_grounding: 3 }, 'qa-ja-002': { clinical_soundness: 5, cultural_grounding: 3 } }),
  judgeFile('judge-m--cot-local', { config: 'cot-local', round: 1 }, { 'qa-ja-001': { clinical_soundness: 2, cultural_grounding: 2 }, 'qa-ja-002': { clinical_soundness: null, cultural_grounding: 2 } }),
  judgeFile('judge-m--cot-local-r2', { config: 'cot-local', round: 2 }, { 'qa-ja-001': { clinical_soundness: 3, cultural_grounding: 6 }, 'qa-ja-002': { clinical_soundness: 4, cultural_grounding: 2 } }),
];

const close = (actual: number | null, expected: number) => assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} ≈ ${expected}`);

test('one judge over its run files: means per configuration × round and over rounds, by hand', () => {
  const problems: ScoreProblem[] = [];
  const { rows, overRounds } = scoreLongform(files(), traces(), DIMENSIONS, { bootstrap: 0, seed: 1 }, problems);
  const row = (config: string, round: number, dimension = 'clinical_soundness') => rows.find((r) => r.config === config && r.round === round && r.dimension === dimension)!;
  assert.ok(rows.every((r) => r.judge === 'judge-m'), 'every run file is the one judge of model M');

  // coreasoner r1: 4, 5 → mean 4.5, SD √0.5; t interval 4.5 ± 12.706·0.5 cut to the scale: [1, 5].
  const core = row('coreasoner', 1);
  assert.deepEqual([core.n, core.mean, core.not_assessable, core.ci_method, core.ci95], [2, 4.5, 0, 't-truncated', [1, 5]]);
  close(core.sd, Math.SQRT1_2);
  // cot-local r1: 2 and one "not assessable".
  assert.deepEqual([row('cot-local', 1).n, row('cot-local', 1).mean, row('cot-local', 1).not_assessable], [1, 2, 1]);
  // cot-local r2: 3, 4 → 3.5; cultural_grounding 6 is off the scale: left out and reported.
  assert.deepEqual([row('cot-local', 2).n, row('cot-local', 2).mean], [2, 3.5]);
  assert.deepEqual([row('cot-local', 2, 'cultural_grounding').n, row('cot-local', 2, 'cultural_grounding').mean], [1, 2]);
  assert.deepEqual(problems.map((p) => [p.kind, p.file, p.itemId]), [['off_scale', 'judge-m--cot-local-r2.json', 'qa-ja-001']]);
  assert.match(problems[0].message, /cultural_grounding = 6 on item "qa-ja-001" \(cot-local round 2\) is not an integer from 1 to 5; left out/);

  // cot-local over rounds: ratings 2, 3 (item 1) and 4 (item 2) → mean 3 over n = 3 ratings of 2
  // items; round means 2 and 3.5 → SD over rounds |3.5 − 2|/√2.
  const cot = overRounds.find((l) => l.config === 'cot-local' && l.dimension === 'clinical_soundness')!;
  assert.deepEqual([cot.judge, cot.lang, cot.task, cot.rounds, cot.items, cot.n, cot.mean, cot.not_assessable], ['judge-m', 'ja', 'qa', [1, 2], 2, 3, 3, 1]);
  close(cot.sd_over_rounds, 1.5 / Math.SQRT2);
  const coreAll = overRounds.find((l) => l.config === 'coreasoner' && l.dimension === 'clinical_soundness')!;
  assert.deepEqual([coreAll.rounds, coreAll.mean, coreAll.sd_over_rounds], [[1], 4.5, null]);
});

test('bootstrap intervals resample items and stay within the ratings (so on the scale)', () => {
  const { rows, overRounds } = scoreLongform(files(), traces(), DIMENSIONS, { bootstrap: 500, seed: 7 }, []);
  for (const r of [...rows, ...overRounds]) {
    if (r.ci95 === null) continue;
    assert.equal(r.ci_method, 'bootstrap-percentile');
    assert.ok(r.ci95[0] >= 1 && r.ci95[1] <= 5 && r.ci95[0] <= r.mean! && r.mean! <= r.ci95[1], JSON.stringify(r));
  }
  const core = rows.find((r) => r.config === 'coreasoner' && r.dimension === 'clinical_soundness')!;
  assert.ok(core.ci95![0] >= 4 && core.ci95![1] <= 5);
  // Over rounds the units are items: item 1 (2, 3) and item 2 (4); a resample of item 1 twice has
  // mean 2.5, of item 2 twice 4, so the interval lies within [2.5, 4].
  const cot = overRounds.find((l) => l.config === 'cot-local' && l.dimension === 'clinical_soundness')!;
  assert.ok(cot.ci95 && cot.ci95[0] >= 2.5 && cot.ci95[1] <= 4, JSON.stringify(cot.ci95));
  // Same seed, same files in another order: the same numbers.
  const again = scoreLongform([...files()].reverse(), traces(), DIMENSIONS, { bootstrap: 500, seed: 7 }, []);
  assert.deepEqual(again.rows, rows);
  assert.deepEqual(again.overRounds, overRounds);
});

test('a trace rated by one judge in two files counts once (the later rating) and the other is reported', () => {
  const problems: ScoreProblem[] = [];
  const legacy = judgeFile('judge-m-legacy', { config: 'coreasoner', round: 1 }, { 'qa-ja-001': { clinical_soundness: 1, cultural_grounding: 1 } }, '2026-01-15T00:00:00.000Z');
  const { rows } = scoreLongform([legacy, ...files()], traces(), DIMENSIONS, { bootstrap: 0, seed: 1 }, problems);
  const core = rows.find((r) => r.config === 'coreasoner' && r.dimension === 'clinical_soundness')!;
  assert.deepEqual([core.n, core.mean], [2, 4.5]);
  const twice = problems.filter((p) => p.kind === 'annotation');
  assert.equal(twice.length, 1);
  assert.equal(twice[0].file, 'judge-m-legacy.json');
  assert.match(twice[0].message, /judge-m rated the trace of item "qa-ja-001" \(coreasoner round 1\) in two files; the later rating, in judge-m\.json, counts/);
});
