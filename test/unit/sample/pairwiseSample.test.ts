// The sample's blind pairwise study (sample/pairwise/): a valid study over
// items that each have one trace of both configurations, and judgements that record sides and traces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDataset } from '../../../src/core/dataset';
import { pairSides, pairTracesOf, studyProblems, tracesByItem, itemOfComparisonKey } from '../../../src/core/study';
import { validateStudyFile } from '../../../src/core/schema/validators';
import { validateAnnotationDoc } from '../../../src/core/store';
import { traceSha256 } from '../../../src/core/traces';

const SAMPLE = path.resolve(__dirname, '../../../sample/pairwise');
const read = (p: string) => JSON.parse(readFileSync(path.join(SAMPLE, p), 'utf8'));

test('pairwise sample: the study fits its dataset and every item has a trace of both configurations', async () => {
  const study = read('annotations/multimedx-pairwise/_study.json');
  assert.ok(validateStudyFile(study).ok);
  assert.equal(study.mode, 'pairwise');
  assert.ok(study.hide.includes('configs'), 'the comparison is blind');
  const dataset = await loadDataset([path.join(SAMPLE, 'multimedx-pairwise.jsonl')]);
  assert.deepEqual(dataset.errors, []);
  assert.deepEqual(studyProblems(study, dataset.items), []);
  const traces = tracesByItem(readFileSync(path.join(SAMPLE, 'multimedx-pairwise.traces.jsonl'), 'utf8'));
  for (const item of dataset.items) {
    const pair = pairTracesOf(item.id, traces.get(item.id) ?? [], study.pairwise.configs);
    assert.ok(pair.ok, item.id);
  }
});

test('pairwise sample: judgements are valid, on assigned items, with the seeded sides and the traces shown', () => {
  const study = read('annotations/multimedx-pairwise/_study.json');
  const traces = tracesByItem(readFileSync(path.join(SAMPLE, 'multimedx-pairwise.traces.jsonl'), 'utf8'));
  let judged = 0;
  for (const annotator of ['dr-chen', 'dr-kato']) {
    const file = read(`annotations/multimedx-pairwise/${annotator}.json`);
    assert.ok(validateAnnotationDoc(file).ok, annotator);
    for (const [key, entry] of Object.entries<{ sides: { '1': string; '2': string }; traceSha256: Record<string, string> }>(file.comparisons)) {
      const itemId = itemOfComparisonKey(key);
      assert.ok(study.assignments[annotator].includes(itemId));
      assert.deepEqual(entry.sides, pairSides(study.seed, annotator, itemId, 'coreasoner', 'direct'));
      const pair = pairTracesOf(itemId, traces.get(itemId)!, study.pairwise.configs);
      assert.ok(pair.ok);
      for (const config of study.pairwise.configs) assert.equal(entry.traceSha256[config], traceSha256(pair.traces[config]));
      judged++;
    }
  }
  assert.ok(judged >= 2);
});
