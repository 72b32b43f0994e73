import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browseOrder, neighbourId } from '../../../src/extension/items/itemOrder';
import { languageNames, languageLabel } from '../../../src/core/dataset/languages';

test('browseOrder groups by language then task in order of first appearance, keeping dataset order', () => {
  const items = [
    { id: 'nli-ja-001', lang: 'ja', task: 'nli' },
    { id: 'qa-sw-001', lang: 'sw', task: 'qa' },
    { id: 'qa-ja-001', lang: 'ja', task: 'qa' },
    { id: 'nli-ja-002', lang: 'ja', task: 'nli' },
    { id: 'qa-ja-002', lang: 'ja', task: 'qa' },
  ];
  assert.deepEqual(
    browseOrder(items).map((i) => i.id),
    ['nli-ja-001', 'nli-ja-002', 'qa-ja-001', 'qa-ja-002', 'qa-sw-001'],
  );
});

test('next and previous stop at the ends', () => {
  const ids = ['a', 'b', 'c'];
  assert.equal(neighbourId(ids, 'a', 'next'), 'b');
  assert.equal(neighbourId(ids, 'c', 'next'), undefined);
  assert.equal(neighbourId(ids, 'a', 'previous'), undefined);
  assert.equal(neighbourId(ids, 'c', 'previous'), 'b');
  assert.equal(neighbourId(ids, undefined, 'next'), 'a');
  assert.equal(neighbourId([], undefined, 'next'), undefined);
});

test('nextUnrated searches forward, wraps around, and skips the current item', () => {
  const ids = ['a', 'b', 'c', 'd'];
  const done = new Set(['c', 'd']);
  assert.equal(neighbourId(ids, 'b', 'nextUnrated', (id) => done.has(id)), 'a');
  assert.equal(neighbourId(ids, 'a', 'nextUnrated', (id) => done.has(id)), 'b');
  assert.equal(neighbourId(ids, undefined, 'nextUnrated', (id) => done.has(id)), 'a');
  assert.equal(neighbourId(ids, 'a', 'nextUnrated', () => true), undefined);
});

test('language names come in the language itself and in English', () => {
  assert.deepEqual(languageNames('ja'), { code: 'ja', native: '日本語', english: 'Japanese', dir: 'ltr' });
  assert.equal(languageLabel('zu'), 'isiZulu (Zulu)');
  assert.equal(languageLabel('en'), 'English');
  assert.equal(languageNames('not a code!').english, 'not a code!');
});
