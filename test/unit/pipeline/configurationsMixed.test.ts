// Every named configuration runs end to end from `medco reason --config <name>` over a small mixed
// dataset (QA, NLI and multiple-choice items in the three published layouts, CSV, JSONL and
// Parquet) against the local OpenAI-compatible server. Multiple-choice items get the MCQ task
// prompt in both prompt sets; every configuration's final answer is read as option letter(s)
// (also when a model decorates it), MMedBench's multi-answer item gets several letters, and an
// answer that is no letter is recorded as given and counted as unparsed by `medco score`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { CONFIGURATIONS, CONFIGURATION_NAMES, type ConfigurationName } from '../../../src/core/pipeline/configurations';
import { loadPrompts } from '../../../src/core/pipeline/prompts';
import { parseMcqAnswer, parseNliAnswer } from '../../../src/core/scoring/parseAnswer';
import type { Trace } from '../../../src/core/types';
import { startOpenAIServer, type FakeOpenAIServer, type McqAnswerStyle } from '../../support/openaiServer';
import { scoreFromFiles } from '../../../src/cli/commands/score';
import { REPO, runCli, tempDir } from './helpers';

const FIXTURES = path.join(REPO, 'test/fixtures/mcq');
const MCQ_FIXTURES = [
  path.join(FIXTURES, 'global-mmlu'),
  path.join(FIXTURES, 'global-mmlu-parquet/ja/test-00000-of-00001.parquet'),
  path.join(FIXTURES, 'mmlu-prox/mmlu_prox_ja.jsonl'),
  path.join(FIXTURES, 'mmlu-prox-parquet/ja/test-00000-of-00001.parquet'),
  path.join(FIXTURES, 'mmedbench/test/Japanese.jsonl'),
];
/** Medical rows with a valid gold letter in the fixtures above (3 + 2 + 2 + 2 + 2), plus ours below. */
const MCQ_ITEMS = 12;
const MULTI_ANSWER_ITEM = 'mcq-ja-002';

const schema = JSON.parse(readFileSync(path.join(REPO, 'annotations/schema/trace.schema.json'), 'utf8')) as object;
const validTrace = new Ajv({ allErrors: true, strict: false }).compile(schema);

const servers: Partial<Record<McqAnswerStyle, FakeOpenAIServer>> = {};
let fixtureDir: string;
let ours: string;
let kb: string;

