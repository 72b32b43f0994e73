// `medco score` as a real process on real files: the JSON shape of docs/formats.md §6 with values
// computed by hand, bad input counted and named, tables, long-form judge means.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../support/tempDir';

const root = path.resolve(__dirname, '../../..');

function medco(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ids = (lang: string, n: number) => Array.from({ length: n }, (_, i) => `nli-${lang}-${String(i + 1).padStart(3, '0')}`);
const GOLD = ['entailment', 'contradiction', 'entailment', 'contradiction', 'entailment', 'contradiction', 'entailment', 'contradiction', 'entailment', 'contradiction'];
const flip = (label: string) => (label === 'entailment' ? 'contradiction' : 'entailment');

function datasetRows(lang: string): string {
  return ids(lang, 10).map((id, i) => JSON.stringify({ id, lang, task: 'nli', text: 'Premise:\np\nHypothesis:\nh', label: GOLD[i] })).join('\n') + '\n';
}

interface TraceSpec {
  itemId: string;
  lang?: string;
  config?: string;
  round?: number;
  final: string;
  english?: string;
  local?: string;
  createdAt?: string;
}

function trace(t: TraceSpec): string {
  const config: Record<string, unknown> = { model: 'm', temperature: 0, alignThreshold: 0.7, topK: 5, retrieval: 'concepts', pipelineVersion: '1' };
  if (t.config !== undefined) config.name = t.config;
  if (t.round !== undefined) config.round = t.round;
  const side = (answer: string | undefined) => ({ question: 'q', reasoning: 'r', answer: answer ?? '', concepts: [] });
  return JSON.stringify({
    schema: 'medco.trace/1',
    id: `${t.itemId}|${t.config ?? 'coreasoner'}|${t.round ?? 1}|${t.createdAt ?? ''}`,
    itemId: t.itemId,
    lang: t.lang ?? t.itemId.split('-')[1],
    task: 'nli',
    createdAt: t.createdAt ?? '2026-11-21T10:00:00.000Z',
    config,
    english: side(t.english),
    local: side(t.local),
    alignment: { pairs: [], localOnly: [], fused: [] },
    retrieval: [],
    final: { response: t.final, answer: t.final },
    stages: {},
    errors: [],
  });
}

/**
 * ja, 10 items. coreasoner (no config.name: the default) right on items 1–9, wrong on 10; cot-local
 * right on 1–5, wrong on 6–9, unparsed on 10. Discordant: only coreasoner right on 6–9 (4), only
 * cot-local right on none (0). English side of coreasoner always right, local side wrong on 1.
 */
function workspace() {
  const dir = makeTempDir('medco-score-');
  const dataset = path.join(dir, 'multimedx-ja.jsonl');
  writeFileSync(dataset, datasetRows('ja'));
  const lines: string[] = [];
  ids('ja', 10).forEach((itemId, i) => {
    const gold = GOLD[i];
    lines.push(trace({ itemId, final: i < 9 ? `**${gold}**` : flip(gold), english: `Answer: ${gold}`, local: i === 0 ? flip(gold) : gold }));
    lines.push(trace({ itemId, config: 'cot-local', final: i < 5 ? gold : i < 9 ? flip(gold) : 'I cannot tell.' }));
  });
  const traces = path.join(dir, 'run.traces.jsonl');
  writeFileSync(traces, lines.join('\n') + '\n');
  return { dir, dataset, traces };
}

test('medco score --json: results and comparisons in the documented shape, values by hand', () => {
  const w = workspace();
  const r = medco('score', w.dataset, '--traces', w.traces, '--json', '--bootstrap', '200', '--seed', '5');
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  const final = doc.results.find((x: { config: string; side: string }) => x.config === 'coreasoner' && x.side === 'final');
  for (const key of ['config', 'round', 'lang', 'task', 'side', 'n', 'correct', 'accuracy', 'ci95', 'macro_f1', 'unparsed']) assert.ok(key in final, key);
  assert.deepEqual({ ...final, ci95: final.ci95.map((v: number) => Math.round(v * 10000) / 10000), macro_f1_ci95: undefined }, {
    config: 'coreasoner', round: 1, lang: 'ja', task: 'nli', side: 'final', n: 10, correct: 9, accuracy: 0.9,
    // Wilson 9/10: [0.5958, 0.9821].
    ci95: [0.5958, 0.9821],
    // entailment: TP 5, FN 0, FP 1 → 10/11; contradiction: TP 4, FN 1 → 8/9.
    macro_f1: (10 / 11 + 8 / 9) / 2,
    macro_f1_ci95: undefined,
    unparsed: 0,
  });
  const sides = doc.results.filter((x: { config: string }) => x.config === 'coreasoner').map((x: { side: string; correct: number }) => [x.side, x.correct]);
  assert.deepEqual(sides, [['final', 9], ['english', 10], ['local', 9]]);
  // cot-local has no reasoning sides: only its final answer is scored; the unparsed reply is counted apart.
  const cot = doc.results.filter((x: { config: string }) => x.config === 'cot-local');
  assert.deepEqual(cot.map((x: { side: string; correct: number; unparsed: number }) => [x.side, x.correct, x.unparsed]), [['final', 5, 1]]);
  const cmp = doc.comparisons.find((c: { side: string }) => c.side === 'final');
  for (const key of ['a', 'b', 'lang', 'task', 'side', 'n', 'diff', 'ci95', 'mcnemar_p', 'only_a', 'only_b']) assert.ok(key in cmp, key);
  assert.deepEqual([cmp.a, cmp.b, cmp.n, cmp.only_a, cmp.only_b], ['coreasoner', 'cot-local', 10, 4, 0]);
  assert.ok(Math.abs(cmp.diff - 0.4) < 1e-12);
  // Exact McNemar on 4 vs 0 discordant pairs: 2 · (1/2)^4 = 0.125.
  assert.equal(cmp.mcnemar_p, 0.125);
  assert.ok(cmp.ci95[0] >= 0 && cmp.ci95[1] <= 1 && cmp.ci95[0] <= 0.4 && 0.4 <= cmp.ci95[1]);
  assert.deepEqual(doc.problems, []);
  assert.equal(doc.counts.superseded, 0);
  // Same seed, same intervals.
  assert.equal(medco('score', w.dataset, '--traces', w.traces, '--json', '--bootstrap', '200', '--seed', '5').stdout, r.stdout);
});

test('bad input is counted, named with file and line, and never scored silently (exit 1)', () => {
  const w = workspace();
  // A dataset with a neutral gold label (not in the two-label set) and an NLI item without a label.
  writeFileSync(w.dataset, datasetRows('ja') + JSON.stringify({ id: 'nli-ja-011', lang: 'ja', task: 'nli', text: 'Premise:\np\nHypothesis:\nh', label: 'neutral' }) + '\n' + JSON.stringify({ id: 'nli-ja-012', lang: 'ja', task: 'nli', text: 'Premise:\np\nHypothesis:\nh' }) + '\n');
  const extra = [
    trace({ itemId: 'nli-ja-099', final: 'entailment' }), // line 21: item not in the dataset
    trace({ itemId: 'nli-ja-011', final: 'neutral' }), // line 22: gold neutral
    trace({ itemId: 'nli-ja-012', final: 'entailment' }), // line 23: no gold
    '{"schema": "medco.trace/1", "itemId": ', // line 24: torn line
    // line 25: a later trace of item 10 for coreasoner, round 1, now right: supersedes line 19.
    trace({ itemId: 'nli-ja-010', final: 'contradiction', createdAt: '2026-11-22T10:00:00.000Z' }),
    // line 26: an older one, superseded by line 19 at once.
    trace({ itemId: 'nli-ja-001', final: 'contradiction', createdAt: '2026-11-20T10:00:00.000Z' }),
  ];
  writeFileSync(w.traces, `${readFileSync(w.traces, 'utf8')}${extra.join('\n')}\n`);
  const r = medco('score', w.dataset, '--traces', w.traces, '--json', '--bootstrap', '0');
  assert.equal(r.code, 1, 'a partial result must not look complete');
  const doc = JSON.parse(r.stdout);
  const kinds = doc.problems.map((p: { kind: string; line: number }) => `${p.kind}@${p.line}`);
  assert.ok(kinds.includes('unknown_item@21'), kinds.join(' '));
  assert.ok(kinds.includes('no_gold@22'));
  assert.ok(kinds.includes('no_gold@23'));
  assert.ok(kinds.includes('trace@24'));
  assert.ok(kinds.includes('dataset@11'), 'the loader\'s bad-label error explains the missing gold');
  assert.deepEqual(
    { unknown: doc.counts.unknown_item, noGold: doc.counts.no_gold, superseded: doc.counts.superseded, bad: doc.counts.bad_lines, scored: doc.counts.scored },
    { unknown: 1, noGold: 2, superseded: 2, bad: 1, scored: 20 },
  );
  // The latest trace of item 10 counts: coreasoner is now right on all 10; the older line 26 did not replace item 1.
  const final = doc.results.find((x: { config: string; side: string }) => x.config === 'coreasoner' && x.side === 'final');
  assert.equal(final.correct, 10);
  assert.match(r.stderr, /run\.traces\.jsonl:21: .*nli-ja-099.*not in the dataset/);
  // The loader rejects the neutral gold (named at its dataset line); the trace of that item says why it is not scored.
  assert.match(r.stderr, /multimedx-ja\.jsonl:11: bad label "neutral"/);
  assert.match(r.stderr, /run\.traces\.jsonl:22: item "nli-ja-011": no usable gold label .*multimedx-ja\.jsonl:11\); not scored/);
  assert.match(r.stderr, /run\.traces\.jsonl:24: invalid JSON/);
  assert.match(r.stderr, /2 superseded/);
});

