// Generates the bundled sample workspace (sample/): a small MultiMed-X-style dataset in all seven
// languages, one cached co-reasoning trace per item, a per-language knowledge base and three
// annotators' ratings. The hand-written content is data in sample/source/ (read and checked by
// scripts/sample/source.ts); everything derived from it (concept spans, fused chains, trace ids,
// trace hashes, stage figures) is computed here so that it can never drift from the text it describes.
//
//   node --import tsx scripts/make-sample.ts            # writes sample/
//   node --import tsx scripts/make-sample.ts <outDir>   # writes elsewhere (the tests compare)
//
// Output is deterministic: no clock, no randomness (pseudo-random figures come from hashes).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANNOTATIONS_SCHEMA, TRACE_SCHEMA } from '../src/core/types';
import type { AnnotationEntry, AnnotationFile, Concept, HistoryEntry, Rating, RetrievedDoc, Span, StageRecord, Task as AnyTask, Trace, TraceConfig, TraceSide } from '../src/core/types';

/** The sample has QA and NLI items only. */
type Task = Exclude<AnyTask, 'mcq'>;
// The project's own identities and serialisation, so that the sample is byte-for-byte what the
// pipeline and the annotation store would write: traceId = sha256(canonical {itemId, config})
// (24 hex), traceSha256 = sha256 of the trace's canonical JSON (keys sorted recursively by UTF-16
// code unit, no whitespace), annotation files in the store's stable key order.
import { traceId, traceSha256 } from '../src/core/traces';
import { stableStringify } from '../src/core/store/stableJson';
import { findAllFolded, foldText } from '../src/core/text/fold';
import { judgeAnnotatorId, loadJudgePrompt, MODEL_ROLE } from '../src/core/judge';
import { ANNOTATORS, JUDGES, LANGS, markers, PAIRWISE, readSource, SOURCE } from './sample/source';
import type { AnnotatorSpec, ItemSpec, JudgeSpec, KbChunk, Lang, RatingSpec, SideSpec, TextSpec } from './sample/source';
import { comparisonKey, createStudy, pairSides, serializeStudyFile } from '../src/core/study';
import type { ComparisonEntry } from '../src/core/types';

// ---------------------------------------------------------------- helpers

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** Deterministic pseudo-random integer in [min, max] derived from a key. */
function hashInt(key: string, min: number, max: number): number {
  return min + (parseInt(sha256(key).slice(0, 8), 16) % (max - min + 1));
}

/**
 * Every non-overlapping occurrence of `needle` in `text` as UTF-16 [start, end) offsets of the
 * original text (the Yoruba sample writes one word decomposed), compared by the same folding rule
 * as the pipeline and the review panel's highlighter (core/text/fold).
 */
export function locate(text: string, needle: string): Span[] {
  return findAllFolded(foldText(text), needle);
}

function joinText(lang: Lang | 'en', task: Task, t: TextSpec, opts: { leadingNewline?: boolean; fullWidthColon?: boolean }): string {
  let [m1, m2] = markers(lang)[task];
  if (opts.fullWidthColon) [m1, m2] = [m1.replace(':', '：'), m2.replace(':', '：')];
  // The published files put each marker on its own line; the Swahili sample starts with "\n".
  return opts.leadingNewline ? `\n${m1}\n${t.a}\n\n${m2}\n${t.b}` : `${m1}\n${t.a}\n${m2}\n${t.b}`;
}

function parseId(id: string): { task: Task; lang: Lang } {
  const [task, lang] = id.split('-') as [Task, Lang];
  return { task, lang };
}

// ---------------------------------------------------------------- traces

const CONFIG: TraceConfig = { model: 'sample-cached', embeddingModel: 'sample-embedding', temperature: 0.7, alignThreshold: 0.7, topK: 5, retrieval: 'concepts', pipelineVersion: '1' };

