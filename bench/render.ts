// Benchmark of the review panel in headless Chromium: opening an item whose two traces are
// 20,000 characters each with 60 concepts per trace (Markdown, sanitizing, highlighting, layout),
// and moving to the next item. Baseline, measured in the same page and run: setting innerHTML of
// the same two texts (escaped, no Markdown, no highlights) in the panel's trace columns, plus layout.
//
//   node --import tsx bench/render.ts
import { buildReviewBundle, startHarness } from '../test/webview/harness';
import { makeItem, makeTrace, makeView, showItem, type ConceptSpec } from '../test/webview/fixtures';

const TRACE_CHARS = 20_000;
const CONCEPTS = 60;
const RUNS = 21;

const EN_TERMS = ['amyloid deposits', 'heart failure', 'renal function', 'blood pressure', 'insulin resistance', 'liver enzymes', 'chest pain', 'atrial fibrillation', 'anticoagulation', 'troponin level'];
const JA_TERMS = ['アミロイド沈着', '心不全', '腎機能', '血圧', 'インスリン抵抗性', '肝酵素', '胸痛', '心房細動', '抗凝固療法', 'トロポニン値'];

/** A Markdown trace of about `chars` characters with `n` distinct concept mentions. */
function buildTrace(terms: string[], filler: string, chars: number, n: number, prefix: string, seed: number): { text: string; concepts: ConceptSpec[] } {
  const every = Math.floor(chars / n);
  let text = '';
  const concepts: ConceptSpec[] = [];
  for (let i = 0; i < n; i++) {
    const term = `${terms[(i + seed) % terms.length]} ${i + 1}`;
    let chunk = '';
    while (chunk.length < every - term.length - 12) chunk += filler;
    const styled = i % 3 === 0 ? `**${term}**` : i % 3 === 1 ? `*${term.replace(' ', '* ')}` : term;
    const block = i % 5 === 0 ? `\n\n- ${chunk.slice(0, chunk.length >> 1)}` : i % 7 === 0 ? `\n\n## ${chunk.slice(0, 20)}\n\n` : ' ';
    const start = text.length + block.length + chunk.length + 1;
    text += `${block}${chunk} ${styled}.`;
    concepts.push({ id: `${prefix}-${i + 1}`, text: term, spans: [[start, start + styled.length]] });
  }
  return { text: text.slice(0, Math.max(text.length, chars)), concepts };
}

function item(seed: number) {
  const id = `qa-ja-${String(seed).padStart(3, '0')}`;
  const en = buildTrace(EN_TERMS, 'The patient presents with findings that need careful reasoning. ', TRACE_CHARS, CONCEPTS, 'en', seed);
  const ja = buildTrace(JA_TERMS, '患者の所見を慎重に検討する必要がある。', TRACE_CHARS, CONCEPTS, 'ja', seed);
  const trace = makeTrace({
    itemId: id, lang: 'ja', english: en.text, local: ja.text, en: en.concepts, loc: ja.concepts,
    pairs: ja.concepts.slice(0, 50).map((c, i) => [c.id, en.concepts[i].id, 0.8] as [string, string, number]),
    localOnly: ja.concepts.slice(50).map((c) => [c.id, null, 0.3] as [string, string | null, number]),
  });
  return showItem(makeView(makeItem(id, 'ja', 'qa'), trace));
}

/** Runs in the page: times showItem dispatch + layout for an empty panel and for a replacement. */
const PAGE_BENCH = `function ({ a, b, runs }) {
  function show(m) {
    var t0 = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data: m, source: window, origin: location.origin }));
    void document.body.offsetHeight; // include style and layout
    return performance.now() - t0;
  }
  function esc(s) { return s.replace(/[&<>]/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  // The same two texts as plain text in the panel's own trace columns (same CSS, same widths).
  function baselineOnce(m) {
    var div = document.createElement('div');
    div.className = 'traces-section';
    document.body.append(div);
    var t0 = performance.now();
    div.innerHTML = '<div class="traces"><div class="trace-body plain-text">' + esc(m.view.trace.english.reasoning) +
      '</div><div class="trace-body plain-text">' + esc(m.view.trace.local.reasoning) + '</div></div>';
    void document.body.offsetHeight;
    var ms = performance.now() - t0;
    div.remove();
    return ms;
  }
  var open = [], next = [], base = [];
  for (var i = 0; i < runs; i++) {
    base.push(baselineOnce(i % 2 ? a : b));
    // "open": the panel is empty (a fresh webview), then the item arrives.
    document.getElementById('app').replaceChildren();
    open.push(show(i % 2 ? a : b));
    // "next": another item replaces the one shown.
    next.push(show(i % 2 ? b : a));
  }
  return {
    open: open, next: next, base: base,
    marks: document.querySelectorAll('mark[data-concept-id]').length,
    chars: [a.view.trace.english.reasoning.length, a.view.trace.local.reasoning.length],
  };
}`;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function main(): Promise<void> {
  const h = await startHarness(await buildReviewBundle(true));
  try {
    const page = await h.open();
    const a = item(1);
    const b = item(2);
    // A string, not a function: tsx's keepNames helper (__name) does not exist in the page.
    const result = (await page.evaluate(`(${PAGE_BENCH})(${JSON.stringify({ a, b, runs: RUNS })})`)) as {
      open: number[]; next: number[]; base: number[]; marks: number; chars: number[];
    };
    const base = median(result.base);
    const open = median(result.open);
    const next = median(result.next);
    console.log(`traces: ${result.chars.join(' + ')} chars, ${CONCEPTS} concepts each, ${result.marks} highlight marks; ${RUNS} runs, medians`);
    console.log(`baseline innerHTML of the same text:   ${base.toFixed(1)} ms (1.0x)`);
    console.log(`open item (render + highlight):        ${open.toFixed(1)} ms (${(open / base).toFixed(1)}x baseline; goal < 150 ms: ${open < 150 ? 'met' : 'NOT met'})`);
    console.log(`next item (replace shown item):        ${next.toFixed(1)} ms (${(next / base).toFixed(1)}x baseline; goal < 100 ms: ${next < 100 ? 'met' : 'NOT met'})`);
  } finally {
    await h.close();
  }
}

void main();
