// Study assignment invariants (docs/formats.md §7): every item exactly k times by annotators who
// know its language, loads within a stratum differing by at most 1, calibration first, and the same
// seed giving the same study. Plus the inputs no study can satisfy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStudy, StudyError, studyProblems, type StudyAnnotator, type StudyItem } from '../../../src/core/study';
import { validateStudyFile } from '../../../src/core/schema/validators';

function makeItems(spec: Record<string, number>): StudyItem[] {
  const items: StudyItem[] = [];
  for (const [key, n] of Object.entries(spec)) {
    const [lang, task] = key.split('/');
    for (let i = 1; i <= n; i++) items.push({ id: `${task}-${lang}-${String(i).padStart(3, '0')}`, lang, task });
  }
  return items;
}

const ITEMS = makeItems({ 'ja/qa': 37, 'ja/nli': 23, 'sw/qa': 19, 'ko/qa': 11, 'ko/nli': 7 });
const ANNOTATORS: StudyAnnotator[] = [
  { id: 'dr-a', languages: ['ja', 'en'] },
  { id: 'dr-b', languages: ['ja', 'ko'] },
  { id: 'dr-c', languages: ['sw', 'ja'] },
  { id: 'dr-d', languages: ['sw', 'ko'] },
  { id: 'dr-e', languages: ['ko', 'sw', 'ja'] },
];

function assignmentCounts(assignments: Record<string, string[]>): Map<string, number> {
  const count = new Map<string, number>();
  for (const list of Object.values(assignments)) for (const id of list) count.set(id, (count.get(id) ?? 0) + 1);
  return count;
}

for (const k of [1, 2, 3]) {
  test(`every item is assigned exactly ${k} time(s), to distinct annotators who know its language; loads per stratum differ by ≤ 1`, () => {
    const study = createStudy({ dataset: 'd', items: ITEMS, annotators: ANNOTATORS, overlap: k, seed: 7 });
    assert.ok(validateStudyFile(study).ok, JSON.stringify(validateStudyFile(study)));
    const counts = assignmentCounts(study.assignments);
    for (const item of ITEMS) assert.equal(counts.get(item.id), k, item.id);
    for (const [who, list] of Object.entries(study.assignments)) {
      assert.equal(new Set(list).size, list.length, `${who} has an item twice`);
      const langs = ANNOTATORS.find((a) => a.id === who)!.languages;
      for (const id of list) assert.ok(langs.includes(ITEMS.find((i) => i.id === id)!.lang), `${who} got ${id}`);
    }
    for (const stratum of ['ja/qa', 'ja/nli', 'sw/qa', 'ko/qa', 'ko/nli']) {
      const [lang, task] = stratum.split('/');
      const eligible = ANNOTATORS.filter((a) => a.languages.includes(lang));
      const loads = eligible.map((a) => study.assignments[a.id].filter((id) => id.startsWith(`${task}-${lang}-`)).length);
      assert.ok(Math.max(...loads) - Math.min(...loads) <= 1, `${stratum}: loads ${loads.join(',')}`);
    }
    assert.deepEqual(studyProblems(study, ITEMS), []);
  });
}

