// Real processes against one annotator file: what happens with two VS Code windows, or the
// extension and `medco rate`, saving at the same time, and with a window killed mid-save.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AnnotationStore, annotationFileCodec, serializeAnnotationFile, updateJsonFileLocked, validateAnnotationDoc } from '../../../src/core/store';
import type { ChildProcess } from 'node:child_process';
import { SAVER, finished, runTs, spawnTs, tempDir } from './helpers';

test('two processes saving 50 different items each into the same file: all 100 persist', async () => {
  const dir = await tempDir();
  const cfg = (prefix: string) => JSON.stringify({ dir, dataset: 'd', annotator: 'a', mode: 'items', prefix, count: 50 });
  const [a, b] = await Promise.all([runTs(SAVER, [cfg('win1')]), runTs(SAVER, [cfg('win2')])]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const doc = JSON.parse(await readFile(path.join(dir, 'd', 'a.json'), 'utf8'));
  const ids = Object.keys(doc.items);
  assert.equal(ids.length, 100);
  for (const prefix of ['win1', 'win2']) {
    for (let i = 0; i < 50; i++) {
      const e = doc.items[`${prefix}-${i}`];
      assert.ok(e, `${prefix}-${i} lost`);
      assert.equal(e.rating.comment, `${prefix}-${i}`);
      assert.equal(e.revision, 1);
    }
  }
});

test('two processes saving the same item concurrently: every save is a revision, none lost', async () => {
  const dir = await tempDir();
  const n = 30;
  const cfg = (prefix: string) => JSON.stringify({ dir, dataset: 'd', annotator: 'a', mode: 'same', prefix, count: n });
  const [a, b] = await Promise.all([runTs(SAVER, [cfg('p')]), runTs(SAVER, [cfg('q')])]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const entry = JSON.parse(await readFile(path.join(dir, 'd', 'a.json'), 'utf8')).items.shared;
  assert.equal(entry.revision, 2 * n);
  assert.equal(entry.history.length, 2 * n - 1);
  assert.deepEqual(
    entry.history.map((h: { revision: number }) => h.revision),
    Array.from({ length: 2 * n - 1 }, (_, i) => i + 1),
  );
  const comments = new Set([entry.rating.comment, ...entry.history.map((h: { rating: { comment: string } }) => h.rating.comment)]);
  for (let i = 0; i < n; i++) {
    assert.ok(comments.has(`p-${i}`), `p-${i} lost`);
    assert.ok(comments.has(`q-${i}`), `q-${i} lost`);
  }
});

/** Resolves once the child has printed a line matching `pattern`; rejects if it exits first. */
function printed(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (pattern.test(out)) resolve();
    });
    child.on('exit', () => reject(new Error(`the saver exited before printing ${pattern}`)));
  });
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

test('a process killed with SIGKILL while saving leaves the old or the new file, never a broken one; its stale lock is recovered', async () => {
  const dir = await tempDir();
  const staleMs = 2000;
  const lock = { staleMs, timeoutMs: 30000 };
  // A large file: 2,000 rated items with some history, ~1 MB, so that a save takes a while.
  const seed = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a', lock });
  const file = seed.file;
  await seed.saveRating('seed-0', { rating: { clinical_soundness: 1 } });
  await updateJsonFileLocked(file, {
    ...annotationFileCodec,
    serialize: serializeAnnotationFile,
    mutate: (doc) => {
      for (let i = 0; i < 2000; i++) {
        doc!.items[`seed-${i}`] = {
          revision: 2,
          rating: { clinical_soundness: 1 + (i % 5), cultural_grounding: 1 + ((i * 7) % 5), comment: `seed ${i} ${'z'.repeat(150)}` },
          updatedAt: '2026-01-01T00:00:00.000Z',
          history: [{ revision: 1, rating: { clinical_soundness: 3 }, updatedAt: '2025-12-31T00:00:00.000Z' }],
        };
      }
      return { next: doc!, result: null };
    },
  });
  // Kills at different points of the save cycle: after the k-th completed save of a save loop
  // (the moment within the next save varies with the machine, and any moment must be safe).
  const iterations = 6;
  let lastRevisionSeen = 0;
  const checkFile = async (): Promise<void> => {
    const text = await readFile(file, 'utf8');
    const v = validateAnnotationDoc(JSON.parse(text)); // throws if the file is torn
    assert.ok(v.ok, 'the file after a kill must still match the schema');
    assert.equal(Object.keys(v.value.items).length >= 2000, true, 'no item may be lost');
    const loopRevisions = Object.entries(v.value.items)
      .filter(([id]) => id.startsWith('loop-'))
      .reduce((sum, [, e]) => sum + e.revision, 0);
    assert.ok(loopRevisions >= lastRevisionSeen, 'revisions only grow');
    lastRevisionSeen = loopRevisions;
  };
  for (let k = 1; k <= iterations; k++) {
    const child = spawnTs(SAVER, [JSON.stringify({ dir, dataset: 'd', annotator: 'a', mode: 'loop', prefix: `k${k}`, staleMs })]);
    const done = finished(child);
    await printed(child, new RegExp(`^saved ${k}$`, 'm'));
    child.kill('SIGKILL');
    assert.equal((await done).signal, 'SIGKILL');
    await checkFile();
  }

  // A window killed while it holds the lock, in the middle of its save, leaves the lock behind.
  const holder = spawnTs(SAVER, [JSON.stringify({ dir, dataset: 'd', annotator: 'a', mode: 'hold', prefix: 'h', staleMs })]);
  const held = finished(holder);
  await printed(holder, /^holding$/m);
  holder.kill('SIGKILL');
  assert.equal((await held).signal, 'SIGKILL');
  assert.ok(await exists(`${file}.lock`), 'the killed save left its lock');
  await checkFile();

  // The next save (here in this process) takes over the stale lock and succeeds.
  const after = await AnnotationStore.open({ annotationsDir: dir, dataset: 'd', annotator: 'a', lock });
  const t0 = Date.now();
  const { entry } = await after.saveRating('after-kill', { rating: { clinical_soundness: 5 } });
  assert.equal(entry.revision, 1);
  assert.ok(Date.now() - t0 < lock.timeoutMs);
  const final = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(final.items['after-kill'].rating.clinical_soundness, 5);
  const leftovers = (await readdir(path.dirname(file))).filter((n) => n !== 'a.json');
  assert.deepEqual(leftovers, [], 'orphaned temp files and the lock are cleaned up');
});
