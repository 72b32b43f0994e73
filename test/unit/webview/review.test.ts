// Pure parts of the review panel in Node: key interpretation, concept roles and colours, the
// rating draft, the string table and the item timer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpretKey, type KeyLike } from '../../../webview/review/keyboard';
import { indexConcepts, pairKey, PAIR_COLOURS } from '../../../webview/review/conceptIndex';
import { draftFrom, ratingOf } from '../../../webview/review/draft';
import { makeTranslate } from '../../../webview/shared/strings';
import { ItemTimer, formatDuration } from '../../../webview/review/itemTimer';
import { RUBRIC, makeTrace } from '../../webview/fixtures';

const key = (k: Partial<KeyLike>): KeyLike => ({ key: '', code: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...k });

test('digits by key or by physical code (any layout)', () => {
  assert.deepEqual(interpretKey(key({ key: '4', code: 'Digit4' }), false), { kind: 'rate', value: 4 });
  assert.deepEqual(interpretKey(key({ key: 'う', code: 'Digit4' }), false), { kind: 'rate', value: 4 });
  assert.deepEqual(interpretKey(key({ key: 'ภ', code: 'Digit4' }), false), { kind: 'rate', value: 4 });
  assert.deepEqual(interpretKey(key({ key: '3', code: 'Numpad3' }), false), { kind: 'rate', value: 3 });
  assert.deepEqual(interpretKey(key({ key: 'ㅜ', code: 'KeyN' }), false), { kind: 'notAssessable' });
});

test('IME composition and text boxes swallow shortcuts except save/navigate chords', () => {
  assert.equal(interpretKey(key({ key: '4', code: 'Digit4', isComposing: true }), false), null);
  assert.equal(interpretKey(key({ key: 'Process', code: 'Digit4', keyCode: 229 }), false), null);
  assert.equal(interpretKey(key({ key: '4', code: 'Digit4' }), true), null);
  assert.equal(interpretKey(key({ key: 'n', code: 'KeyN' }), true), null);
  assert.deepEqual(interpretKey(key({ key: 'Enter', code: 'Enter', ctrlKey: true }), true), { kind: 'saveAndNext' });
  assert.deepEqual(interpretKey(key({ key: 'Enter', code: 'Enter', metaKey: true }), false), { kind: 'saveAndNext' });
  assert.deepEqual(interpretKey(key({ key: 'ArrowRight', code: 'ArrowRight', altKey: true }), true), { kind: 'navigate', direction: 'next' });
  assert.equal(interpretKey(key({ key: '4', code: 'Digit4', ctrlKey: true }), false), null);
  assert.deepEqual(interpretKey(key({ key: 'ArrowDown', code: 'ArrowDown' }), false), { kind: 'moveDimension', delta: 1 });
});

test('concept roles: pairs share a colour, one English concept with two partners keeps one colour, local-only marked', () => {
  const trace = makeTrace({
    itemId: 'i', lang: 'ja', english: 'a b c', local: 'x y z w',
    en: [{ id: 'en-1', text: 'a' }, { id: 'en-2', text: 'b' }, { id: 'en-3', text: 'c' }],
    loc: [{ id: 'ja-1', text: 'x' }, { id: 'ja-2', text: 'y' }, { id: 'ja-3', text: 'z' }, { id: 'ja-4', text: 'w' }],
    pairs: [['ja-1', 'en-1', 0.9], ['ja-2', 'en-1', 0.8], ['ja-3', 'en-2', 0.75]], localOnly: [['ja-4', 'en-3', 0.4]],
  });
  const index = indexConcepts(trace);
  assert.equal(index.get('ja-1')!.colour, index.get('en-1')!.colour);
  assert.equal(index.get('ja-2')!.colour, index.get('en-1')!.colour);
  assert.notEqual(index.get('ja-3')!.colour, index.get('en-1')!.colour);
  assert.deepEqual(index.get('en-1')!.partners.map((p) => p.id), ['ja-1', 'ja-2']);
  assert.equal(index.get('ja-4')!.role, 'localOnly');
  assert.deepEqual(index.get('ja-4')!.nearest, { id: 'en-3', similarity: 0.4 });
  assert.equal(index.get('en-3')!.role, 'unaligned');
  assert.ok(index.get('ja-3')!.colour < PAIR_COLOURS);
  assert.equal(pairKey('ja-1', 'en-1'), 'pair:ja-1/en-1');
});

