// The released corpus format and layout, and the on-disk dense index: built once, reused while the
// corpus and the model are unchanged, rebuilt otherwise; vectors of changing length are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { loadKnowledgeBase, type KnowledgeChunk } from '../../../src/core/retrieval/knowledgeBase';
import { EmbeddingLengthError, flatTopK, normalized, openDenseIndex } from '../../../src/core/retrieval/denseIndex';
import { tempDir } from './helpers';

test('{title, content} chunks in <lang>/chunk/*.jsonl and <lang>/*.jsonl load with language from the folder and id <file>:<line>', async () => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'jp', 'chunk'), { recursive: true });
  mkdirSync(path.join(dir, 'en'), { recursive: true });
  writeFileSync(path.join(dir, 'jp', 'chunk', 'msd.jsonl'), [JSON.stringify({ title: '心不全', content: '心不全の症状', url: 'x' }), '', JSON.stringify({ title: '腎臓', content: '' })].join('\n'));
  writeFileSync(path.join(dir, 'en', 'a.jsonl'), [JSON.stringify({ id: 'own-id', content: 'Heart failure', lang: 'en' }), JSON.stringify({ title: 'no content' })].join('\n'));
  writeFileSync(path.join(dir, 'loose.jsonl'), JSON.stringify({ content: 'no language anywhere' }) + '\n');
  const kb = await loadKnowledgeBase(dir);
  assert.deepEqual(kb.languages(), ['en', 'ja']);
  assert.deepEqual(
    kb.chunks('ja').map((c) => [c.id, c.lang, c.title]),
    [
      ['jp/chunk/msd.jsonl:1', 'ja', '心不全'],
      ['jp/chunk/msd.jsonl:3', 'ja', '腎臓'],
    ],
  );
  assert.deepEqual(kb.chunks('en').map((c) => c.id), ['own-id']);
  assert.deepEqual(
    kb.problems.map((p) => [path.relative(dir, p.file), p.line, p.message]),
    [
      ['en/a.jsonl', 2, 'chunk needs string content'],
      ['loose.jsonl', 1, 'chunk needs string lang (or a <lang>/ folder)'],
    ],
  );
  assert.match(kb.fingerprint, /^[0-9a-f]{16}$/);
});

const chunk = (i: number): KnowledgeChunk => ({ id: `c${i}`, title: `t${i}`, content: `content ${i}`, lang: 'ja' });
/** A deterministic 8-dimensional embedding of a text. */
const vec = (text: string): number[] => Array.from({ length: 8 }, (_, k) => Math.sin((text.length + 1) * (k + 1) + text.charCodeAt(text.length - 1)));

test('the dense index is stored beside the corpus and reused until the chunks or the model change', async () => {
  const dir = tempDir();
  let embedded = 0;
  const embed = async (texts: string[]) => {
    embedded += texts.length;
    return texts.map(vec);
  };
  const chunks = Array.from({ length: 20 }, (_, i) => chunk(i));
  const first = await openDenseIndex('ja', chunks, 'bge-m3', embed, { kbDir: dir, batchSize: 7 });
  assert.equal(embedded, 20);
  assert.equal(first.reused, false);
  assert.ok(existsSync(path.join(dir, '.medco-index', 'ja.bge-m3.f32')));
  const again = await openDenseIndex('ja', chunks, 'bge-m3', embed, { kbDir: dir });
  assert.equal(embedded, 20, 'nothing embedded again');
  assert.equal(again.reused, true);
  const q = vec('t3\ncontent 3');
  assert.deepEqual(again.search(q, 3), first.search(q, 3));
  assert.equal(first.search(q, 1)[0].row, 3);

  const edited = chunks.map((c, i) => (i === 5 ? { ...c, content: 'changed' } : c));
  assert.equal((await openDenseIndex('ja', edited, 'bge-m3', embed, { kbDir: dir })).reused, false);
  assert.equal((await openDenseIndex('ja', edited, 'other-model', embed, { kbDir: dir })).reused, false);
  assert.equal(embedded, 60);
});

test('vectors of changing length are refused with a clear error, over batches and for queries', async () => {
  let call = 0;
  const changing = async (texts: string[]) => texts.map(() => new Array(call++ === 0 ? 8 : 4).fill(1));
  await assert.rejects(openDenseIndex('ja', [chunk(1), chunk(2)], 'm', changing, { batchSize: 1 }), (err: Error) => {
    assert.ok(err instanceof EmbeddingLengthError);
    assert.match(err.message, /changing length: 8 for the first ja chunk, 4 for chunk c2/);
    return true;
  });
  const index = await openDenseIndex('ja', [chunk(1)], 'm', async (t) => t.map(vec));
  assert.throws(() => index.search([1, 2, 3], 1), /3-dimensional query vector; the ja index has 8 dimensions/);
});

test('flat top-k returns the k best by cosine, ties by row', () => {
  const rows = [
    [1, 0],
    [0, 1],
    [1, 1],
    [1, 0],
  ];
  const flat = new Float32Array(rows.flatMap((r) => [...normalized(r)]));
  const hits = flatTopK(flat, 2, normalized([1, 0]), 3);
  assert.deepEqual(
    hits.map((h) => h.row),
    [0, 3, 2],
  );
});