test('several rounds: mean ± SD over rounds; LaTeX has languages as columns and the best per column in bold', () => {
  const dir = makeTempDir('medco-score-');
  const dataset = path.join(dir, 'd.jsonl');
  writeFileSync(dataset, datasetRows('ja') + datasetRows('sw'));
  const lines: string[] = [];
  // coreasoner right on 8, 9, 10 items (rounds 1–3) in ja and on 5 in sw; direct right on 7 in ja, 6 in sw.
  for (const lang of ['ja', 'sw']) {
    ids(lang, 10).forEach((itemId, i) => {
      for (const round of [1, 2, 3]) {
        const right = lang === 'ja' ? i < 7 + round : i < 5;
        lines.push(trace({ itemId, config: 'coreasoner', round, final: right ? GOLD[i] : flip(GOLD[i]) }));
        lines.push(trace({ itemId, config: 'direct', round, final: (lang === 'ja' ? i < 7 : i < 6) ? GOLD[i] : flip(GOLD[i]) }));
      }
    });
  }
  const traces = path.join(dir, 'r.traces.jsonl');
  writeFileSync(traces, lines.join('\n') + '\n');
  const json = JSON.parse(medco('score', dataset, '--traces', traces, '--json', '--bootstrap', '0').stdout);
  const ja = json.rounds.find((r: { config: string; lang: string; side: string }) => r.config === 'coreasoner' && r.lang === 'ja' && r.side === 'final');
  assert.deepEqual(ja.rounds, [1, 2, 3]);
  assert.ok(Math.abs(ja.accuracy_mean - 0.9) < 1e-12);
  assert.ok(Math.abs(ja.accuracy_sd - 0.1) < 1e-9);
  assert.equal(json.comparisons.filter((c: { side: string }) => c.side === 'final').length, 6); // 3 rounds × 2 languages
  const r = medco('score', dataset, '--traces', traces, '--format', 'latex', '--bootstrap', '0');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\\toprule\nConfiguration & ja & sw \\\\\n\\midrule/);
  assert.match(r.stdout, /^coreasoner & \\textbf\{90\.0 \$\\pm\$ 10\.0\} & 50\.0 \$\\pm\$ 0\.0 \\\\$/m);
  assert.match(r.stdout, /^direct & 70\.0 \$\\pm\$ 0\.0 & \\textbf\{60\.0 \$\\pm\$ 0\.0\} \\\\$/m);
  assert.match(r.stdout, /\\bottomrule/);
  const csv = medco('score', dataset, '--traces', traces, '--format', 'csv', '--bootstrap', '0').stdout.split('\n');
  assert.equal(csv[0], 'metric,config,compared_with,judge,round,lang,task,side,dimension,n,value,ci_low,ci_high,unparsed,p_value');
  assert.ok(csv.some((l) => l.startsWith('accuracy,coreasoner,,,2,ja,nli,final,,10,0.9,0.5958')), csv.join('\n'));
});

