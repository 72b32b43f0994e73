import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ratingDiff, wordDiff, type DiffPart } from '../../../src/core/adjudication/wordDiff';

const before = (parts: DiffPart[]) => parts.filter((p) => !p.added).map((p) => p.value).join('');
const after = (parts: DiffPart[]) => parts.filter((p) => !p.removed).map((p) => p.value).join('');

test('English comments diff word by word, keeping spaces', () => {
  const parts = wordDiff('The dose is too high for children.', 'The dose is too low for elderly children.');
  assert.deepEqual(parts, [
    { value: 'The dose is too ', added: false, removed: false },
    { value: 'high', added: false, removed: true },
    { value: 'low', added: true, removed: false },
    { value: ' for ', added: false, removed: false },
    { value: 'elderly ', added: true, removed: false },
    { value: 'children.', added: false, removed: false },
  ]);
});

test('Japanese comments diff by words, not by the whole sentence', () => {
  const a = '患者は高血圧の既往歴があります。';
  const b = '患者は糖尿病の既往歴があります。';
  const parts = wordDiff(a, b, { lang: 'ja' });
  assert.equal(before(parts), a);
  assert.equal(after(parts), b);
  assert.deepEqual(parts.filter((p) => p.removed).map((p) => p.value), ['高血圧']);
  assert.deepEqual(parts.filter((p) => p.added).map((p) => p.value), ['糖尿病']);
  // the language is guessed from the script when not given
  assert.deepEqual(wordDiff(a, b).filter((p) => p.removed).map((p) => p.value), ['高血圧']);
});

test('Thai comments (no spaces between words) diff by words', () => {
  const a = 'ผู้ป่วยมีความดันโลหิตสูง';
  const b = 'ผู้ป่วยมีความดันโลหิตต่ำ';
  const parts = wordDiff(a, b, { lang: 'th' });
  assert.equal(before(parts), a);
  assert.equal(after(parts), b);
  assert.deepEqual(parts.filter((p) => p.removed).map((p) => p.value), ['สูง']);
  assert.deepEqual(parts.filter((p) => p.added).map((p) => p.value), ['ต่ำ']);
  assert.ok(parts.some((p) => !p.added && !p.removed && p.value.includes('ความดัน')));
});

test('markup in comments stays text', () => {
  const parts = wordDiff('<b>ok</b>', '<img src=x onerror=alert(1)>');
  assert.equal(after(parts), '<img src=x onerror=alert(1)>');
});

test('a rating against an earlier revision: dimensions, flags and comment', () => {
  const d = ratingDiff(
    { clinical_soundness: 3, cultural_grounding: 3, flags: ['unsafe'], comment: 'Needs local guideline.' },
    { clinical_soundness: 4, cultural_grounding: 3, flags: ['unavailable_locally'], comment: 'Needs the local guideline.' },
  );
  assert.deepEqual(d.dimensions, [
    { dimension: 'clinical_soundness', before: 3, after: 4, changed: true },
    { dimension: 'cultural_grounding', before: 3, after: 3, changed: false },
  ]);
  assert.deepEqual(d.flagsAdded, ['unavailable_locally']);
  assert.deepEqual(d.flagsRemoved, ['unsafe']);
  assert.deepEqual(d.comment.filter((p) => p.added).map((p) => p.value), ['the ']);
});