test('the rating sent never contains zero for an unrated dimension; not assessable is null', () => {
  const draft = draftFrom({ clinical_soundness: null, flags: ['x'], comment: '  ' }, undefined, RUBRIC);
  assert.deepEqual(ratingOf(draft), { clinical_soundness: null, flags: ['x'] });
  draft.dimensions.cultural_grounding = 5;
  draft.comment = 'fine';
  assert.deepEqual(ratingOf(draft), { clinical_soundness: null, cultural_grounding: 5, flags: ['x'], comment: 'fine' });
  // Values of unknown types in a saved rating are not carried over.
  assert.deepEqual(draftFrom({ clinical_soundness: 'high' as unknown as number }, undefined, RUBRIC).dimensions, {});
});

test('strings fall back to the English key and fill placeholders', () => {
  const t = makeTranslate({ saved: '保存済み', '{0} of {1}': '{1} 件中 {0}', empty: '' });
  assert.equal(t('saved'), '保存済み');
  assert.equal(t('{0} of {1}', 3, 10), '10 件中 3');
  assert.equal(t('missing key {0}', 'x'), 'missing key x');
  assert.equal(t('empty'), 'empty');
});

test('item timer pauses while hidden', () => {
  let now = 0;
  const timer = new ItemTimer(() => now);
  timer.restart(true);
  now = 1000;
  timer.setVisible(false);
  now = 61000;
  assert.equal(timer.elapsed(), 1000);
  timer.setVisible(true);
  now = 62500;
  assert.equal(timer.elapsed(), 2500);
  assert.equal(formatDuration(61_000), '1:01');
});

test('Left/Right step values; with Alt they navigate instead', () => {
  assert.deepEqual(interpretKey(key({ key: 'ArrowRight', code: 'ArrowRight' }), false), { kind: 'stepValue', delta: 1 });
  assert.deepEqual(interpretKey(key({ key: 'ArrowLeft', code: 'ArrowLeft' }), false), { kind: 'stepValue', delta: -1 });
  assert.deepEqual(interpretKey(key({ key: 'ArrowLeft', code: 'ArrowLeft', altKey: true }), false), { kind: 'navigate', direction: 'previous' });
  assert.equal(interpretKey(key({ key: 'ArrowLeft', code: 'ArrowLeft' }), true), null);
});

test('pairwise keys: 1, 2, = and 0 judge; other digits and N do nothing; moves and chords as in rating', async () => {
  const { interpretPairKey, stepOutcome } = await import('../../../webview/review/pairKeys');
  const k = (key: string, code: string, extra: Partial<KeyLike> = {}): KeyLike => ({ key, code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...extra });
  assert.deepEqual(interpretPairKey(k('1', 'Digit1'), false), { kind: 'prefer', outcome: '1' });
  assert.deepEqual(interpretPairKey(k('ふ', 'Digit2'), false), { kind: 'prefer', outcome: '2' });
  assert.deepEqual(interpretPairKey(k('=', 'Equal'), false), { kind: 'prefer', outcome: 'tie' });
  assert.deepEqual(interpretPairKey(k('=', 'Minus', { shiftKey: true }), false), { kind: 'prefer', outcome: 'tie' }, 'JIS layout');
  assert.deepEqual(interpretPairKey(k('ㅈ', 'Equal'), false), { kind: 'prefer', outcome: 'tie' });
  assert.deepEqual(interpretPairKey(k('0', 'Numpad0'), false), { kind: 'prefer', outcome: 'both_bad' });
  assert.equal(interpretPairKey(k('3', 'Digit3'), false), null);
  assert.equal(interpretPairKey(k('n', 'KeyN'), false), null);
  assert.equal(interpretPairKey(k('=', 'Equal'), true), null, 'typed in the comment');
  assert.equal(interpretPairKey(k('=', 'Equal', { isComposing: true }), false), null);
  assert.equal(interpretPairKey(k('=', 'Equal', { ctrlKey: true }), false), null);
  assert.deepEqual(interpretPairKey(k('ArrowDown', 'ArrowDown'), false), { kind: 'moveDimension', delta: 1 });
  assert.deepEqual(interpretPairKey(k('Enter', 'Enter', { ctrlKey: true }), true), { kind: 'saveAndNext' });
  assert.deepEqual(['1', '2', 'tie', 'both_bad'].map((o) => stepOutcome(o as '1', 1)), ['2', 'tie', 'both_bad', 'both_bad']);
  assert.equal(stepOutcome(undefined, -1), 'both_bad');
});
