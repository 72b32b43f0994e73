// Checks the bundled sample workspace (sample/): that every file is in the documented format
// (docs/formats.md §1–§3), that the computed parts (spans, ids, hashes) are right, and that the
// committed files are exactly what scripts/make-sample.ts generates.
// Deliberately independent of the project's loaders and stores, so that a bug there cannot hide a
// bug here: only the shared types are imported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANNOTATIONS_SCHEMA, TRACE_SCHEMA, type AnnotationFile, type Trace } from '../../../src/core/types';
import { foldedEqual } from '../../../src/core/text/fold';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sample = path.join(root, 'sample');
const LANGS = ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'];
const STALE = { annotator: 'dr-kato', itemId: 'qa-ja-002' };

interface Row {
  id: string;
  lang: string;
  task: string;
  source: string;
  text: string;
  text_en: string;
  label: string | null;
}

function jsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l, i) => {
      try {
        return JSON.parse(l) as T;
      } catch (e) {
        throw new Error(`${file}:${i + 1}: ${(e as Error).message}`);
      }
    });
}

const rows = jsonl<Row>(path.join(sample, 'multimedx-sample.jsonl'));
const traces = jsonl<Trace>(path.join(sample, 'multimedx-sample.traces.jsonl'));
const annotationDir = path.join(sample, 'annotations', 'multimedx-sample');
const allAnnotationFiles = readdirSync(annotationDir).filter((f) => f.endsWith('.json')).sort();
/** The physicians' files; the LLM judge's (role "model") is checked on its own below. */
const annotationFiles = allAnnotationFiles.filter((f) => !f.startsWith('judge-'));

/** Sorted-keys JSON, written independently of the generator's own implementation. */
function canonical(v: unknown): string {
  return JSON.stringify(v, function (this: unknown, _key: string, value: unknown) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return value;
  });
}
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

test('canonical JSON sorts keys recursively and keeps array order', () => {
  assert.equal(canonical({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 'x' } }), '{"a":{"c":"x","d":[2,{"e":0,"f":1}]},"b":1}');
});

test('dataset: seven languages, at least 2 QA and 2 NLI each, balanced NLI labels', () => {
  for (const lang of LANGS) {
    const mine = rows.filter((r) => r.lang === lang);
    assert.ok(mine.filter((r) => r.task === 'qa').length >= 2, `${lang} QA`);
    assert.ok(mine.filter((r) => r.task === 'nli').length >= 2, `${lang} NLI`);
  }
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'ids are unique');
  for (const r of rows) {
    assert.match(r.id, new RegExp(`^${r.task}-${r.lang}-\\d{3}$`));
    assert.equal(r.source, r.task === 'qa' ? 'LiveQA' : 'BioNLI');
    assert.equal(r.task === 'nli', r.label !== null, `${r.id}: label only on NLI`);
    assert.ok(r.text_en.length > 0 && r.text.length > 0);
    assert.equal(r.text, r.text.normalize('NFC'), `${r.id}: dataset text is NFC`);
  }
  const labels = rows.filter((r) => r.task === 'nli').map((r) => r.label);
  assert.equal(labels.filter((l) => l === 'entailment').length, labels.filter((l) => l === 'contradiction').length);
});

test('dataset: per-language markers, one leading newline, one full-width colon', () => {
  const qa: Record<string, [string, string]> = {
    zh: ['问题', '答案'], ja: ['質問', '回答'], ko: ['질문', '답변'], sw: ['Swali', 'Jibu'],
    th: ['Question', 'Answer'], yo: ['Ìbéèrè', 'Ìdáhùn'], zu: ['Umbuzo', 'Impendulo'],
  };
  const nli: Record<string, [string, string]> = { zh: ['前提', '假设'], ja: ['前提', '仮説'], ko: ['전제', '가설'] };
  for (const r of rows) {
    const [m1, m2] = r.task === 'qa' ? qa[r.lang] : (nli[r.lang] ?? ['Premise', 'Hypothesis']);
    const body = r.text.replace(/^\n+/, '');
    assert.ok(body.startsWith(`${m1}:`) || body.startsWith(`${m1}：`), `${r.id} starts with ${m1}`);
    assert.ok(body.includes(`\n${m2}:`) || body.includes(`\n${m2}：`), `${r.id} has ${m2} on its own line`);
    const [e1, e2] = r.task === 'qa' ? ['Question:', 'Answer:'] : ['Premise:', 'Hypothesis:'];
    assert.ok(r.text_en.startsWith(e1) && r.text_en.includes(`\n${e2}`), `${r.id} English markers`);
  }
  assert.ok(rows.some((r) => r.text.startsWith('\n')), 'an item with a leading newline');
  assert.ok(rows.some((r) => r.text.includes('：\n')), 'an item with a full-width colon');
});

