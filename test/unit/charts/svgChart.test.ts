import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { barChart, chartStyleRules, escapeXml, heatmap, intervalChart, INTERVAL_MARGINS } from '../../../src/core/charts';

const SVG_NS = 'http://www.w3.org/2000/svg';

type SvgDocument = Document & { documentElement: Element };

/** Parses strictly (with xmldom's own DOM types: unit tests have no DOM): any well-formedness error fails the test. */
function parse(svg: string): SvgDocument {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } }).parseFromString(svg, 'image/svg+xml');
  assert.deepEqual(errors, [], 'not well-formed XML');
  assert.equal(doc.documentElement?.namespaceURI, SVG_NS);
  return doc as SvgDocument;
}

function all(doc: Document, name: string): Element[] {
  return Array.from(doc.getElementsByTagName(name) as unknown as ArrayLike<Element>);
}

const label = { title: 'Scores', description: 'ja 1: 2' };
const HOSTILE = '<script>window.__pwned()</script>&"\'';

test('a bar chart is well-formed SVG with an accessible name and description', () => {
  const svg = barChart({ categories: ['ja', 'zh'], series: [{ label: '1', values: [2, 3] }] }, label);
  const doc = parse(svg);
  const root = doc.documentElement;
  assert.equal(root.getAttribute('role'), 'img');
  assert.equal(root.getAttribute('aria-label'), 'Scores');
  const title = all(doc, 'title')[0];
  assert.equal(title.textContent, 'Scores');
  assert.equal(root.getAttribute('aria-labelledby'), title.getAttribute('id'));
  assert.equal(all(doc, 'desc')[0].textContent, 'ja 1: 2');
});

test('hostile labels stay text: no script element, no injected attribute, text round-trips', () => {
  const svg = barChart({ categories: [HOSTILE], series: [{ label: HOSTILE, values: [1] }] }, { title: HOSTILE, description: HOSTILE });
  const doc = parse(svg);
  assert.equal(all(doc, 'script').length, 0);
  assert.ok(!svg.includes('<script'));
  const bar = all(doc, 'rect').find((r) => r.getAttribute('data-series') !== null);
  assert.ok(bar);
  assert.equal(bar.getAttribute('data-series'), HOSTILE);
  assert.equal(bar.getAttribute('data-category'), HOSTILE);
  assert.ok(all(doc, 'title').some((t) => (t.textContent ?? '').startsWith(`${HOSTILE} · ${HOSTILE}`)), 'full label in the bar title');
  assert.equal(doc.documentElement.getAttribute('aria-label'), HOSTILE);

  const heat = parse(heatmap({ rows: [HOSTILE], columns: [HOSTILE], values: [[3]], domain: [1, 5] }, label));
  assert.equal(all(heat, 'script').length, 0);
  assert.equal(all(heat, 'rect').find((r) => r.getAttribute('data-row'))?.getAttribute('data-row'), HOSTILE);
  const intervals = parse(intervalChart([{ label: HOSTILE, value: 0.5, ci95: [0.2, 0.8] }], label));
  assert.equal(all(intervals, 'script').length, 0);
});

test('long labels are cut on code points on the axis, kept whole in titles', () => {
  const long = '𝔞'.repeat(40);
  const doc = parse(barChart({ categories: [long], series: [{ label: '1', values: [1] }] }, label));
  const axis = all(doc, 'text').find((t) => (t.textContent ?? '').startsWith('𝔞'));
  assert.ok(axis && axis.textContent!.endsWith('…') && [...axis.textContent!].every((c) => c === '𝔞' || c === '…'));
  assert.ok(all(doc, 'title').some((t) => (t.textContent ?? '').startsWith(long)));
});

test('escapeXml escapes markup characters and drops characters XML forbids', () => {
  assert.equal(escapeXml(`a<b>&"'`), 'a&#60;b&#62;&#38;&#34;&#39;');
  assert.equal(escapeXml('x\u0000\u0007y'), 'xy');
  parse(barChart({ categories: ['bad\u0001name'], series: [{ label: '1', values: [1] }] }, label));
});

test('grouped bar heights are proportional to the values and share one baseline', () => {
  const values = [4, 10, 1, 0];
  const doc = parse(barChart({ categories: ['a', 'b', 'c', 'd'], series: [{ label: 'n', values }] }, label, { mode: 'grouped' }));
  const bars = all(doc, 'rect').filter((r) => r.getAttribute('data-value') !== null);
  assert.equal(bars.length, 4);
  const heights = bars.map((b) => Number(b.getAttribute('height')));
  const bottoms = bars.map((b) => Number(b.getAttribute('y')) + Number(b.getAttribute('height')));
  const perUnit = heights[1] / 10;
  assert.ok(perUnit > 0);
  values.forEach((v, i) => assert.ok(Math.abs(heights[i] - v * perUnit) < 0.02, `bar ${i}: ${heights[i]} vs ${v * perUnit}`));
  bottoms.forEach((b) => assert.ok(Math.abs(b - bottoms[0]) < 0.02));
});

