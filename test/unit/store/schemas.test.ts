import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { validateAdjudicationFile, validateAnnotationFile, validateRubricShape, validateTrace } from '../../../src/core/schema/validators';
import { lineOfPointer, parseJsonLocated, pointerToPath } from '../../../src/core/schema/jsonLocation';
import { defaultRubric, loadRubric, ratingProblems, StoreFileError } from '../../../src/core/store';
import { sampleTrace } from '../traces/sampleTrace';
import { repoRoot } from './helpers';
import { makeTempDir } from '../../support/tempDir';

// The annotator file example of docs/formats.md §3, with its "…" placeholders filled in.
const contractAnnotations = {
  schema: 'medco.annotations/1',
  dataset: 'multimedx-ja',
  annotator: { id: 'dr-sato', languages: ['ja', 'en'], role: 'annotator' },
  rubric: { id: 'medco-expert', version: 1 },
  items: {
    'qa-ja-001': {
      traceId: 't',
      traceSha256: 's',
      revision: 2,
      rating: { clinical_soundness: 4, cultural_grounding: 3, flags: ['unavailable_locally'], comment: 'c' },
      concepts: { 'ja-4': { relevant: true, note: 'n' }, 'pair:ja-1/en-1': { aligned: true } },
      updatedAt: '2026-11-21T10:05:00.000Z',
      durationMs: 53000,
      history: [{ revision: 1, rating: { clinical_soundness: 3, cultural_grounding: 3 }, updatedAt: '2026-11-21T10:00:00.000Z' }],
    },
  },
};

const decision = (over: object = {}) => ({
  value: 4,
  status: 'adjudicated',
  adjudicator: 'dr-kim',
  rationale: 'r',
  decidedAt: '2026-11-21T12:00:00.000Z',
  basedOn: { 'dr-sato': 2, 'dr-ito': 1 },
  revision: 1,
  history: [],
  ...over,
});

test('good documents pass their schemas', () => {
  assert.ok(validateTrace(sampleTrace()).ok);
  assert.ok(validateAnnotationFile(contractAnnotations).ok);
  assert.ok(validateAdjudicationFile({ schema: 'medco.adjudication/1', dataset: 'multimedx-ja', items: { 'qa-ja-001': { clinical_soundness: decision() } } }).ok);
  assert.ok(validateAdjudicationFile({ schema: 'medco.adjudication/1', dataset: 'd', items: { i: { d: decision({ value: null, status: 'unresolved' }) } } }).ok);
});

test('the shipped rubric.json is a valid rubric with a meaning for every value', async () => {
  const text = await readFile(path.join(repoRoot, 'annotations/rubric.json'), 'utf8');
  assert.ok(validateRubricShape(JSON.parse(text)).ok);
  const r = await loadRubric(path.join(repoRoot, 'annotations/rubric.json'));
  assert.deepEqual(r, defaultRubric());
  assert.equal(r.id, 'medco-expert');
  assert.deepEqual(r.dimensions.map((d) => d.id), ['clinical_soundness', 'cultural_grounding']);
  for (const d of r.dimensions) assert.deepEqual(Object.keys(d.levels), ['1', '2', '3', '4', '5']);
  for (const f of ['wrong_language', 'inappropriate_terminology', 'unavailable_locally', 'hallucination', 'unsafe']) {
    assert.ok(r.flags.some((x) => x.id === f), f);
  }
});