test('long-form answers: model judges\' 1–5 ratings per configuration and language, off-scale values reported', () => {
  const dir = makeTempDir('medco-score-');
  const dataset = path.join(dir, 'multimedx-ja.jsonl');
  const qaIds = ['qa-ja-001', 'qa-ja-002', 'qa-ja-003'];
  writeFileSync(dataset, qaIds.map((id) => JSON.stringify({ id, lang: 'ja', task: 'qa', text: '質問:\nq\n回答:\na' })).join('\n') + '\n');
  const lines = qaIds.flatMap((itemId) => [trace({ itemId, final: 'long answer' }), trace({ itemId, config: 'cot-local', final: 'long answer' })].map((l) => l.replace('"task":"nli"', '"task":"qa"')));
  const traces = path.join(dir, 'qa.traces.jsonl');
  writeFileSync(traces, lines.join('\n') + '\n');
  const annotations = path.join(dir, 'annotations');
  mkdirSync(path.join(annotations, 'multimedx-ja'), { recursive: true });
  const entry = (itemId: string, config: string, soundness: number | null) => ({
    traceId: `${itemId}|${config}|1|`,
    revision: 1,
    rating: { clinical_soundness: soundness, cultural_grounding: 3, flags: [], comment: 'judge rationale' },
    updatedAt: '2026-11-21T10:05:00.000Z',
    history: [],
  });
  const judge = {
    schema: 'medco.annotations/1',
    dataset: 'multimedx-ja',
    annotator: { id: 'judge-gpt-x', role: 'model' },
    rubric: { id: 'medco-expert', version: 1 },
    items: { 'qa-ja-001': entry('qa-ja-001', 'coreasoner', 5), 'qa-ja-002': entry('qa-ja-002', 'coreasoner', 4), 'qa-ja-003': entry('qa-ja-003', 'coreasoner', 9) },
  };
  writeFileSync(path.join(annotations, 'multimedx-ja', 'judge-gpt-x.json'), JSON.stringify(judge, null, 2) + '\n');
  // A physician's file in the same folder is not a judge: its ratings stay out of the scores.
  writeFileSync(path.join(annotations, 'multimedx-ja', 'dr-a.json'), JSON.stringify({ ...judge, annotator: { id: 'dr-a', role: 'annotator' }, items: { 'qa-ja-001': entry('qa-ja-001', 'coreasoner', 1) } }, null, 2) + '\n');
  const r = medco('score', dataset, '--traces', traces, '--annotations', annotations, '--json', '--bootstrap', '100');
  assert.equal(r.code, 1, 'the off-scale rating is a problem');
  const doc = JSON.parse(r.stdout);
  const soundness = doc.longform.find((l: { dimension: string }) => l.dimension === 'clinical_soundness');
  assert.deepEqual([soundness.judge, soundness.config, soundness.lang, soundness.task, soundness.n, soundness.mean], ['judge-gpt-x', 'coreasoner', 'ja', 'qa', 2, 4.5]);
  assert.ok(soundness.ci95[0] >= 4 && soundness.ci95[1] <= 5, 'a bootstrap of means stays on the scale');
  assert.equal(doc.longform.find((l: { dimension: string }) => l.dimension === 'cultural_grounding').mean, 3);
  assert.match(r.stderr, /judge-gpt-x\.json:41: judge-gpt-x: clinical_soundness = 9 on item "qa-ja-003" \(coreasoner round 1\) is not an integer from 1 to 5/);
  assert.deepEqual(doc.results, []);
  const latex = medco('score', dataset, '--traces', traces, '--annotations', annotations, '--format', 'latex', '--bootstrap', '0').stdout;
  assert.match(latex, /clinical\\_soundness \(1--5\) on QA rated by judge-gpt-x/);
});

test('usage and unreadable input: bad --format exits 2, a missing traces file exits 1 naming it', () => {
  const w = workspace();
  assert.equal(medco('score', w.dataset, '--traces', w.traces, '--format', 'docx').code, 2);
  assert.equal(medco('score', w.dataset).code, 2);
  const missing = medco('score', w.dataset, '--traces', path.join(w.dir, 'none.traces.jsonl'));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /none\.traces\.jsonl: traces file not found/);
  assert.equal(missing.stdout, '');
});