function buildSide(item: ItemSpec, spec: SideSpec, prefix: string, question: string, translated: boolean | undefined, nfdWord?: string): TraceSide {
  let reasoning = spec.reasoning.join('\n').normalize('NFC');
  if (nfdWord) {
    const at = reasoning.indexOf(nfdWord.normalize('NFC'));
    if (at < 0) throw new Error(`${item.id}: nfdWord "${nfdWord}" not in the local reasoning`);
    reasoning = reasoning.slice(0, at) + nfdWord.normalize('NFD') + reasoning.slice(at + nfdWord.normalize('NFC').length);
  }
  const concepts: Concept[] = spec.concepts.map((c, i) => {
    const text = (typeof c === 'string' ? c : c.text).normalize('NFC');
    const spans = locate(reasoning, text);
    // Typos in the hand-written content would silently produce "could not locate": refuse them.
    const unlocated = typeof c !== 'string';
    if (unlocated !== (spans.length === 0)) {
      throw new Error(`${item.id}: concept ${prefix}-${i + 1} "${text}" ${unlocated ? 'was expected absent but occurs' : 'does not occur'} in the reasoning`);
    }
    return { id: `${prefix}-${i + 1}`, text, spans };
  });
  // Key order as in docs/formats.md §2; only the English side says whether it was machine-translated.
  const head = translated === undefined ? { question: question.normalize('NFC') } : { question: question.normalize('NFC'), translated };
  return { ...head, reasoning, answer: spec.answer.normalize('NFC'), concepts };
}

function traceQuestion(lang: Lang | 'en', task: Task, t: TextSpec): string {
  if (task === 'qa') return t.a;
  const [m1, m2] = markers(lang).nli;
  return `${m1} ${t.a}\n${m2} ${t.b}`;
}

function stageRecord(itemId: string, stage: string, promptText: string, completionText: string, cached: boolean, attempts = 1): StageRecord {
  // Roughly 4 characters per token for Latin scripts, fewer for CJK/Thai; good enough for a sample.
  const tokens = (s: string) => Math.max(1, Math.round(s.length / 3));
  return {
    ms: hashInt(`${itemId}/${stage}/ms`, 250, 2400) * attempts,
    attempts,
    usage: { prompt_tokens: 180 + tokens(promptText), completion_tokens: tokens(completionText) },
    cached,
  };
}

