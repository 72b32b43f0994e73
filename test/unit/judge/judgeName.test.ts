// Who a judge is: the file name of a model, which files count as models, and that a physician's
// review never opens a judge's file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isModelFile, judgeAnnotatorId, judgeFileId, judgeIdOf, reviewFileProblem, selectAnnotatorFiles } from '../../../src/core/judge';
import { nameProblem } from '../../../src/core/store';

test('judge ids: judge-<slug>, lower case, safe as a file name on every platform', () => {
  assert.equal(judgeAnnotatorId('gpt-4o-mini'), 'judge-gpt-4o-mini');
  assert.equal(judgeAnnotatorId('meta-llama/Llama-3.1-8B-Instruct'), 'judge-meta-llama-llama-3.1-8b-instruct');
  assert.equal(judgeAnnotatorId('qwen2.5:7b'), 'judge-qwen2.5-7b');
  assert.equal(judgeAnnotatorId('../../etc/passwd'), 'judge-etc-passwd');
  assert.equal(judgeAnnotatorId('Ｑｗｅｎ'), 'judge-qwen');
  assert.equal(judgeAnnotatorId('x'.repeat(300)).length, 128);
  for (const m of ['gpt-4o', 'a/b/c', '..', 'con', 'x'.repeat(300), 'é-model']) {
    let id: string;
    try {
      id = judgeAnnotatorId(m);
    } catch {
      continue;
    }
    assert.equal(nameProblem('annotator', id), undefined, `${m} → ${id}`);
  }
  assert.throws(() => judgeAnnotatorId('///'), /no letters or digits/);
});

const physician = { annotator: { id: 'dr-a', role: 'annotator' } };
const noRole = { annotator: { id: 'dr-b' } };
const judge = { annotator: { id: 'judge-m', role: 'model' } };

test('the role decides what a model file is, and --annotators selects by it', () => {
  assert.equal(isModelFile(judge), true);
  assert.equal(isModelFile(physician), false);
  assert.equal(isModelFile(noRole), false);
  assert.deepEqual(selectAnnotatorFiles([physician, judge, noRole]), [physician, noRole]);
  assert.deepEqual(selectAnnotatorFiles([physician, judge, noRole], 'models'), [judge]);
  assert.deepEqual(selectAnnotatorFiles([physician, judge, noRole], 'all'), [physician, judge, noRole]);
});

test('the review panel never opens an LLM judge\'s file as a physician\'s own', () => {
  assert.equal(reviewFileProblem(physician, 'a/dr-a.json'), undefined);
  assert.match(reviewFileProblem(judge, 'a/judge-m.json') ?? '', /^a\/judge-m\.json is an LLM judge's file .*never shown in the review panel/);
});

test('one file per run: judge-<slug> for coreasoner round 1, --<config>[-r<round>] for the others; the judge of a file is its model', () => {
  assert.equal(judgeFileId('gpt-4o', { config: 'coreasoner', round: 1 }), 'judge-gpt-4o');
  assert.equal(judgeFileId('gpt-4o', { config: 'cot-local', round: 1 }), 'judge-gpt-4o--cot-local');
  assert.equal(judgeFileId('gpt-4o', { config: 'cot-local', round: 3 }), 'judge-gpt-4o--cot-local-r3');
  assert.equal(judgeFileId('gpt-4o', { config: 'coreasoner', round: 2 }), 'judge-gpt-4o--coreasoner-r2');
  assert.equal(judgeFileId('gpt-4o', { config: 'My Config/2', round: 1 }), 'judge-gpt-4o--my-config-2');
  const long = judgeFileId('x'.repeat(300), { config: 'cot-local', round: 12 });
  assert.ok(long.length <= 128 && long.endsWith('--cot-local-r12'), long);
  for (const run of [{ config: 'cot-local', round: 2 }, { config: '../..', round: 1 }, { config: 'con', round: 1 }]) {
    assert.equal(nameProblem('annotator', judgeFileId('gpt-4o', run)), undefined, JSON.stringify(run));
  }
  assert.equal(judgeIdOf({ annotator: { id: 'judge-gpt-4o--cot-local', role: 'model', model: 'GPT-4o' } }), 'judge-gpt-4o');
  assert.equal(judgeIdOf({ annotator: { id: 'judge-old', role: 'model' } }), 'judge-old');
});
