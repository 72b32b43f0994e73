import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitNli, splitQa, taskFromMarkers } from '../../../src/core/dataset/split';

const QA_CASES: [string, string][] = [
  ['zh', '问题:\n我头痛怎么办？\n答案:\n多喝水，休息。'],
  ['ja', '質問:\n頭痛がします。\n回答:\n水を飲んで休んでください。'],
  ['ko', '질문:\n두통이 있어요.\n답변:\n물을 마시고 쉬세요.'],
  ['sw', '\nSwali:\nNina maumivu ya kichwa.\n\nJibu:\nKunywa maji na upumzike.'],
  ['th', 'Question:\nฉันปวดหัว\nAnswer:\nดื่มน้ำและพักผ่อน'],
  ['yo', 'Ìbéèrè:\nOrí ń fọ́ mi.\nÌdáhùn:\nMu omi kí o sì sinmi.'],
  ['zu', 'Umbuzo:\nNginekhanda elibuhlungu.\nImpendulo:\nPhuza amanzi uphumule.'],
  ['en', 'Question:\nI have a headache.\nAnswer:\nDrink water and rest.'],
];

for (const [lang, text] of QA_CASES) {
  test(`QA markers of ${lang} split question and answer`, () => {
    const r = splitQa(text, lang);
    assert.equal(r.foundFirst, true);
    assert.equal(r.foundSecond, true);
    const [q, a] = text.trim().split('\n').filter((l) => l.trim() !== '').filter((_, i) => i % 2 === 1);
    assert.equal(r.split.question, q);
    assert.equal(r.split.answer, a);
  });
}

test('the misspelt Yoruba answer marker IÌdáhùn: is accepted', () => {
  const r = splitQa('Ìbéèrè:\nOrí ń fọ́ mi.\nIÌdáhùn:\nMu omi.', 'yo');
  assert.deepEqual(r.split, { question: 'Orí ń fọ́ mi.', answer: 'Mu omi.' });
});

test('Yoruba markers with decomposed (NFD) tone marks still split', () => {
  const text = 'Ìbéèrè:\nOrí ń fọ́ mi.\nÌdáhùn:\nMu omi.'.normalize('NFD');
  assert.notEqual(text, text.normalize('NFC'));
  const r = splitQa(text, 'yo');
  assert.equal(r.foundSecond, true);
  assert.equal(r.split.question, 'Orí ń fọ́ mi.'.normalize('NFC'));
  assert.equal(r.split.answer, 'Mu omi.');
});

test('full-width colons, spaces before the colon and leading newlines are tolerated', () => {
  assert.deepEqual(splitQa('\n\n  質問：\n頭痛。\n回答 ：\n休む。', 'ja').split, { question: '頭痛。', answer: '休む。' });
  assert.deepEqual(splitQa('\r\n问题：头痛\r\n答案：休息', 'zh').split, { question: '头痛', answer: '休息' });
});

test('without markers the whole text is the question', () => {
  const r = splitQa('  What helps against a headache?  ', 'en');
  assert.deepEqual(r.split, { question: 'What helps against a headache?' });
  assert.equal(r.foundFirst, false);
  assert.equal(r.foundSecond, false);
});

test('a question marker without an answer marker keeps the whole rest as the question', () => {
  assert.deepEqual(splitQa('Swali:\nNina homa.', 'sw').split, { question: 'Nina homa.' });
});

test('a marker word inside a longer word is not a marker', () => {
  // "majibu:" contains "jibu:" but is not the answer marker.
  const r = splitQa('Swali:\nNaomba majibu: haraka.\nJibu:\nSawa.', 'sw');
  assert.deepEqual(r.split, { question: 'Naomba majibu: haraka.', answer: 'Sawa.' });
});

test('an answer marker at a line start wins over one inside a sentence', () => {
  const r = splitQa('Question:\nWhat is the answer: rest or drugs?\nAnswer:\nRest.', 'en');
  assert.deepEqual(r.split, { question: 'What is the answer: rest or drugs?', answer: 'Rest.' });
});

test('text marked in another language than its lang field still splits', () => {
  assert.deepEqual(splitQa('質問:\n頭痛。\n回答:\n休む。', 'ko').split, { question: '頭痛。', answer: '休む。' });
});

test('NLI: Japanese premise and hypothesis on one line (published shape)', () => {
  const text = '前提: 我々の仮説は、Xが起こる。結果は有意であった。  仮説: 結論として、Xは起こる。';
  const r = splitNli(text, 'ja');
  assert.equal(r.split.premise, '我々の仮説は、Xが起こる。結果は有意であった。');
  assert.equal(r.split.hypothesis, '結論として、Xは起こる。');
  assert.equal(r.split.question, text.trim());
});

test('NLI: English and localized markers of the other languages', () => {
  const cases: [string, string][] = [
    ['en', '\nPremise:\nA was given.\nHypothesis:\nB follows.'],
    ['zh', '前提：\nA was given.\n假设：\nB follows.'],
    ['ko', '전제:\nA was given.\n가설:\nB follows.'],
    ['sw', 'Dhana:\nA was given.\nNadharia:\nB follows.'],
    ['th', 'Premise:\nA was given.\nHypothesis:\nB follows.'],
    ['ja', '前提：  \nA was given.\n\n仮説：\nB follows.'],
  ];
  for (const [lang, text] of cases) {
    const r = splitNli(text, lang);
    assert.equal(r.split.premise, 'A was given.', lang);
    assert.equal(r.split.hypothesis, 'B follows.', lang);
  }
});

test('NLI without a hypothesis marker: last paragraph, or else the whole premise', () => {
  const paragraphs = splitNli('前提：\nAが起こった。\n\nBと結論付けます。', 'ja');
  assert.equal(paragraphs.foundSecond, false);
  assert.equal(paragraphs.hypothesisFromLastParagraph, true);
  assert.equal(paragraphs.split.premise, 'Aが起こった。');
  assert.equal(paragraphs.split.hypothesis, 'Bと結論付けます。');
  const single = splitNli('Aが起こった。Bと結論付けます。', 'ja');
  assert.equal(single.split.premise, 'Aが起こった。Bと結論付けます。');
  assert.equal(single.split.hypothesis, undefined);
});

test('taskFromMarkers tells QA from NLI text', () => {
  assert.equal(taskFromMarkers('\nSwali:\nx\nJibu:\ny'), 'qa');
  assert.equal(taskFromMarkers('前提：x 仮説：y'), 'nli');
  assert.equal(taskFromMarkers('no markers at all'), undefined);
});
