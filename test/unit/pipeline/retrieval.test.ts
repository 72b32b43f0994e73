import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tokenize } from '../../../src/core/retrieval/tokenize';
import { buildKnowledgeBase, loadKnowledgeBase } from '../../../src/core/retrieval/knowledgeBase';
import { tempDir } from './helpers';

test('Chinese, Japanese and Thai text is split into words, not into one token per sentence', () => {
  const zh = tokenize('我患有高血压和糖尿病', 'zh');
  assert.ok(zh.includes('高血压'), zh.join('|'));
  assert.ok(zh.includes('糖尿病'), zh.join('|'));
  const ja = tokenize('私は高血圧と糖尿病があります', 'ja');
  assert.ok(ja.includes('糖尿病'), ja.join('|'));
  assert.ok(ja.length >= 5, ja.join('|'));
  const th = tokenize('ผู้ป่วยเป็นโรคเบาหวาน', 'th');
  // ICU's Thai dictionary splits the unspaced sentence into words that together make it up.
  assert.ok(th.length >= 4, th.join('|'));
  assert.equal(th.join(''), 'ผู้ป่วยเป็นโรคเบาหวาน');
  assert.ok(th.includes('โรค'), th.join('|'));
});

test('tokens are lower-cased and NFKC-normalised; punctuation is dropped', () => {
  assert.deepEqual(tokenize('ＡＣＥ阻害薬、Beta-Blocker!', 'ja').filter((t) => /[a-z]/.test(t)), ['ace', 'beta', 'blocker']);
  assert.deepEqual(tokenize('Àrùn ọkàn'.normalize('NFD'), 'yo'), tokenize('àrùn ọkàn'.normalize('NFC'), 'yo'));
});

test('a Japanese concept query finds the chunk that mentions it, not the other language', () => {
  const kb = buildKnowledgeBase([
    { id: 'ja-1', title: '高血圧の治療', content: '日本高血圧学会のガイドラインでは減塩が推奨される。', lang: 'ja' },
    { id: 'ja-2', title: '糖尿病', content: '糖尿病の食事療法について。', lang: 'ja' },
    { id: 'zh-1', title: '高血压', content: '高血压的治疗。', lang: 'zh' },
  ]);
  const hits = kb.search('ja', ['高血圧'], 5);
  assert.equal(hits[0].chunk.id, 'ja-1');
  assert.ok(hits.every((h) => h.chunk.lang === 'ja'));
  assert.equal(hits[0].query, '高血圧');
  // a chunk named by two concepts outranks one named by one
  const both = kb.search('ja', ['糖尿病', '食事療法', '高血圧'], 5);
  assert.equal(both[0].chunk.id, 'ja-2');
  assert.deepEqual(kb.search('ko', ['고혈압'], 5), []);
});

test('Thai chunks are found by a word inside an unspaced sentence', () => {
  const kb = buildKnowledgeBase([
    { id: 'th-1', title: 'เบาหวาน', content: 'ผู้ป่วยโรคเบาหวานควรควบคุมอาหาร', lang: 'th' },
    { id: 'th-2', title: 'หัวใจ', content: 'ภาวะหัวใจล้มเหลวต้องพบแพทย์', lang: 'th' },
  ]);
  assert.equal(kb.search('th', ['ควบคุมอาหาร'], 1)[0]?.chunk.id, 'th-1');
  assert.equal(kb.search('th', ['หัวใจล้มเหลว'], 1)[0]?.chunk.id, 'th-2');
});

test('loading a knowledge base folder reports bad lines as file:line and loads the rest', async () => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'ja'));
  const file = path.join(dir, 'ja', 'chunks.jsonl');
  writeFileSync(
    file,
    [
      JSON.stringify({ id: 'a', title: '心不全', content: '心不全の症状', lang: 'ja' }),
      '{not json',
      JSON.stringify({ id: 'b', title: 'no content', lang: 'ja' }),
      JSON.stringify({ id: 'c', title: '腎機能', content: '腎機能の検査', lang: 'ja' }),
    ].join('\n'),
  );
  const kb = await loadKnowledgeBase(dir);
  assert.deepEqual(
    kb.problems.map((p) => [p.file, p.line]),
    [
      [file, 2],
      [file, 3],
    ],
  );
  assert.equal(kb.search('ja', ['腎機能'], 1)[0]?.chunk.id, 'c');
});