before(async () => {
  fixtureDir = tempDir('medco-configs-mixed-');
  ours = path.join(fixtureDir, 'mixed_ja.jsonl');
  // Our own rows: a QA item with parallel English, an NLI item without, an MCQ item in our layout.
  writeFileSync(
    ours,
    [
      { id: 'qa-ja-901', lang: 'ja', task: 'qa', text: '質問:\n質問 1：心アミロイドーシスとは？\n回答:\n…', text_en: 'Question:\nQuestion 1: what is cardiac amyloidosis?\nAnswer:\n…', label: null },
      { id: 'nli-ja-902', lang: 'ja', task: 'nli', text: '前提:\n研究 2：高血圧の患者で塩分制限は血圧を下げた。\n仮説:\n塩分制限は血圧を下げる。', label: 'entailment' },
      { id: 'mcq-ja-903', lang: 'ja', task: 'mcq', question: '問 3：心不全で用いる検査はどれか。', options: { A: '心エコー検査', B: '脳波', C: '筋電図' }, label: 'A' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
  kb = path.join(fixtureDir, 'kb');
  mkdirSync(path.join(kb, 'ja'), { recursive: true });
  mkdirSync(path.join(kb, 'en'), { recursive: true });
  writeFileSync(path.join(kb, 'ja', 'msd.jsonl'), JSON.stringify({ title: '心不全', content: '心不全と心アミロイドーシス。' }) + '\n');
  writeFileSync(path.join(kb, 'en', 'msd.jsonl'), JSON.stringify({ title: 'Heart failure', content: 'Cardiac amyloidosis causes heart failure.' }) + '\n');
});
after(async () => {
  for (const s of Object.values(servers)) await s?.close();
});

async function serverFor(style: McqAnswerStyle): Promise<FakeOpenAIServer> {
  servers[style] ??= await startOpenAIServer({ mcqAnswerStyle: style });
  return servers[style];
}

interface Run {
  traces: Trace[];
  /** The requests of this run (the server is shared by the runs of one answer style). */
  requests: FakeOpenAIServer['requests'];
  out: string;
}

async function reason(config: ConfigurationName, style: McqAnswerStyle): Promise<Run> {
  const server = await serverFor(style);
  const out = path.join(fixtureDir, `${config}.${style}.traces.jsonl`);
  const from = server.requests.length;
  const r = await runCli(['reason', ours, ...MCQ_FIXTURES, '--out', out, '--config', config, '--base-url', server.url, '--model', 'm', '--embedding-model', 'e', '--kb', kb, '--json']);
  // The fixtures' bad rows (gold letters outside the options) are reported; the run goes on.
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /gold letter "E" is not one of the options \(A, B, C, D\); row skipped/);
  const summary = JSON.parse(r.stdout) as { items: number; done: number; failed: number };
  assert.deepEqual([summary.items, summary.done, summary.failed], [MCQ_ITEMS + 2, MCQ_ITEMS + 2, 0], `${config}: ${r.stdout}`);
  const traces = readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Trace);
  return { traces, requests: server.requests.slice(from), out };
}

/** The option letters of an MCQ trace, read back from the question it showed the model ("A. …" lines). */
const lettersOf = (t: Trace): string[] => [...t.local.question.matchAll(/^([A-Z])\. /gm)].map((m) => m[1]);

for (const config of CONFIGURATION_NAMES) {
  test(`${config}: QA, NLI and multiple-choice items (three layouts) end to end; MCQ answers, decorated as chat models write them, are read as option letters`, async () => {
    const { traces, requests, out } = await reason(config, 'decorated');
    assert.equal(traces.length, MCQ_ITEMS + 2);
    for (const t of traces) {
      assert.ok(validTrace(t), `${t.itemId}: ${JSON.stringify(validTrace.errors)}`);
      assert.equal(t.config.name, config);
      assert.deepEqual(t.errors, [], `${config} ${t.itemId}`);
      assert.ok(t.final.answer.trim().length > 0, `${config} ${t.itemId}: a final answer`);
    }
    const byTask = (task: string): Trace[] => traces.filter((t) => t.task === task);
    assert.deepEqual([byTask('qa').length, byTask('nli').length, byTask('mcq').length], [1, 1, MCQ_ITEMS]);
    assert.equal(parseNliAnswer(byTask('nli')[0].final.answer).ok, true, `${config}: NLI final answer ${byTask('nli')[0].final.answer}`);
    for (const t of byTask('mcq')) {
      const letters = lettersOf(t);
      assert.ok(letters.length >= 3, `${t.itemId}: options shown`);
      const parsed = parseMcqAnswer(t.final.answer, letters);
      assert.ok(parsed.ok, `${config} ${t.itemId}: final answer "${t.final.answer}" is not read as letters`);
      if (t.itemId === MULTI_ANSWER_ITEM) assert.equal(parsed.value.split(',').length, 2, `${config}: two letters for "2つ選べ"`);
      else assert.match(parsed.value, /^[A-J]$/);
    }
    // Every request that carries an MCQ question carries the MCQ task prompt of the configuration's
    // prompt set, and never the QA one (which asks for one or two sentences).
    const set = loadPrompts({ version: CONFIGURATIONS[config].promptSet });
    const mcqTask = set.get('task_mcq').user;
    const qaTask = set.get('task_qa').user;
    const answering = requests.filter((q) => {
      const text = JSON.stringify(q.body.messages ?? '');
      return text.includes(JSON.stringify('On the ANSWER line write only its letter').slice(1, -1)) && !/Translate the following medical (text|answer)/.test(text);
    });
    // (Not one per item: the test server's translations of questions without a number are identical,
    // so the cache answers the second one.)
    assert.ok(answering.length > 0, `${config}: answering calls on MCQ items`);
    for (const q of answering) {
      const text = (q.body.messages as { content: string }[]).map((m) => m.content).join('\n');
      if (q.stage === 'extract' || q.stage === 'align') continue;
      assert.ok(text.includes(mcqTask), `${config} ${q.stage}: the MCQ task prompt`);
      assert.ok(!text.includes(qaTask), `${config} ${q.stage}: not the QA task prompt`);
    }
    // Scoring reads the same letters: every MCQ final answer is parsed, none is left unparsed.
    const score = await scoreMcqFinal(out, config);
    assert.deepEqual([score.n, score.unparsed], [MCQ_ITEMS, 0], config);
  });
}

test('an answer that is no option letter is recorded as given and counted as unparsed by medco score', async () => {
  for (const config of ['paper', 'direct'] as const) {
    const { traces, out } = await reason(config, 'prose');
    for (const t of traces.filter((x) => x.task === 'mcq')) {
      assert.equal(t.final.answer, 'the option that matches the reasoning above', `${config} ${t.itemId}`);
      assert.equal(parseMcqAnswer(t.final.answer, lettersOf(t)).ok, false);
    }
    const score = await scoreMcqFinal(out, config);
    assert.deepEqual([score.n, score.correct, score.unparsed], [MCQ_ITEMS, 0, MCQ_ITEMS], config);
  }
});

interface ScoreRow {
  config: string;
  task: string;
  side: string;
  n: number;
  correct: number;
  unparsed: number;
}

/**
 * What `medco score` computes on the run's traces (its command body, in this process: the machine
 * is shared and a CLI start is slow): the multiple-choice final-answer rows, summed over languages.
 */
async function scoreMcqFinal(traces: string, config: string): Promise<{ n: number; correct: number; unparsed: number }> {
  const doc = (await scoreFromFiles([ours, ...MCQ_FIXTURES], { traces: [traces], bootstrap: 0, seed: 1 })) as unknown as { results: ScoreRow[]; problems: { kind: string }[] };
  // The fixtures' bad rows are problems of kind `dataset`; nothing else is.
  assert.deepEqual([...new Set(doc.problems.map((p) => p.kind))], ['dataset']);
  const rows = doc.results.filter((x) => x.config === config && x.task === 'mcq' && x.side === 'final');
  assert.ok(rows.length > 0, `${config}: an MCQ final row`);
  return rows.reduce((a, x) => ({ n: a.n + x.n, correct: a.correct + x.correct, unparsed: a.unparsed + x.unparsed }), { n: 0, correct: 0, unparsed: 0 });
}
