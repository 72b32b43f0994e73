// The layout of overlapping concept highlights (webview/highlight/highlightTree.ts), in Node: the
// text under each concept id is exactly its ranges, whatever nests in or crosses it. Expected
// offsets are written out or come from the input ranges, never from the code under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutHighlights, type HighlightNode } from '../../../webview/highlight/highlightTree';
import type { ConceptRange } from '../../../webview/highlight/conceptRanges';

const range = (conceptId: string, start: number, end: number): ConceptRange => ({ conceptId, start, end, via: 'span' });

/** Compact picture of a forest: "ids[start,end){children}". */
function draw(nodes: readonly HighlightNode[]): string {
  return nodes.map((n) => `${n.conceptIds.join('+')}[${n.start},${n.end})${n.children.length ? `{${draw(n.children)}}` : ''}`).join(' ');
}

/**
 * The mentions under `id`: the pieces whose id list holds it, merged where they touch, as
 * [start, end) pairs. Fails if a piece of `id` lies inside another piece of `id` (its text would
 * be counted twice).
 */
function mentions(roots: readonly HighlightNode[], id: string): [number, number][] {
  const pieces: [number, number][] = [];
  const walk = (nodes: readonly HighlightNode[], inside: boolean): void => {
    for (const n of nodes) {
      const has = n.conceptIds.includes(id);
      assert.ok(!(has && inside), `${id} nested in itself at ${n.start}`);
      if (has) pieces.push([n.start, n.end]);
      walk(n.children, inside || has);
    }
  };
  walk(roots, false);
  pieces.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (last && last[1] === p[0]) last[1] = p[1];
    else merged.push([...p]);
  }
  return merged;
}

/** Every node lies inside its parent, and siblings are disjoint and in order. */
function assertWellFormed(nodes: readonly HighlightNode[], from = 0, to = Infinity): void {
  let cursor = from;
  for (const n of nodes) {
    assert.ok(n.start >= cursor && n.end > n.start && n.end <= to, `node [${n.start},${n.end}) outside [${cursor},${to})`);
    assert.equal(new Set(n.conceptIds).size, n.conceptIds.length, 'an id repeated in one mark');
    assertWellFormed(n.children, n.start, n.end);
    cursor = n.end;
  }
}

/** How many nodes mark `id` as starting there: one per mention (one tab stop). */
function startCount(roots: readonly HighlightNode[], id: string): number {
  return roots.reduce((sum, n) => sum + (n.startsHere.includes(id) ? 1 : 0) + startCount(n.children, id), 0);
}

test('a term inside a longer phrase: nested, both whole, outer and inner marked as such', () => {
  // 熱中症警戒アラート (0–9) contains 熱中症 (0–3); another 熱中症 stands alone at 20–23.
  const roots = layoutHighlights([range('ja-2', 0, 3), range('ja-2', 20, 23), range('ja-5', 0, 9)]);
  assert.equal(draw(roots), 'ja-5[0,9){ja-2[0,3)} ja-2[20,23)');
  assert.deepEqual(mentions(roots, 'ja-5'), [[0, 9]]);
  assert.deepEqual(mentions(roots, 'ja-2'), [[0, 3], [20, 23]]);
  assert.equal(roots[0].containsOther, true);
  assert.equal(roots[0].depth, 0);
  assert.equal(roots[0].children[0].depth, 1);
  assert.equal(roots[0].children[0].containsOther, false);
  assert.equal(roots[1].depth, 0);
  assert.equal(startCount(roots, 'ja-2'), 2);
  assert.equal(startCount(roots, 'ja-5'), 1);
});

test('a term at the end of a phrase (kipimo cha haraka cha malaria ⊃ malaria)', () => {
  const roots = layoutHighlights([range('sw-1', 22, 29), range('sw-2', 0, 29)]);
  assert.equal(draw(roots), 'sw-2[0,29){sw-1[22,29)}');
  assert.deepEqual(mentions(roots, 'sw-2'), [[0, 29]]);
  assert.deepEqual(mentions(roots, 'sw-1'), [[22, 29]]);
});

test('crossing spans: the shared run is one mark carrying both ids', () => {
  const roots = layoutHighlights([range('a', 0, 10), range('b', 5, 15)]);
  assert.equal(draw(roots), 'a[0,5) a+b[5,10) b[10,15)');
  assert.deepEqual(mentions(roots, 'a'), [[0, 10]]);
  assert.deepEqual(mentions(roots, 'b'), [[5, 15]]);
  assert.deepEqual(roots.map((n) => n.startsHere), [['a'], ['b'], []]);
});

test('identical spans: one mark with both ids, in concept order', () => {
  const roots = layoutHighlights([range('x', 4, 9), range('w', 4, 9)]);
  assert.equal(draw(roots), 'x+w[4,9)');
  assert.deepEqual(roots[0].startsHere, ['x', 'w']);
  assert.equal(roots[0].containsOther, false);
});

test('a term inside two crossing phrases nests in their shared mark', () => {
  const roots = layoutHighlights([range('a', 0, 10), range('b', 5, 15), range('c', 6, 8)]);
  assert.equal(draw(roots), 'a[0,5) a+b[5,10){c[6,8)} b[10,15)');
  for (const [id, want] of [['a', [[0, 10]]], ['b', [[5, 15]]], ['c', [[6, 8]]]] as const) assert.deepEqual(mentions(roots, id), want);
});

test('a term crossing a phrase that contains a third term, three levels deep', () => {
  // a ⊃ c, b crosses c, a ⊃ d ⊃ e.
  const ranges = [range('a', 0, 20), range('b', 5, 25), range('c', 2, 8), range('d', 10, 18), range('e', 12, 14)];
  const roots = layoutHighlights(ranges);
  assertWellFormed(roots);
  for (const r of ranges) assert.deepEqual(mentions(roots, r.conceptId), [[r.start, r.end]], r.conceptId);
  // c is split where b starts; e is inside d inside the run shared by a and b.
  assert.equal(draw(roots), 'a[0,5){c[2,5)} a+b[5,20){c[5,8) d[10,18){e[12,14)}} b[20,25)');
});

test('one concept never nests in itself: its overlapping ranges merge, touching ones stay two mentions', () => {
  const roots = layoutHighlights([range('m', 0, 6), range('m', 3, 9), range('m', 9, 12), range('m', 20, 20)]);
  assert.equal(draw(roots), 'm[0,9) m[9,12)');
  assert.equal(startCount(roots, 'm'), 2);
});

test('random overlapping ranges: every concept covers exactly its ranges, one start per mention', () => {
  let seed = 12345;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let round = 0; round < 300; round++) {
    const ranges: ConceptRange[] = [];
    const concepts = 1 + random(6);
    for (let c = 0; c < concepts; c++) {
      // Disjoint, non-touching mentions per concept, so each is one expected mention.
      let at = random(6);
      for (let k = 0; k < 1 + random(3); k++) {
        const len = 1 + random(12);
        ranges.push(range(`c${c}`, at, at + len));
        at += len + 1 + random(8);
      }
    }
    const roots = layoutHighlights(ranges);
    assertWellFormed(roots);
    for (let c = 0; c < concepts; c++) {
      const own = ranges.filter((r) => r.conceptId === `c${c}`).map((r) => [r.start, r.end]);
      assert.deepEqual(mentions(roots, `c${c}`), own, `round ${round}: ${JSON.stringify(ranges)}`);
      assert.equal(startCount(roots, `c${c}`), own.length);
    }
  }
});
