// Answer parsing on replies as models write them: the label or letters when the reply names exactly
// one, unparsed (with a reason) otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoldLetters, parseMcqAnswer, parseNliAnswer } from '../../../src/core/scoring/parseAnswer';

const nli = (reply: string) => {
  const r = parseNliAnswer(reply);
  return r.ok ? r.value : null;
};
const mcq = (reply: string, options?: string[]) => {
  const r = parseMcqAnswer(reply, options);
  return r.ok ? r.value : null;
};

test('NLI: the label in any case, with markdown, punctuation and an answer prefix', () => {
  const cases: [string, string][] = [
    ['entailment', 'entailment'],
    ['Entailment', 'entailment'],
    ['CONTRADICTION', 'contradiction'],
    ['**entailment**', 'entailment'],
    ['`contradiction`.', 'contradiction'],
    ['Answer: Entailment', 'entailment'],
    ['ANSWER：contradiction', 'contradiction'],
    ['Final answer - **Contradiction**', 'contradiction'],
    ['The answer is entailment.', 'entailment'],
    ['Label: neutral', 'neutral'],
    ['The premise entails the hypothesis.', 'entailment'],
    ['The hypothesis contradicts the findings', 'contradiction'],
    ['Contradiction (the hypothesis is not entailed by the premise)', 'contradiction'],
    ['Entailment. The results do not contradict the conclusion.', 'entailment'],
    ['ｅｎｔａｉｌｍｅｎｔ', 'entailment'],
    ['entailment (蕴含)', 'entailment'],
  ];
  for (const [reply, want] of cases) assert.equal(nli(reply), want, reply);
});

test('NLI: local forms in the reasoning language, and their denials', () => {
  const cases: [string, string | null][] = [
    ['蕴含', 'entailment'],
    ['答案：矛盾', 'contradiction'],
    ['含意', 'entailment'],
    ['矛盾しない', null],
    ['함의', 'entailment'],
    ['모순', 'contradiction'],
    ['모순이 없다', null],
    ['ขัดแย้ง', 'contradiction'],
    ['不矛盾', null],
    ['中立', 'neutral'],
  ];
  for (const [reply, want] of cases) assert.equal(nli(reply), want, reply);
});

test('NLI: several labels, a denial alone, prose or nothing are unparsed with a reason', () => {
  for (const reply of ['entailment or contradiction', 'Entailment / Contradiction', 'not entailment', 'non-entailment', 'The study is inconclusive.', '', '   ', 'yes']) {
    const r = parseNliAnswer(reply);
    assert.equal(r.ok, false, reply);
    if (!r.ok) assert.ok(r.reason.length > 0);
  }
  assert.deepEqual(parseNliAnswer('entailment, contradiction'), { ok: false, reason: 'names several labels (entailment, contradiction)' });
  assert.equal(parseNliAnswer(undefined).ok, false);
});

test('MCQ: one letter in the forms models use', () => {
  const cases: [string, string][] = [
    ['B', 'B'],
    ['b', 'B'],
    ['(B)', 'B'],
    ['[C]', 'C'],
    ['**D**', 'D'],
    ['Answer: b', 'B'],
    ['ANSWER: (A)', 'A'],
    ['The correct answer is C.', 'C'],
    ['B. Aspirin 100 mg daily', 'B'],
    ['B) Aspirin', 'B'],
    ['(B) Aspirin', 'B'],
    ['E: none of the above', 'E'],
    ['答案：Ｂ', 'B'],
    ['정답: C', 'C'],
    ['Option D', 'D'],
    ['a', 'A'],
  ];
  for (const [reply, want] of cases) assert.equal(mcq(reply), want, reply);
});

test('MCQ: several letters, sorted and comma-joined', () => {
  const cases: [string, string][] = [
    ['A, C', 'A,C'],
    ['C, A', 'A,C'],
    ['A,C', 'A,C'],
    ['A and C', 'A,C'],
    ['(A), (D)', 'A,D'],
    ['Answers: B; E', 'B,E'],
    ['ACD', 'A,C,D'],
    ['A、C', 'A,C'],
    ['Answer: a, b and e', 'A,B,E'],
  ];
  for (const [reply, want] of cases) assert.equal(mcq(reply), want, reply);
});

test('MCQ: anything else is unparsed', () => {
  for (const reply of ['I think B', 'a drug of choice', 'C is correct', 'None of the options', '', 'The patient should receive aspirin.', 'A) aspirin, C) heparin', 'AAB']) {
    assert.equal(mcq(reply), null, reply);
  }
  // A letter that is not an option.
  assert.deepEqual(parseMcqAnswer('F', ['A', 'B', 'C', 'D', 'E']), { ok: false, reason: 'letter F is not an option' });
  assert.equal(mcq('OK', ['A', 'B', 'C', 'D']), null);
});

test('gold letters: one or several, as the dataset writes them', () => {
  assert.equal(parseGoldLetters('B'), 'B');
  assert.equal(parseGoldLetters('C,A'), 'A,C');
  assert.equal(parseGoldLetters('a, c'), 'A,C');
  assert.equal(parseGoldLetters('A C'), 'A,C');
  assert.equal(parseGoldLetters('entailment'), null);
  assert.equal(parseGoldLetters(''), null);
  assert.equal(parseGoldLetters(null), null);
  assert.equal(parseGoldLetters('F', ['A', 'B', 'C', 'D']), null);
});
