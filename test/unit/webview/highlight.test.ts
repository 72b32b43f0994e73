// The pure offset logic behind concept highlights, in Node: source↔rendered mapping, span
// placement with fallback search, overlap resolution. Expected positions come from indexOf on the
// test strings, never from the code under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapRenderedToSource, renderedRangeOfSpan, NO_SOURCE } from '../../../webview/highlight/sourceMap';
import { findAllFolded, foldText, foldedEqual } from '../../../src/core/text/fold';
import { placeConcepts } from '../../../webview/highlight/conceptRanges';
import { locateConcept } from '../../../src/core/pipeline/locateConcepts';
import { layoutHighlights } from '../../../webview/highlight/highlightTree';

const span = (text: string, needle: string): [number, number] => {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return [at, at + needle.length];
};

test('rendered characters map back to their source offsets across Markdown syntax', () => {
  const source = 'Signs of **amyloid** deposits';
  const rendered = 'Signs of amyloid deposits';
  const map = mapRenderedToSource(source, rendered);
  assert.equal(map[rendered.indexOf('amyloid')], source.indexOf('amyloid'));
  assert.equal(map[rendered.indexOf(' deposits')], source.indexOf('** deposits') + 2);
  assert.equal(map[rendered.length - 1], source.length - 1);
});

test('a span covering formatting maps to exactly the rendered concept text', () => {
  const source = 'Use `metformin` daily; see [guide](https://example.org/' + 'x'.repeat(80) + ') then insulin glargine.';
  const rendered = 'Use metformin daily; see guide then insulin glargine.';
  const map = mapRenderedToSource(source, rendered);
  const [s, e] = span(source, 'metformin` daily');
  const r = renderedRangeOfSpan(map, s, e)!;
  assert.equal(rendered.slice(r[0], r[1]), 'metformin daily');
  // After a long link target (skipped by resync), offsets are still exact.
  const [s2, e2] = span(source, 'insulin glargine');
  const r2 = renderedRangeOfSpan(map, s2, e2)!;
  assert.equal(rendered.slice(r2[0], r2[1]), 'insulin glargine');
});

test('a character the renderer invented maps to nothing and does not shift later offsets', () => {
  const source = 'alpha beta';
  const rendered = 'alpha\u2063 beta';
  const map = mapRenderedToSource(source, rendered);
  assert.equal(map[5], NO_SOURCE);
  assert.equal(map[rendered.indexOf('beta')], source.indexOf('beta'));
});

test('UTF-16 offsets: astral characters before a concept do not shift it', () => {
  const source = '𠮷野家の𩸽、**アミロイド**沈着';
  const rendered = '𠮷野家の𩸽、アミロイド沈着';
  const placed = placeConcepts(source, rendered, [{ id: 'c', text: 'アミロイド沈着', spans: [span(source, 'アミロイド**沈着')] }]);
  assert.deepEqual(placed.ranges.map((r) => [rendered.slice(r.start, r.end), r.via]), [['アミロイド沈着', 'span']]);
});

test('NFC and NFD forms compare equal; folded search finds the original range', () => {
  const nfc = 'ẹ̀jẹ̀ ríru'.normalize('NFC');
  const nfd = nfc.normalize('NFD');
  assert.notEqual(nfc, nfd);
  assert.ok(foldedEqual(nfc, nfd));
  const hay = `Aláìsàn ní ${nfd} gan-an`;
  const hits = findAllFolded(foldText(hay), nfc);
  assert.equal(hits.length, 1);
  assert.equal(hay.slice(hits[0][0], hits[0][1]), nfd);
  // Korean: precomposed syllables vs. conjoining jamo.
  const ko = '아밀로이드 침착';
  assert.ok(foldedEqual(ko, ko.normalize('NFD')));
  // Whitespace runs and line breaks compare as one space; full-width forms as ASCII.
  assert.ok(foldedEqual('blood   pressure', 'blood\npressure'));
  assert.ok(foldedEqual('ＡＣＥ阻害薬', 'ACE阻害薬'));
});

test('stale spans fall back to the occurrence nearest to where the span pointed', () => {
  const text = 'fever, then cough; later fever again and cough';
  const stale: [number, number] = [text.lastIndexOf('fever') + 2, text.lastIndexOf('fever') + 7];
  const placed = placeConcepts(text, text, [{ id: 'f', text: 'fever', spans: [stale] }]);
  assert.equal(placed.ranges.length, 1);
  assert.equal(placed.ranges[0].via, 'search');
  assert.equal(placed.ranges[0].start, text.lastIndexOf('fever'));
});

test('Thai without spaces: span offsets are exact', () => {
  const th = 'ผู้ป่วยมีภาวะความดันโลหิตสูงและเบาหวาน';
  const placed = placeConcepts(th, th, [
    { id: 'a', text: 'ความดันโลหิตสูง', spans: [span(th, 'ความดันโลหิตสูง')] },
    { id: 'b', text: 'เบาหวาน', spans: [] },
  ]);
  assert.deepEqual(placed.ranges.map((r) => th.slice(r.start, r.end)), ['ความดันโลหิตสูง', 'เบาหวาน']);
  assert.deepEqual(placed.missing, []);
});

test('concepts absent from the text are reported missing; bad spans are ignored', () => {
  const text = 'nothing here';
  const placed = placeConcepts(text, text, [
    { id: 'x', text: 'absent', spans: [[-1, 4]] },
    { id: 'y', text: 'here', spans: [[50, 40]] },
  ]);
  assert.deepEqual(placed.missing, ['x']);
  assert.equal(text.slice(placed.ranges[0].start, placed.ranges[0].end), 'here');
});

test('overlapping ranges: the shorter concept is nested in the longer, which keeps all its characters', () => {
  const roots = layoutHighlights([
    { conceptId: 'long', start: 0, end: 10, via: 'span' },
    { conceptId: 'short', start: 3, end: 6, via: 'span' },
  ]);
  assert.deepEqual(roots.map((n) => [n.conceptIds, n.start, n.end, n.children.map((c) => [c.conceptIds, c.start, c.end])]), [
    [['long'], 0, 10, [[['short'], 3, 6]]],
  ]);
});

test('a span the pipeline located is highlighted, not reported missing (one folding rule for both)', () => {
  // The model wrote the concept with a space; the reasoning has a hyphen, a comma, full-width text.
  const source = 'Start an **ACE-inhibitor**; check blood, pressure and ＫＩＤＮＥＹ function.';
  const rendered = 'Start an ACE-inhibitor; check blood, pressure and ＫＩＤＮＥＹ function.';
  for (const text of ['ACE inhibitor', 'blood pressure', 'kidney function']) {
    const spans = locateConcept(source, text);
    assert.equal(spans.length, 1, `the pipeline locates "${text}"`);
    const placed = placeConcepts(source, rendered, [{ id: 'c', text, spans }]);
    assert.deepEqual(placed.missing, [], `the highlighter finds "${text}"`);
    assert.equal(placed.ranges.length, 1);
    assert.equal(placed.ranges[0].via, 'span');
  }
});
