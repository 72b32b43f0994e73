// scoreTraces on items as the multiple-choice work will load them (task "mcq", options, gold
// letters) and on gold labels the loader may pass through: MMedBench's rule for several letters,
// unknown gold labels reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScorableItem } from '../../../src/core/scoring/gold';
import { addTraceText, emptyTraceAnswers } from '../../../src/core/scoring/readTraceAnswers';
import { scoreTraces } from '../../../src/core/scoring/scoreTraces';

const OPTIONS = { A: 'aspirin', B: 'heparin', C: 'warfarin', D: 'none' };

function traceLine(itemId: string, final: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ schema: 'medco.trace/1', id: `${itemId}-${final}`, itemId, lang: 'sw', task: 'mcq', createdAt: '2026-11-21T10:00:00.000Z', config: { name: 'direct', round: 2 }, final: { answer: final }, ...extra });
}

test('multiple choice: all and only the gold letters are correct (MMedBench); letters outside the options are unparsed', () => {
  const items = new Map<string, ScorableItem>([
    ['mcq-sw-001', { id: 'mcq-sw-001', lang: 'sw', task: 'mcq', options: OPTIONS, label: 'A,C' }],
    ['mcq-sw-002', { id: 'mcq-sw-002', lang: 'sw', task: 'mcq', options: OPTIONS, label: 'A,C' }],
    ['mcq-sw-003', { id: 'mcq-sw-003', lang: 'sw', task: 'mcq', options: OPTIONS, label: 'A,C' }],
    ['mcq-sw-004', { id: 'mcq-sw-004', lang: 'sw', task: 'mcq', options: OPTIONS, label: 'B' }],
    ['mcq-sw-005', { id: 'mcq-sw-005', lang: 'sw', task: 'mcq', options: OPTIONS, label: 'B' }],
  ]);
  const read = emptyTraceAnswers();
  addTraceText(
    read,
    [
      traceLine('mcq-sw-001', 'C, A'), // right: the same set
      traceLine('mcq-sw-002', 'A'), // wrong: a gold letter missing
      traceLine('mcq-sw-003', 'A, B, C'), // wrong: a letter too many
      traceLine('mcq-sw-004', 'Answer: (b)'), // right
      traceLine('mcq-sw-005', 'F'), // unparsed: not an option
    ].join('\n'),
    'mcq.traces.jsonl',
  );
  const report = scoreTraces(items, read, { bootstrap: 0, seed: 1 });
  assert.equal(report.results.length, 1, 'traces without reasoning sides score the final answer only');
  const [r] = report.results;
  assert.deepEqual([r.config, r.round, r.lang, r.task, r.side, r.n, r.correct, r.unparsed], ['direct', 2, 'sw', 'mcq', 'final', 5, 2, 1]);
  assert.deepEqual(report.problems, []);
});

test('a gold label outside the task\'s set, or gold letters not among the options, is a problem, not a score', () => {
  const items = new Map<string, ScorableItem>([
    ['nli-sw-001', { id: 'nli-sw-001', lang: 'sw', task: 'nli', label: 'neutral', origin: { file: 'd.jsonl', line: 4 } }],
    ['mcq-sw-001', { id: 'mcq-sw-001', lang: 'sw', task: 'mcq', options: OPTIONS, label: 'E' }],
  ]);
  const read = emptyTraceAnswers();
  addTraceText(read, [traceLine('nli-sw-001', 'neutral', { task: 'nli' }), traceLine('mcq-sw-001', 'E')].join('\n'), 't.traces.jsonl');
  const report = scoreTraces(items, read, { bootstrap: 0, seed: 1 });
  assert.deepEqual(report.results, []);
  assert.equal(report.counts.no_gold, 2);
  assert.deepEqual(
    report.problems.map((p) => `${p.file}:${p.line} ${p.kind} ${p.message}`),
    [
      't.traces.jsonl:1 no_gold item "nli-sw-001": gold label "neutral" is not one of entailment, contradiction (dataset d.jsonl:4); not scored',
      't.traces.jsonl:2 no_gold item "mcq-sw-001": gold "E" is not option letter(s) among the options A, B, C, D; not scored',
    ],
  );
});

test('traces without config.name or config.round count as coreasoner, round 1; a bad round is a bad line', () => {
  const read = emptyTraceAnswers();
  addTraceText(read, [traceLine('x', 'A', { config: { model: 'm' } }), traceLine('y', 'A', { config: { name: 'direct', round: 0 } })].join('\n'), 't.jsonl');
  assert.deepEqual([...read.traces.values()].map((t) => [t.config, t.round]), [['coreasoner', 1]]);
  assert.match(read.problems[0].message, /config\.round/);
  assert.equal(read.problems[0].line, 2);
});

test('duplicates of an item, configuration and round: the latest createdAt counts (a tie: the later line), the others are superseded', () => {
  const read = emptyTraceAnswers();
  addTraceText(
    read,
    [
      traceLine('x', 'A', { createdAt: '2026-11-21T10:00:00.000Z' }),
      traceLine('x', 'B', { createdAt: '2026-11-23T10:00:00.000Z' }), // latest
      traceLine('x', 'C', { createdAt: '2026-11-22T10:00:00.000Z' }),
      traceLine('y', 'A', { createdAt: '2026-11-21T10:00:00.000Z' }),
    ].join('\n'),
    'a.jsonl',
  );
  addTraceText(read, traceLine('y', 'D', { createdAt: '2026-11-21T10:00:00.000Z' }), 'b.jsonl'); // a tie: the later file wins
  // Another round of x is another trace, not a duplicate.
  addTraceText(read, traceLine('x', 'E', { config: { name: 'direct', round: 3 } }), 'b.jsonl');
  assert.equal(read.superseded, 3);
  const current = [...read.traces.values()].map((t) => `${t.itemId}:${t.round}:${t.answers.final}@${t.file}:${t.line}`);
  assert.deepEqual(current.sort(), ['x:2:B@a.jsonl:2', 'x:3:E@b.jsonl:1', 'y:2:D@b.jsonl:1']);
});