test('traces: one per dataset item, schema, stable id', () => {
  assert.equal(traces.length, rows.length);
  const byItem = new Map(traces.map((t) => [t.itemId, t]));
  for (const r of rows) {
    const t = byItem.get(r.id);
    assert.ok(t, `trace for ${r.id}`);
    assert.equal(t.schema, TRACE_SCHEMA);
    assert.equal(t.lang, r.lang);
    assert.equal(t.task, r.task);
    assert.equal(t.config.model, 'sample-cached');
    assert.equal(t.id, sha256(canonical({ itemId: t.itemId, config: t.config })).slice(0, 24), `${t.itemId}: stable trace id`);
    assert.ok(!Number.isNaN(Date.parse(t.createdAt)));
    for (const s of Object.values(t.stages)) assert.ok(s.ms >= 0 && s.attempts >= 1 && typeof s.cached === 'boolean');
    assert.ok(t.final.response.length > 0 && t.final.answer.length > 0);
  }
  assert.ok(traces.filter((t) => t.errors.length > 0).length >= 2, 'a couple of traces record errors');
  assert.ok(traces.some((t) => t.errors.some((e) => e.stage === 'retrieve')), 'a retrieval timeout');
});

test('traces: every span covers its concept text (folded as the pipeline and the highlighter fold, core/text/fold)', () => {
  let empty = 0;
  for (const t of traces) {
    for (const side of [t.english, t.local]) {
      for (const c of side.concepts) {
        if (c.spans.length === 0) empty++;
        let last = 0;
        for (const [start, end] of c.spans) {
          assert.ok(Number.isInteger(start) && start >= last && end > start && end <= side.reasoning.length, `${t.itemId} ${c.id} span order/bounds`);
          assert.ok(foldedEqual(side.reasoning.slice(start, end), c.text), `${t.itemId} ${c.id}: ${side.reasoning.slice(start, end)}`);
          last = end;
        }
      }
    }
  }
  assert.ok(empty >= 1, 'at least one concept could not be located');
});

test('traces: the Yoruba NFD case is located in the un-normalised text', () => {
  const nfd = traces.filter((t) => t.local.reasoning !== t.local.reasoning.normalize('NFC'));
  assert.ok(nfd.some((t) => t.lang === 'yo'), 'a Yoruba reasoning with a decomposed word');
  for (const t of nfd) {
    const raw = t.local.concepts.filter((c) => c.spans.some(([s, e]) => t.local.reasoning.slice(s, e) !== c.text));
    assert.ok(raw.length >= 1, `${t.itemId}: a span whose raw text differs from its NFC concept`);
  }
});

test('traces: alignment refers to existing concepts and the fused chain places them', () => {
  for (const t of traces) {
    const en = new Set(t.english.concepts.map((c) => c.id));
    const loc = new Set(t.local.concepts.map((c) => c.id));
    for (const id of loc) assert.ok(id.startsWith(`${t.lang}-`), `${t.itemId}: ${id} prefix`);
    for (const p of t.alignment.pairs) {
      assert.ok(loc.has(p.local) && en.has(p.english), `${t.itemId}: pair ${p.local}/${p.english}`);
      assert.ok(p.similarity >= t.config.alignThreshold && p.similarity <= 1);
      assert.equal(t.alignment.fused[p.insertAt], p.local, `${t.itemId}: insertAt of ${p.local}`);
    }
    for (const o of t.alignment.localOnly) {
      assert.ok(loc.has(o.local), `${t.itemId}: local-only ${o.local}`);
      assert.ok(o.nearest === null || en.has(o.nearest));
      assert.ok(o.similarity !== null && o.similarity < t.config.alignThreshold);
    }
    for (const id of t.alignment.fused) assert.ok(en.has(id) || loc.has(id), `${t.itemId}: fused ${id}`);
    for (const id of en) assert.ok(t.alignment.fused.includes(id), `${t.itemId}: ${id} in the fused chain`);
  }
  assert.ok(traces.some((t) => t.alignment.localOnly.length > 0));
});