test('stacked bars: segments sit on each other and the stack height is the total', () => {
  const doc = parse(barChart({ categories: ['ja'], series: [{ label: '1', values: [2] }, { label: '2', values: [3] }, { label: '3', values: [5] }] }, label, { mode: 'stacked' }));
  const bars = all(doc, 'rect').filter((r) => r.getAttribute('data-value') !== null);
  const box = (r: Element) => ({ y: Number(r.getAttribute('y')), h: Number(r.getAttribute('height')) });
  const [a, b, c] = bars.map(box);
  assert.ok(Math.abs(a.y - (b.y + b.h)) < 0.02, 'segment 2 on top of segment 1');
  assert.ok(Math.abs(b.y - (c.y + c.h)) < 0.02, 'segment 3 on top of segment 2');
  assert.ok(Math.abs(a.h / 2 - c.h / 5) < 0.02);
  assert.ok(Math.abs((a.h + b.h + c.h) / 10 - a.h / 2) < 0.02);
});

test('CI whiskers and points sit at the values on the axis (explicit domain)', () => {
  const height = 200;
  const points = [
    { label: 'ja', value: 0.5, ci95: [0.25, 0.75] as [number, number] },
    { label: 'zh', value: -0.2, ci95: [-0.5, 0.1] as [number, number] },
  ];
  const doc = parse(intervalChart(points, label, { height, domain: [-1, 1] }));
  // Plot top and bottom from the layout's margins: y(v) = bottom − (v − (−1)) / 2 × plot height.
  const top = INTERVAL_MARGINS.top;
  const bottom = height - INTERVAL_MARGINS.bottom;
  const y = (v: number) => bottom - ((v + 1) / 2) * (bottom - top);
  const whiskers = all(doc, 'line').filter((l) => l.getAttribute('data-lo') !== null);
  assert.equal(whiskers.length, 2);
  points.forEach((p, i) => {
    const w = whiskers[i];
    assert.ok(Math.abs(Number(w.getAttribute('y1')) - y(p.ci95[0])) < 0.02, `lower whisker of ${p.label}`);
    assert.ok(Math.abs(Number(w.getAttribute('y2')) - y(p.ci95[1])) < 0.02, `upper whisker of ${p.label}`);
  });
  const circles = all(doc, 'circle');
  points.forEach((p, i) => {
    assert.ok(Math.abs(Number(circles[i].getAttribute('cy')) - y(p.value)) < 0.02);
    // The point is centred on its whisker.
    assert.equal(circles[i].getAttribute('cx'), whiskers[i].getAttribute('x1'));
  });
  const zero = all(doc, 'line').find((l) => l.getAttribute('class') === 'medco-zero');
  assert.ok(zero && Math.abs(Number(zero.getAttribute('y1')) - y(0)) < 0.02);
});

test('an undefined estimate is shown as text, never as a point', () => {
  const doc = parse(intervalChart([{ label: 'yo', value: null, ci95: null }], label, { undefinedLabel: 'undefined' }));
  assert.equal(all(doc, 'circle').length, 0);
  assert.ok(all(doc, 'text').some((t) => t.textContent === 'undefined' && t.getAttribute('data-category') === 'yo'));
});

test('heatmap cells: opacity rises with the mean, empty cells are marked and labelled —', () => {
  const doc = parse(heatmap({ rows: ['a', 'b'], columns: ['x'], values: [[2], [4.5]], domain: [1, 5] }, label));
  const cells = all(doc, 'rect').filter((r) => r.getAttribute('data-value') !== null);
  assert.ok(Number(cells[0].getAttribute('fill-opacity')) < Number(cells[1].getAttribute('fill-opacity')));
  assert.ok(all(doc, 'text').some((t) => t.textContent === '4.50'));
  const empty = parse(heatmap({ rows: ['a'], columns: ['x'], values: [[null]], domain: [1, 5] }, label));
  assert.equal(all(empty, 'rect').filter((r) => r.getAttribute('class') === 'medco-cell-empty').length, 1);
  assert.ok(all(empty, 'text').some((t) => t.textContent === '—'));
});

test('charts use theme variables; standalone files embed the rules with fallback colours', () => {
  const inPanel = barChart({ categories: ['a'], series: [{ label: '1', values: [1] }] }, label);
  assert.ok(!inPanel.includes('<style'), 'no inline <style> in the webview (the CSP would block it)');
  assert.ok(!/\sstyle=/.test(inPanel), 'no style attributes');
  const file = parse(barChart({ categories: ['a'], series: [{ label: '1', values: [1] }] }, label, { standalone: true }));
  const css = all(file, 'style')[0].textContent ?? '';
  assert.match(css, /\.medco-series-4\{fill:var\(--vscode-charts-blue, #[0-9a-f]{6}\)\}/);
  assert.match(css, /\.medco-background\{fill:var\(--vscode-editor-background, #[0-9a-f]{6}\)\}/);
});

test('media/stats.css carries every chart rule the webview needs', () => {
  const sheet = readFileSync(path.resolve(__dirname, '../../../media/stats.css'), 'utf8').replace(/\s+/g, '');
  for (const rule of chartStyleRules(false).split('\n')) assert.ok(sheet.includes(rule.replace(/\s+/g, '')), `missing in media/stats.css: ${rule}`);
});