function buildTrace(item: ItemSpec, kb: Map<string, KbChunk & { lang: string }>): Trace {
  const { task, lang } = parseId(item.id);
  const t = item.trace;
  const response = t.final.response.join('\n');
  const english = buildSide(item, t.en, 'en', traceQuestion('en', task, item.english), false);
  const local = buildSide(item, t.loc, lang, traceQuestion(lang, task, item.local), undefined, t.nfdWord);

  const conceptId = (side: TraceSide, prefix: string, n: number) => {
    if (n < 1 || n > side.concepts.length) throw new Error(`${item.id}: no ${side === english ? 'English' : 'local'} concept ${n}`);
    return `${prefix}-${n}`;
  };
  const enId = (n: number) => conceptId(english, 'en', n);
  const locId = (n: number) => conceptId(local, lang, n);

  // Position-aware fusion: the English chain, with each matched local concept placed next to its
  // English counterpart. insertAt is the local concept's index in the final chain.
  const fused = english.concepts.map((c) => c.id);
  for (const [l, e, , side] of t.pairs) {
    const at = fused.indexOf(enId(e));
    fused.splice(side === 'before' ? at : at + 1, 0, locId(l));
  }
  const pairs = t.pairs.map(([l, e, similarity]) => {
    if (similarity < CONFIG.alignThreshold) throw new Error(`${item.id}: pair below threshold`);
    return { local: locId(l), english: enId(e), similarity, insertAt: fused.indexOf(locId(l)) };
  });
  const localOnly = t.localOnly.map(([l, e, similarity]) => {
    if (similarity >= CONFIG.alignThreshold) throw new Error(`${item.id}: local-only concept above threshold`);
    return { local: locId(l), nearest: e === null ? null : enId(e), similarity };
  });
  const covered = new Set([...pairs.map((p) => p.local), ...localOnly.map((p) => p.local)]);
  for (const c of local.concepts) if (!covered.has(c.id)) throw new Error(`${item.id}: ${c.id} neither aligned nor local-only`);

  const byId = new Map([...english.concepts, ...local.concepts].map((c) => [c.id, c.text]));
  const query = fused.map((id) => byId.get(id)).join(' ');
  const retrieval: RetrievedDoc[] = t.retrieval.map(([docId, score]) => {
    const doc = kb.get(docId);
    if (!doc || doc.lang !== lang) throw new Error(`${item.id}: retrieval refers to unknown ${lang} document ${docId}`);
    return { docId, lang, title: doc.title, score, query };
  });

  const errors = t.errors ?? [];
  const failed = (stage: string) => errors.some((e) => e.stage === stage);
  // A stage with a recorded problem was retried once (the retrieve timeout: three times, below).
  const tries = (stage: string) => (failed(stage) ? 2 : 1);
  const cachedAll = hashInt(`${item.id}/cached`, 0, 3) === 0;
  const stages: Record<string, StageRecord> = {
    reason_en: stageRecord(item.id, 'reason_en', english.question, english.reasoning, cachedAll),
    reason_local: stageRecord(item.id, 'reason_local', local.question, local.reasoning, cachedAll),
    abstract_en: stageRecord(item.id, 'abstract_en', english.reasoning, english.concepts.map((c) => c.text).join('\n'), cachedAll, tries('abstract_en')),
    abstract_local: stageRecord(item.id, 'abstract_local', local.reasoning, local.concepts.map((c) => c.text).join('\n'), cachedAll, tries('abstract_local')),
    align: { ms: hashInt(`${item.id}/align/ms`, 40, 220), attempts: 1, usage: { prompt_tokens: 8 * (english.concepts.length + local.concepts.length) }, cached: cachedAll },
    retrieve: failed('retrieve') ? { ms: 90000, attempts: 3, cached: false } : { ms: hashInt(`${item.id}/retrieve/ms`, 3, 30), attempts: 1, cached: false },
    synthesize: stageRecord(item.id, 'synthesize', query + retrieval.map((r) => r.title).join(' '), response, cachedAll),
  };

  const config = { ...CONFIG };
  return {
    schema: TRACE_SCHEMA,
    id: traceId(item.id, config),
    itemId: item.id,
    lang,
    task,
    createdAt: `2026-11-${String(SOURCE[lang].createdDay).padStart(2, '0')}T${String(8 + hashInt(`${item.id}/h`, 0, 9)).padStart(2, '0')}:${String(hashInt(`${item.id}/m`, 0, 59)).padStart(2, '0')}:00.000Z`,
    config,
    english,
    local,
    alignment: { pairs, localOnly, fused },
    retrieval,
    final: { response: response.normalize('NFC'), answer: t.final.answer.normalize('NFC') },
    stages,
    errors,
  };
}

// ---------------------------------------------------------------- annotations

/** The one rating made on an earlier version of its trace (the "stale rating" scenario). */
export const STALE = { annotator: 'dr-kato', itemId: 'qa-ja-002' };

function buildRating(spec: RatingSpec | { cs: number | null; cg: number | null; flags?: string[]; comment?: string }): Rating {
  const rating: Rating = { clinical_soundness: spec.cs, cultural_grounding: spec.cg };
  if (spec.flags && spec.flags.length > 0) rating.flags = [...spec.flags];
  if (spec.comment) rating.comment = spec.comment.normalize('NFC');
  return rating;
}

const isoAt = (day: number, minutes: number): string => new Date(Date.UTC(2026, 10, day, 9, 0, 0) + minutes * 60_000).toISOString();