test('knowledge base: chunks in the local language, referenced by the traces', () => {
  const docs = new Map<string, { lang: string }>();
  for (const lang of LANGS) {
    const dir = path.join(sample, 'kb', lang);
    const chunks = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).flatMap((f) => jsonl<{ id: string; title: string; content: string; lang: string }>(path.join(dir, f)));
    assert.ok(chunks.length >= 5 && chunks.length <= 10, `${lang}: 5-10 chunks`);
    for (const c of chunks) {
      assert.deepEqual(Object.keys(c), ['id', 'title', 'content', 'lang']);
      assert.equal(c.lang, lang);
      assert.ok(!docs.has(c.id), `unique ${c.id}`);
      docs.set(c.id, c);
    }
  }
  for (const t of traces) {
    for (const r of t.retrieval) {
      assert.equal(docs.get(r.docId)?.lang, t.lang, `${t.itemId}: ${r.docId}`);
      assert.equal(r.lang, t.lang);
    }
  }
});

test('annotations: format, ratings, and trace hashes (one deliberately stale)', () => {
  assert.deepEqual(annotationFiles, ['dr-amara.json', 'dr-chen.json', 'dr-kato.json']);
  const traceById = new Map(traces.map((t) => [t.itemId, t]));
  const flags = new Set(['wrong_language', 'inappropriate_terminology', 'unavailable_locally', 'hallucination', 'unsafe']);
  const stale: string[] = [];
  const scores = new Map<string, number[]>();
  let nulls = 0;
  for (const f of annotationFiles) {
    const text = readFileSync(path.join(annotationDir, f), 'utf8');
    const file = JSON.parse(text) as AnnotationFile;
    assert.equal(text, JSON.stringify(file, null, 2) + '\n', `${f}: pretty-printed, newline at end`);
    assert.equal(file.schema, ANNOTATIONS_SCHEMA);
    assert.equal(file.dataset, 'multimedx-sample');
    assert.deepEqual(file.rubric, { id: 'medco-expert', version: 1 });
    assert.equal(`${file.annotator.id}.json`, f);
    for (const [itemId, e] of Object.entries(file.items)) {
      const t = traceById.get(itemId);
      assert.ok(t, `${f}: ${itemId} is in the dataset`);
      assert.ok(file.annotator.languages?.includes(t.lang), `${f}: ${itemId} in the annotator's languages`);
      assert.equal(e.traceId, t.id);
      if (e.traceSha256 !== sha256(canonical(t))) stale.push(`${file.annotator.id}/${itemId}`);
      assert.equal(e.revision, e.history.length + 1);
      e.history.forEach((h, i) => assert.equal(h.revision, i + 1));
      for (const dim of ['clinical_soundness', 'cultural_grounding']) {
        const v = e.rating[dim];
        assert.ok(v === null || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5), `${f} ${itemId} ${dim}`);
        if (v === null) nulls++;
        else scores.set(`${itemId}/${dim}`, [...(scores.get(`${itemId}/${dim}`) ?? []), v as number]);
      }
      for (const fl of e.rating.flags ?? []) assert.ok(flags.has(fl), `${f}: flag ${fl}`);
      for (const key of Object.keys(e.concepts ?? {})) {
        const ids = key.startsWith('pair:') ? key.slice(5).split('/') : [key];
        const known = new Set([...t.english.concepts, ...t.local.concepts].map((c) => c.id));
        for (const id of ids) assert.ok(known.has(id), `${f} ${itemId}: concept ${id}`);
      }
    }
  }
  assert.deepEqual(stale, [`${STALE.annotator}/${STALE.itemId}`]);
  assert.ok(nulls >= 2, 'some "not assessable" ratings');
  const spreads = [...scores.values()].filter((v) => v.length >= 2).map((v) => Math.max(...v) - Math.min(...v));
  assert.ok(spreads.filter((s) => s >= 2).length >= 3, 'a handful of 2-3 point disagreements');
  assert.ok(spreads.filter((s) => s <= 1).length > spreads.length * 0.8, 'most items agree within one point');
});