test('bad documents fail with readable paths', () => {
  const bad = structuredClone(contractAnnotations) as Record<string, unknown> & typeof contractAnnotations;
  (bad.items['qa-ja-001'].rating as Record<string, unknown>).clinical_soundness = 0.5;
  (bad.items['qa-ja-001'] as Record<string, unknown>).revision = 0;
  delete (bad as Record<string, unknown>).dataset;
  const r = validateAnnotationFile(bad);
  assert.equal(r.ok, false);
  const messages = r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
  assert.ok(messages.includes('$: missing required property "dataset"'), messages.join('\n'));
  assert.ok(messages.includes('$.items["qa-ja-001"].rating.clinical_soundness: must be integer or null'), messages.join('\n'));
  assert.ok(messages.includes('$.items["qa-ja-001"].revision: must be >= 1'), messages.join('\n'));

  const t = validateTrace({ ...sampleTrace(), task: 'essay', alignment: { pairs: [], fused: [] } });
  assert.equal(t.ok, false);
  const tm = t.ok ? [] : t.issues.map((i) => `${i.path}: ${i.message}`);
  assert.ok(tm.includes('$.task: must be one of "qa", "nli", "mcq"'), tm.join('\n'));
  assert.ok(tm.includes('$.alignment: missing required property "localOnly"'), tm.join('\n'));

  // An adjudicated decision needs a gold value; only an unresolved one may be null.
  const a = validateAdjudicationFile({ schema: 'medco.adjudication/1', dataset: 'd', items: { i: { d: decision({ value: null }) } } });
  assert.equal(a.ok, false);
  assert.ok(!a.ok && a.issues.some((i) => i.path === '$.items.i.d.value'));
  assert.equal(validateAdjudicationFile({ schema: 'medco.adjudication/1', dataset: 'd', items: { i: { d: decision({ basedOn: { x: 0 } }) } } }).ok, false);
});

test('JSON syntax errors are located by line and column', () => {
  const r = parseJsonLocated('{\n  "a": 1,\n  "b": tru\n}');
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && [r.position.line, r.position.column], [3, 8]);
  const end = parseJsonLocated('{\n  "a": [1, 2\n');
  assert.equal(!end.ok && end.position.line, 3);
  const trailing = parseJsonLocated('{"a": 1,}');
  assert.equal(trailing.ok, false);
});

test('JSON pointers map to readable paths and to the line of the value', () => {
  assert.equal(pointerToPath('/items/qa-ja-001/history/0/rating'), '$.items["qa-ja-001"].history[0].rating');
  assert.equal(pointerToPath('/a~1b/c~0d'), '$["a/b"]["c~d"]');
  const text = JSON.stringify({ a: { b: [10, { c: 1 }] }, d: 2 }, null, 2);
  assert.equal(lineOfPointer(text, '/a/b/1/c'), text.split('\n').findIndex((l) => l.includes('"c"')) + 1);
  assert.equal(lineOfPointer(text, '/d'), text.split('\n').findIndex((l) => l.includes('"d"')) + 1);
  assert.equal(lineOfPointer(text, '/a/missing'), 2); // nearest existing ancestor
});

test('a rubric file with a gap in its scale is refused with file and line', async () => {
  const file = path.join(makeTempDir('medco-rubric-'), 'rubric.json');
  const r = structuredClone(defaultRubric());
  delete r.dimensions[1].levels['3'];
  const text = JSON.stringify(r, null, 2);
  await writeFile(file, text);
  await assert.rejects(loadRubric(file), (err: unknown) => {
    assert.ok(err instanceof StoreFileError);
    assert.equal(err.file, file);
    assert.match(err.reason, /no meaning given for value 3 of "cultural_grounding"/);
    // The second dimension's "levels" line.
    const levelsLines = text.split('\n').flatMap((l, i) => (l.includes('"levels"') ? [i + 1] : []));
    assert.equal(err.line, levelsLines[1]);
    return true;
  });
  await writeFile(file, '{"id": "x",\n "version": }');
  await assert.rejects(loadRubric(file), (err: unknown) => err instanceof StoreFileError && err.line === 2);
});

test('ratings are checked against the rubric; null is "not assessable"', () => {
  const r = defaultRubric();
  assert.deepEqual(ratingProblems({ clinical_soundness: 5, cultural_grounding: null, flags: ['unsafe'], comment: 'x' }, r), []);
  assert.equal(ratingProblems({ clinical_soundness: 0 }, r).length, 1);
  assert.equal(ratingProblems({ tone: 3 }, r).length, 1);
  assert.equal(ratingProblems({ flags: ['unsafe', 'bogus'] }, r).length, 1);
});