function buildAnnotations(spec: AnnotatorSpec, items: ItemSpec[], traces: Map<string, Trace>): AnnotationFile {
  const entries: Record<string, AnnotationEntry> = {};
  let clock = 0; // minutes since the session started
  for (const item of items) {
    const r = spec.ratings[item.id];
    if (!r) continue;
    const trace = traces.get(item.id)!;
    let sha = traceSha256(trace);
    if (spec.id === STALE.annotator && item.id === STALE.itemId) {
      // Rated before the trace was regenerated: the hash is of the earlier version, whose final
      // answer had not yet been re-synthesised with the retrieved documents.
      sha = traceSha256({ ...trace, createdAt: '2026-11-01T08:00:00.000Z', final: { ...trace.final, response: 'earlier response' } });
    }
    for (const key of Object.keys(r.concepts ?? {})) {
      const ids = key.startsWith('pair:') ? key.slice(5).split('/') : [key];
      const known = new Set([...trace.english.concepts, ...trace.local.concepts].map((c) => c.id));
      for (const id of ids) if (!known.has(id)) throw new Error(`${spec.id}/${item.id}: concept judgement on unknown ${id}`);
    }
    const history: HistoryEntry[] = (r.history ?? []).map(([cs, cg, comment], i) => {
      clock += hashInt(`${spec.id}/${item.id}/h${i}`, 2, 9);
      return { revision: i + 1, rating: buildRating({ cs, cg, comment }), updatedAt: isoAt(spec.day, clock), durationMs: hashInt(`${spec.id}/${item.id}/hd${i}`, 15, 120) * 1000, traceId: trace.id, traceSha256: sha };
    });
    clock += hashInt(`${spec.id}/${item.id}/t`, 2, 9);
    entries[item.id] = {
      traceId: trace.id,
      traceSha256: sha,
      revision: history.length + 1,
      rating: buildRating(r),
      ...(r.concepts ? { concepts: r.concepts } : {}),
      updatedAt: isoAt(spec.day + (history.length > 0 ? 1 : 0), clock),
      durationMs: hashInt(`${spec.id}/${item.id}/d`, 25, 240) * 1000,
      history,
    };
  }
  return {
    schema: ANNOTATIONS_SCHEMA,
    dataset: 'multimedx-sample',
    annotator: { id: spec.id, languages: spec.languages, role: 'annotator' },
    rubric: { id: 'medco-expert', version: 1 },
    items: entries,
  };
}

/**
 * An LLM judge's file as `medco judge` writes it: role "model", one revision per item on the
 * current trace, the judge prompt's version and hash (prompts/judge/v1/judge.md) in each entry.
 */
function buildJudgeFile(spec: JudgeSpec, items: ItemSpec[], traces: Map<string, Trace>): AnnotationFile {
  const prompt = loadJudgePrompt();
  const entries: Record<string, AnnotationEntry> = {};
  let seconds = 0;
  for (const item of items) {
    const r = spec.ratings[item.id];
    if (!r) continue;
    const trace = traces.get(item.id)!;
    seconds += hashInt(`${spec.model}/${item.id}/s`, 3, 12);
    const rating = buildRating({ cs: r.cs, cg: r.cg, flags: r.flags, comment: r.rationale });
    entries[item.id] = {
      traceId: trace.id,
      traceSha256: traceSha256(trace),
      revision: 1,
      rating,
      updatedAt: new Date(Date.UTC(2026, 10, spec.day, 14, 0, 0) + seconds * 1000).toISOString(),
      judge: { model: spec.model, promptVersion: prompt.version, promptSha256: prompt.sha256 },
      history: [],
    };
  }
  return {
    schema: ANNOTATIONS_SCHEMA,
    dataset: 'multimedx-sample',
    annotator: { id: judgeAnnotatorId(spec.model), role: MODEL_ROLE, model: spec.model },
    rubric: { id: 'medco-expert', version: 1 },
    items: entries,
  };
}

// ---------------------------------------------------------------- output

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, 'utf8');
}