test('the LLM judge\'s file: role "model", one current rating per item, prompt recorded, on the rubric', () => {
  assert.deepEqual(allAnnotationFiles.filter((f) => f.startsWith('judge-')), ['judge-sample-judge.json']);
  const text = readFileSync(path.join(annotationDir, 'judge-sample-judge.json'), 'utf8');
  const file = JSON.parse(text) as AnnotationFile;
  assert.equal(text, JSON.stringify(file, null, 2) + '\n');
  assert.equal(file.schema, ANNOTATIONS_SCHEMA);
  assert.equal(file.dataset, 'multimedx-sample');
  assert.deepEqual(file.annotator, { id: 'judge-sample-judge', role: 'model', model: 'sample-judge' });
  const promptSha = sha256(readFileSync(path.join(root, 'prompts', 'judge', 'v1', 'judge.md'), 'utf8').replace(/\r\n/g, '\n'));
  const traceById = new Map(traces.map((t) => [t.itemId, t]));
  assert.deepEqual(Object.keys(file.items).sort(), [...traceById.keys()].sort(), 'every item judged');
  for (const [itemId, e] of Object.entries(file.items)) {
    const t = traceById.get(itemId)!;
    assert.equal(e.traceId, t.id);
    assert.equal(e.traceSha256, sha256(canonical(t)), `${itemId}: judged on the current trace`);
    assert.deepEqual(e.judge, { model: 'sample-judge', promptVersion: 'v1', promptSha256: promptSha });
    assert.equal(e.revision, 1);
    for (const dim of ['clinical_soundness', 'cultural_grounding']) {
      const v = e.rating[dim];
      assert.ok(v === null || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5), `${itemId} ${dim}`);
    }
    assert.ok(typeof e.rating.comment === 'string' && e.rating.comment.length > 10, `${itemId}: a rationale`);
  }
});

test('medco stats on the sample: physicians only by default, and the judge against the physicians', () => {
  const stats = (...extra: string[]) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), 'stats', path.join(sample, 'annotations'), '--bootstrap', '0', ...extra], { cwd: root, encoding: 'utf8' });
    return out;
  };
  const doc = JSON.parse(stats('--json'));
  assert.deepEqual(doc.annotators, ['dr-amara', 'dr-chen', 'dr-kato']);
  const cs = doc.judges['judge-sample-judge'].clinical_soundness;
  assert.equal(cs.n, 28);
  assert.ok(cs.kappa_quadratic_vs_median > 0.5 && cs.kappa_quadratic_vs_median <= 1, `kappa ${cs.kappa_quadratic_vs_median}`);
  assert.equal(cs.alpha_ordinal_without, doc.dimensions.clinical_soundness.agreement.krippendorff_alpha.ordinal);
  assert.equal(typeof cs.alpha_ordinal_with, 'number');
  assert.equal(cs.bias_ci95.length, 2);
  assert.ok(cs.bias_ci95[0] <= cs.bias && cs.bias <= cs.bias_ci95[1]);
  // nli-th-001: the judge found cultural grounding not assessable, as did one physician.
  assert.equal(doc.judges['judge-sample-judge'].cultural_grounding.n, 27);

  const all = JSON.parse(stats('--json', '--annotators', 'all'));
  assert.deepEqual(all.annotators, ['dr-amara', 'dr-chen', 'dr-kato', 'judge-sample-judge']);
  const text = stats();
  assert.match(text, /Judges against physicians/);
  assert.match(text, /judge-sample-judge\s+clinical_soundness\s+28\s/);
});

test('settings point the extension at the sample', () => {
  const settings = JSON.parse(readFileSync(path.join(sample, '.vscode', 'settings.json'), 'utf8'));
  assert.deepEqual(settings, { 'medco.annotationsDir': 'annotations', 'medco.dataset': 'multimedx-sample.jsonl' });
});

test('the committed sample is exactly what the generator writes', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'medco-sample-'));
  try {
    execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'make-sample.ts'), out], { cwd: root, stdio: 'pipe' });
    const list = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
      .sort();
    const generated = list(out);
    // sample/source/ is the generator's input, not part of the workspace it writes.
    const committed = list(sample).filter((f) => !f.startsWith(`source${path.sep}`));
    assert.deepEqual(committed, generated);
    for (const f of generated) assert.equal(readFileSync(path.join(sample, f), 'utf8'), readFileSync(path.join(out, f), 'utf8'), f);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