test('same seed → the same study; another seed → another assignment and order', () => {
  const a = createStudy({ dataset: 'd', items: ITEMS, annotators: ANNOTATORS, overlap: 2, seed: 42, calibration: 4 });
  const b = createStudy({ dataset: 'd', items: ITEMS, annotators: ANNOTATORS, overlap: 2, seed: 42, calibration: 4 });
  const c = createStudy({ dataset: 'd', items: ITEMS, annotators: ANNOTATORS, overlap: 2, seed: 43, calibration: 4 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.assignments, c.assignments);
});

test('calibration items come first for everyone who knows their language and are not counted in the overlap', () => {
  const study = createStudy({ dataset: 'd', items: ITEMS, annotators: ANNOTATORS, overlap: 1, seed: 3, calibration: 6 });
  const calibration = study.calibration!;
  assert.equal(calibration.length, 6);
  const langOf = new Map(ITEMS.map((i) => [i.id, i.lang]));
  for (const a of ANNOTATORS) {
    const mine = calibration.filter((id) => a.languages.includes(langOf.get(id)!));
    assert.deepEqual(study.assignments[a.id].slice(0, mine.length), mine, a.id);
    assert.ok(!study.assignments[a.id].slice(mine.length).some((id) => calibration.includes(id)));
  }
  const counts = assignmentCounts(study.assignments);
  for (const item of ITEMS) {
    if (calibration.includes(item.id)) assert.equal(counts.get(item.id), ANNOTATORS.filter((a) => a.languages.includes(item.lang)).length);
    else assert.equal(counts.get(item.id), 1);
  }
});

test('order: "dataset" keeps the dataset order; "shuffle" (default) gives each annotator another order', () => {
  const position = new Map(ITEMS.map((i, n) => [i.id, n]));
  const inOrder = createStudy({ dataset: 'd', items: ITEMS, annotators: ANNOTATORS, overlap: 3, seed: 1, order: 'dataset' });
  for (const list of Object.values(inOrder.assignments)) {
    assert.deepEqual(list, list.slice().sort((x, y) => position.get(x)! - position.get(y)!));
  }
  const shuffledStudy = createStudy({ dataset: 'd', items: ITEMS, annotators: ANNOTATORS, overlap: 3, seed: 1 });
  const sortedOf = (l: string[]) => l.slice().sort();
  for (const [who, list] of Object.entries(shuffledStudy.assignments)) {
    assert.deepEqual(sortedOf(list), sortedOf(inOrder.assignments[who]), who);
    assert.notDeepEqual(list, inOrder.assignments[who], who);
  }
});

test('strata "lang": loads per language differ by at most 1', () => {
  const study = createStudy({ dataset: 'd', items: ITEMS, annotators: ANNOTATORS, overlap: 2, seed: 5, strata: 'lang' });
  for (const lang of ['ja', 'sw', 'ko']) {
    const loads = ANNOTATORS.filter((a) => a.languages.includes(lang)).map((a) => study.assignments[a.id].filter((id) => id.includes(`-${lang}-`)).length);
    assert.ok(Math.max(...loads) - Math.min(...loads) <= 1, `${lang}: ${loads.join(',')}`);
  }
});

test('an item nobody can rate, and too few annotators for the overlap, are refused with the language and first item', () => {
  const items = [...ITEMS, ...makeItems({ 'th/qa': 2 })];
  assert.throws(() => createStudy({ dataset: 'd', items, annotators: ANNOTATORS, overlap: 1, seed: 1 }), (err: unknown) => {
    assert.ok(err instanceof StudyError);
    assert.match(err.message, /2 item\(s\) in th \(first: qa-th-001\): no annotator knows th, so nobody can rate them/);
    return true;
  });
  assert.throws(() => createStudy({ dataset: 'd', items: ITEMS, annotators: ANNOTATORS, overlap: 4, seed: 1 }), /in ko \(first: qa-ko-001\): only 3 annotator\(s\) know ko \(dr-b, dr-d, dr-e\), overlap is 4/);
  assert.throws(() => createStudy({ dataset: 'd', items: ITEMS, annotators: [...ANNOTATORS, ANNOTATORS[0]], overlap: 1, seed: 1 }), /"dr-a" is given twice/);
  assert.throws(() => createStudy({ dataset: 'd', items: ITEMS, annotators: ANNOTATORS, overlap: 0, seed: 1 }), /overlap must be/);
  assert.throws(() => createStudy({ dataset: 'd', items: ITEMS, annotators: ANNOTATORS, overlap: 1, seed: 1, mode: 'pairwise', configs: ['x', 'x'] }), /two different configurations/);
});

test('a hand-edited study: an annotator without the item\'s language, an item assigned to nobody or too few are reported with their place', () => {
  const study = createStudy({ dataset: 'd', items: ITEMS, annotators: ANNOTATORS, overlap: 2, seed: 9 });
  const swItem = study.assignments['dr-c'].find((id) => id.includes('-sw-'))!;
  // Move one Swahili item from dr-c to dr-a (who does not read Swahili).
  study.assignments['dr-c'] = study.assignments['dr-c'].filter((id) => id !== swItem);
  study.assignments['dr-a'].push(swItem);
  const at = study.assignments['dr-a'].length - 1;
  // And drop one Korean item entirely.
  const koItem = 'qa-ko-001';
  for (const who of Object.keys(study.assignments)) study.assignments[who] = study.assignments[who].filter((id) => id !== koItem);
  const problems = studyProblems(study, ITEMS);
  assert.deepEqual(
    problems.find((p) => p.pointer === `/assignments/dr-a/${at}`)?.message,
    `item "${swItem}" is in sw, which dr-a does not rate (languages: ja, en)`,
  );
  assert.ok(problems.some((p) => p.message === '1 item(s) are assigned to nobody: qa-ko-001 (ko)'), JSON.stringify(problems));
  assert.equal(problems.length, 2);
});