function generate(outDir: string): void {
  const items = LANGS.flatMap((l) => SOURCE[l].items);

  const kb = new Map<string, KbChunk & { lang: string }>();
  for (const lang of LANGS) {
    const chunks = SOURCE[lang].kb.map((c) => ({ id: c.id, title: c.title.normalize('NFC'), content: c.content.normalize('NFC'), lang }));
    for (const c of chunks) kb.set(c.id, c);
    write(path.join(outDir, 'kb', lang, `${lang}-clinical-notes.jsonl`), chunks.map((c) => JSON.stringify(c)).join('\n') + '\n');
  }

  const rows = items.map((it) => {
    const { task, lang } = parseId(it.id);
    const text = joinText(lang, task, { a: it.local.a.normalize('NFC'), b: it.local.b.normalize('NFC') }, it);
    const textEn = joinText('en', task, it.english, {});
    return { id: it.id, lang, task, source: task === 'qa' ? 'LiveQA' : 'BioNLI', text, text_en: textEn, label: it.label ?? null };
  });
  write(path.join(outDir, 'multimedx-sample.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

  const traces = new Map(items.map((it) => [it.id, buildTrace(it, kb)]));
  write(path.join(outDir, 'multimedx-sample.traces.jsonl'), [...traces.values()].map((t) => JSON.stringify(t)).join('\n') + '\n');

  for (const a of ANNOTATORS) {
    const file = buildAnnotations(a, items, traces);
    write(path.join(outDir, 'annotations', 'multimedx-sample', `${a.id}.json`), stableStringify(file));
  }
  for (const j of JUDGES) {
    const file = buildJudgeFile(j, items, traces);
    write(path.join(outDir, 'annotations', 'multimedx-sample', `${file.annotator.id}.json`), stableStringify(file));
  }

  generatePairwise(outDir, rows, traces);

  write(path.join(outDir, '.vscode', 'settings.json'), JSON.stringify({ 'medco.annotationsDir': 'annotations', 'medco.dataset': 'multimedx-sample.jsonl' }, null, 2) + '\n');
  write(path.join(outDir, 'README.md'), readSource('workspace-readme.md'));
}

// ---------------------------------------------------------------- pairwise study

/**
 * A baseline configuration's trace: the model answered in the local language directly, without
 * co-reasoning (no English reasoning, no concepts, no retrieval). Same identities as the pipeline.
 */
function directTrace(base: Trace, spec: { response: string[]; answer: string }): Trace {
  const config = { ...CONFIG, name: PAIRWISE.configs[1], retrieval: 'question' as const };
  const response = spec.response.join('\n').normalize('NFC');
  return {
    ...base,
    id: traceId(base.itemId, config),
    createdAt: base.createdAt.replace(/T\d\d/, 'T19'),
    config,
    english: { question: base.english.question, translated: false, reasoning: '', answer: '', concepts: [] },
    local: { question: base.local.question, reasoning: response, answer: spec.answer.normalize('NFC'), concepts: [] },
    alignment: { pairs: [], localOnly: [], fused: [] },
    retrieval: [],
    final: { response, answer: spec.answer.normalize('NFC') },
    stages: { answer_direct: stageRecord(base.itemId, 'answer_direct', base.local.question, response, false) },
    errors: [],
  };
}

/**
 * `multimedx-pairwise`: a blind comparison of co-reasoning against the direct baseline on a few
 * items (sample/source/pairwise.json): both configurations' traces, the study file written by the
 * same code as `medco study create`, and judgements saved as the store saves them. A workspace of
 * its own (sample/pairwise/), so that the main sample's annotations folder keeps one dataset.
 */
function generatePairwise(sampleDir: string, rows: { id: string; lang: string; task: Task }[], traces: Map<string, Trace>): void {
  const outDir = path.join(sampleDir, 'pairwise');
  const [main, baseline] = PAIRWISE.configs;
  const ids = Object.keys(PAIRWISE.items);
  const pairRows = ids.map((id) => rows.find((r) => r.id === id) ?? fail(`pairwise: unknown item ${id}`));
  const allRows = readSampleRows(sampleDir);
  write(path.join(outDir, `${PAIRWISE.dataset}.jsonl`), ids.map((id) => allRows.get(id)!).join('\n') + '\n');
  const pairTraces = new Map<string, Record<string, Trace>>();
  for (const id of ids) {
    const original = traces.get(id)!;
    const config = { ...original.config, name: main };
    const co = { ...original, id: traceId(id, config), config };
    pairTraces.set(id, { [main]: co, [baseline]: directTrace(co, PAIRWISE.items[id].direct) });
  }
  write(path.join(outDir, `${PAIRWISE.dataset}.traces.jsonl`), [...pairTraces.values()].flatMap((t) => [t[main], t[baseline]]).map((t) => JSON.stringify(t)).join('\n') + '\n');

  const study = createStudy({
    dataset: PAIRWISE.dataset,
    items: pairRows.map((r) => ({ id: r.id, lang: r.lang, task: r.task })),
    annotators: PAIRWISE.annotators,
    overlap: PAIRWISE.overlap,
    seed: PAIRWISE.seed,
    mode: 'pairwise',
    configs: PAIRWISE.configs,
    calibration: PAIRWISE.calibration,
    hide: PAIRWISE.hide,
  });
  const dir = path.join(outDir, 'annotations', PAIRWISE.dataset);
  write(path.join(dir, '_study.json'), serializeStudyFile(study));

  for (const annotator of PAIRWISE.annotators) {
    const comparisons: Record<string, ComparisonEntry> = {};
    let clock = 0;
    for (const [itemId, j] of Object.entries(PAIRWISE.judgements[annotator.id] ?? {})) {
      if (!study.assignments[annotator.id].includes(itemId)) fail(`pairwise: ${annotator.id} judges ${itemId}, which the study does not assign them`);
      const t = pairTraces.get(itemId)!;
      clock += hashInt(`${annotator.id}/${itemId}/pair`, 2, 9);
      comparisons[comparisonKey(itemId, main, baseline)] = {
        sides: pairSides(study.seed, annotator.id, itemId, main, baseline),
        traceIds: { [main]: t[main].id, [baseline]: t[baseline].id },
        traceSha256: { [main]: traceSha256(t[main]), [baseline]: traceSha256(t[baseline]) },
        revision: 1,
        winner: j.winner,
        ...(j.comment ? { comment: j.comment.normalize('NFC') } : {}),
        updatedAt: isoAt(20, clock),
        durationMs: hashInt(`${annotator.id}/${itemId}/pair-d`, 30, 180) * 1000,
        history: [],
      };
    }
    if (Object.keys(comparisons).length === 0) continue;
    const file: AnnotationFile = {
      schema: ANNOTATIONS_SCHEMA,
      dataset: PAIRWISE.dataset,
      annotator: { id: annotator.id, languages: annotator.languages, role: 'annotator' },
      rubric: { id: 'medco-expert', version: 1 },
      items: {},
      comparisons,
    };
    write(path.join(dir, `${annotator.id}.json`), stableStringify(file));
  }
  write(path.join(outDir, '.vscode', 'settings.json'), JSON.stringify({ 'medco.annotationsDir': 'annotations', 'medco.dataset': `${PAIRWISE.dataset}.jsonl` }, null, 2) + '\n');
}

function fail(message: string): never {
  throw new Error(message);
}

/** The dataset lines just written, by id (the pairwise dataset reuses them byte for byte). */
function readSampleRows(outDir: string): Map<string, string> {
  const lines = readFileSync(path.join(outDir, 'multimedx-sample.jsonl'), 'utf8').trim().split('\n');
  return new Map(lines.map((l) => [(JSON.parse(l) as { id: string }).id, l]));
}

// ---------------------------------------------------------------- main

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = path.resolve(process.argv[2] ?? path.join(root, 'sample'));
  generate(outDir);
  console.log(`sample written to ${outDir}`);
}
