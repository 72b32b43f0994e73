import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestWindow, locateConcept } from '../../../src/core/pipeline/locateConcepts';

/** The text a span covers, compared in NFC so that NFD input reads the same. */
const covered = (text: string, [s, e]: [number, number]): string => text.slice(s, e).normalize('NFC');

test('exact concepts are found in Chinese, Japanese, Korean and Thai text, every occurrence', () => {
  const cases: [string, string][] = [
    ['患者有高血压和糖尿病。高血压需要控制。', '高血压'],
    ['心アミロイドーシスでは、アミロイド沈着が心不全を起こす。', 'アミロイド沈着'],
    ['삼촌은 심장 아밀로이드증으로 심부전이 생겼다.', '심부전'],
    ['ผู้ป่วยมีความดันโลหิตสูงและโรคเบาหวาน', 'โรคเบาหวาน'],
  ];
  for (const [text, concept] of cases) {
    const spans = locateConcept(text, concept);
    const expected = text.split(concept).length - 1;
    assert.equal(spans.length, expected, `${concept} in ${text}`);
    for (const span of spans) assert.equal(covered(text, span), concept);
  }
  // two occurrences, in order
  const spans = locateConcept('患者有高血压和糖尿病。高血压需要控制。', '高血压');
  assert.deepEqual(spans, [
    [3, 6],
    [11, 14],
  ]);
});

test('Yoruba in NFD is found from an NFC concept (and the other way round), spans in the original string', () => {
  const nfc = 'Ó ní ìkùnà ọkàn àti ẹ̀jẹ̀ ríru.'.normalize('NFC');
  const nfd = nfc.normalize('NFD');
  assert.notEqual(nfc.length, nfd.length, 'the fixture really differs between NFC and NFD');
  const concept = 'ẹ̀jẹ̀ ríru';
  const inNfd = locateConcept(nfd, concept.normalize('NFC'));
  assert.equal(inNfd.length, 1);
  assert.equal(covered(nfd, inNfd[0]), concept.normalize('NFC'));
  // the span ends exactly at the end of the word in the decomposed string (combining marks included)
  assert.equal(nfd.slice(inNfd[0][1]), '.');
  const inNfc = locateConcept(nfc, concept.normalize('NFD'));
  assert.equal(covered(nfc, inNfc[0]), concept.normalize('NFC'));
});

test('Korean written as conjoining jamo (NFD) is found from precomposed syllables', () => {
  const text = '원인은 심부전 입니다'.normalize('NFD');
  const spans = locateConcept(text, '심부전');
  assert.equal(spans.length, 1);
  assert.equal(text.slice(...spans[0]).normalize('NFC'), '심부전');
});

test('case, full-width forms (NFKC) and whitespace differences are tolerated', () => {
  const text = 'Treatment with an ＡＣＥ　inhibitor and\n  Beta   Blockers.';
  const ace = locateConcept(text, 'ace inhibitor');
  assert.equal(text.slice(...ace[0]), 'ＡＣＥ　inhibitor');
  const beta = locateConcept(text, 'beta blockers');
  assert.equal(text.slice(...beta[0]), 'Beta   Blockers');
});

test('small paraphrases match the best approximate window; unrelated concepts get no span', () => {
  const text = 'The biopsy showed deposits of amyloid protein in the myocardium.';
  const spans = locateConcept(text, 'amyloid proteins');
  assert.equal(spans.length, 1);
  assert.equal(text.slice(...spans[0]), 'amyloid protein');
  assert.deepEqual(locateConcept(text, 'renal failure'), []);
  // two CJK characters with one edit would be noise: short needles only match exactly
  assert.deepEqual(locateConcept('患者有高血压。', '低血'), []);
});

test('the model quote is used when the concept name itself is not in the text', () => {
  const text = '2. Consider heart failure with preserved ejection fraction here.';
  const spans = locateConcept(text, 'HFpEF', 'heart failure with preserved ejection fraction');
  assert.equal(text.slice(...spans[0]), 'heart failure with preserved ejection fraction');
});

test('bestWindow is the textbook approximate substring match (Sellers 1980): distance of the best window', () => {
  // Levenshtein("survey", "surgery") = 2 (the textbook example); no shorter window of "surgery" does better.
  assert.equal(bestWindow('surgery', 'survey')?.distance, 2);
  // exact substring: distance 0 at the right place
  const w = bestWindow('xxabcdxx', 'abcd')!;
  assert.deepEqual([w.start, w.end, w.distance], [2, 6, 0]);
});
