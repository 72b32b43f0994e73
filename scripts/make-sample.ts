// Generates the bundled sample workspace (sample/): a small MultiMed-X-style dataset in all seven
// languages, one cached co-reasoning trace per item, a per-language knowledge base and three
// annotators' ratings. The content is hand-written below; everything derived from it (concept
// spans, fused chains, trace ids, trace hashes, stage figures) is computed here so that it can
// never drift from the text it describes.
//
//   node --import tsx scripts/make-sample.ts            # writes sample/
//   node --import tsx scripts/make-sample.ts <outDir>   # writes elsewhere (the tests compare)
//
// Output is deterministic: no clock, no randomness (pseudo-random figures come from hashes).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ANNOTATIONS_SCHEMA,
  TRACE_SCHEMA,
  type AnnotationEntry,
  type AnnotationFile,
  type Concept,
  type ConceptJudgement,
  type HistoryEntry,
  type NliLabel,
  type Rating,
  type RetrievedDoc,
  type Span,
  type StageRecord,
  type Task,
  type Trace,
  type TraceConfig,
  type TraceSide,
} from '../src/core/types';
// The project's own identities and serialisation, so that the sample is byte-for-byte what the
// pipeline and the annotation store would write: traceId = sha256(canonical {itemId, config})
// (24 hex), traceSha256 = sha256 of the trace's canonical JSON (keys sorted recursively by UTF-16
// code unit, no whitespace), annotation files in the store's stable key order.
import { traceId, traceSha256 } from '../src/core/traces';
import { stableStringify } from '../src/core/store/stableJson';
import { findAllFolded, foldText } from '../src/core/text/fold';

// ---------------------------------------------------------------- content types

type Lang = 'zh' | 'ja' | 'ko' | 'sw' | 'th' | 'yo' | 'zu';
const LANGS: Lang[] = ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'];

/** A concept is its exact text in the reasoning; `unlocated` marks one deliberately absent from it. */
type ConceptSpec = string | { text: string; unlocated: true };

interface SideSpec {
  reasoning: string;
  answer: string;
  concepts: ConceptSpec[];
}

/** QA: question + answer; NLI: premise + hypothesis. */
interface TextSpec {
  a: string;
  b: string;
}

interface ItemSpec {
  id: string;
  label?: NliLabel;
  local: TextSpec;
  english: TextSpec;
  /** Exercise the splitter: text starts with a newline / markers use the full-width colon. */
  leadingNewline?: boolean;
  fullWidthColon?: boolean;
  trace: {
    en: SideSpec;
    loc: SideSpec;
    /** [local concept number, English concept number, similarity, inserted before the English one?] */
    pairs: [number, number, number, ('before' | 'after')?][];
    /** [local concept number, nearest English concept number or null, similarity] */
    localOnly: [number, number | null, number][];
    /** [docId, BM25-like score] */
    retrieval: [string, number][];
    final: { response: string; answer: string };
    errors?: { stage: string; message: string }[];
    /** A word of the local reasoning written in NFD while its concept text is NFC. */
    nfdWord?: string;
  };
}

interface KbChunk {
  id: string;
  title: string;
  content: string;
}

interface RatingSpec {
  cs: number | null;
  cg: number | null;
  flags?: string[];
  comment?: string;
  concepts?: Record<string, ConceptJudgement>;
  /** Earlier saved states, oldest first: [clinical_soundness, cultural_grounding, comment?]. */
  history?: [number | null, number | null, string?][];
}

interface AnnotatorSpec {
  id: string;
  languages: string[];
  /** Day of November 2026 on which this annotator's session started. */
  day: number;
  ratings: Record<string, RatingSpec>;
}

// ---------------------------------------------------------------- markers (CONTRACTS §1)

const QA_MARKERS: Record<Lang | 'en', [string, string]> = {
  en: ['Question:', 'Answer:'],
  zh: ['问题:', '答案:'],
  ja: ['質問:', '回答:'],
  ko: ['질문:', '답변:'],
  sw: ['Swali:', 'Jibu:'],
  th: ['Question:', 'Answer:'], // the published Thai data uses the English markers
  yo: ['Ìbéèrè:', 'Ìdáhùn:'],
  zu: ['Umbuzo:', 'Impendulo:'],
};

const NLI_MARKERS: Record<Lang | 'en', [string, string]> = {
  en: ['Premise:', 'Hypothesis:'],
  zh: ['前提:', '假设:'],
  ja: ['前提:', '仮説:'],
  ko: ['전제:', '가설:'],
  sw: ['Premise:', 'Hypothesis:'],
  th: ['Premise:', 'Hypothesis:'],
  yo: ['Premise:', 'Hypothesis:'],
  zu: ['Premise:', 'Hypothesis:'],
};

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
  let [m1, m2] = (task === 'qa' ? QA_MARKERS : NLI_MARKERS)[lang];
  if (opts.fullWidthColon) [m1, m2] = [m1.replace(':', '：'), m2.replace(':', '：')];
  // The published files put each marker on its own line; the Swahili sample starts with "\n".
  return opts.leadingNewline ? `\n${m1}\n${t.a}\n\n${m2}\n${t.b}` : `${m1}\n${t.a}\n${m2}\n${t.b}`;
}

function parseId(id: string): { task: Task; lang: Lang } {
  const [task, lang] = id.split('-') as [Task, Lang];
  return { task, lang };
}

// ---------------------------------------------------------------- traces

const CONFIG: TraceConfig = {
  model: 'sample-cached',
  embeddingModel: 'sample-embedding',
  temperature: 0.7,
  alignThreshold: 0.7,
  topK: 5,
  retrieval: 'concepts',
  pipelineVersion: '1',
};

const CREATED_DAY: Record<Lang, number> = { zh: 2, ja: 3, ko: 4, sw: 5, th: 6, yo: 9, zu: 10 };

function buildSide(item: ItemSpec, spec: SideSpec, prefix: string, question: string, translated: boolean | undefined, nfdWord?: string): TraceSide {
  let reasoning = spec.reasoning.normalize('NFC');
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
  // Key order as in CONTRACTS §2; only the English side says whether it was machine-translated.
  const head = translated === undefined ? { question: question.normalize('NFC') } : { question: question.normalize('NFC'), translated };
  return { ...head, reasoning, answer: spec.answer.normalize('NFC'), concepts };
}

function traceQuestion(lang: Lang | 'en', task: Task, t: TextSpec): string {
  if (task === 'qa') return t.a;
  const [m1, m2] = NLI_MARKERS[lang];
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
  const english = buildSide(item, t.en, 'en', traceQuestion('en', task, item.english), false);
  const local = buildSide(item, t.loc, lang, traceQuestion(lang, task, item.local), undefined, t.nfdWord);

  const enId = (n: number) => {
    if (n < 1 || n > english.concepts.length) throw new Error(`${item.id}: no English concept ${n}`);
    return `en-${n}`;
  };
  const locId = (n: number) => {
    if (n < 1 || n > local.concepts.length) throw new Error(`${item.id}: no local concept ${n}`);
    return `${lang}-${n}`;
  };

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
    synthesize: stageRecord(item.id, 'synthesize', query + retrieval.map((r) => r.title).join(' '), t.final.response, cachedAll),
  };

  const config = { ...CONFIG };
  return {
    schema: TRACE_SCHEMA,
    id: traceId(item.id, config),
    itemId: item.id,
    lang,
    task,
    createdAt: `2026-11-${String(CREATED_DAY[lang]).padStart(2, '0')}T${String(8 + hashInt(`${item.id}/h`, 0, 9)).padStart(2, '0')}:${String(hashInt(`${item.id}/m`, 0, 59)).padStart(2, '0')}:00.000Z`,
    config,
    english,
    local,
    alignment: { pairs, localOnly, fused },
    retrieval,
    final: { response: t.final.response.normalize('NFC'), answer: t.final.answer.normalize('NFC') },
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

function isoAt(day: number, minutes: number): string {
  const d = new Date(Date.UTC(2026, 10, day, 9, 0, 0) + minutes * 60_000);
  return d.toISOString();
}

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
    const entry: AnnotationEntry = {
      traceId: trace.id,
      traceSha256: sha,
      revision: history.length + 1,
      rating: buildRating(r),
      ...(r.concepts ? { concepts: r.concepts } : {}),
      updatedAt: isoAt(spec.day + (history.length > 0 ? 1 : 0), clock),
      durationMs: hashInt(`${spec.id}/${item.id}/d`, 25, 240) * 1000,
      history,
    };
    entries[item.id] = entry;
  }
  return {
    schema: ANNOTATIONS_SCHEMA,
    dataset: 'multimedx-sample',
    annotator: { id: spec.id, languages: spec.languages, role: 'annotator' },
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
  const items = LANGS.flatMap((l) => CONTENT[l].items);
  const ids = new Set<string>();
  for (const it of items) {
    if (ids.has(it.id)) throw new Error(`duplicate item id ${it.id}`);
    ids.add(it.id);
    const { task } = parseId(it.id);
    if ((task === 'nli') !== (it.label !== undefined)) throw new Error(`${it.id}: NLI items and only they have a label`);
  }

  const kb = new Map<string, KbChunk & { lang: string }>();
  for (const lang of LANGS) {
    const chunks = CONTENT[lang].kb.map((c) => ({ id: c.id, title: c.title.normalize('NFC'), content: c.content.normalize('NFC'), lang }));
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
    for (const id of Object.keys(a.ratings)) if (!ids.has(id)) throw new Error(`${a.id}: rating for unknown item ${id}`);
    const file = buildAnnotations(a, items, traces);
    write(path.join(outDir, 'annotations', 'multimedx-sample', `${a.id}.json`), stableStringify(file));
  }

  write(path.join(outDir, '.vscode', 'settings.json'), JSON.stringify({ 'medco.annotationsDir': 'annotations', 'medco.dataset': 'multimedx-sample.jsonl' }, null, 2) + '\n');
  write(path.join(outDir, 'README.md'), README);
}

// ================================================================ content
// Hand-written for this sample in the MultiMed-X formats; not items of the published benchmark.
// NLI premises are in the style of BioNLI abstracts: those naming a trial summarise it for
// illustration and are not a citation.

const ZH: { items: ItemSpec[]; kb: KbChunk[] } = {
  items: [
    {
      id: 'qa-zh-001',
      local: {
        a: '我父亲今年68岁，查出高血压两年了，一直吃硝苯地平控释片。最近量血压都在130/80左右，他觉得已经好了，想把药停了，改喝邻居推荐的降压茶。这样可以吗？',
        b: '高血压通常需要长期治疗。血压降到正常往往是药物起作用的结果，而不是病已经治好了；自行停药可能使血压再次升高，增加脑卒中和心肌梗死的风险。是否减药应由医生根据家庭血压记录决定。降压茶等保健饮品不能代替降压药。同时应坚持低盐饮食（每天食盐少于5克）、规律运动、戒烟限酒，并定期复诊。',
      },
      english: {
        a: 'My father is 68 and was diagnosed with high blood pressure two years ago; he takes nifedipine controlled-release tablets. Recently his readings are around 130/80 and he thinks he is cured. He wants to stop the medicine and drink a blood-pressure tea a neighbour recommended instead. Is that OK?',
        b: 'High blood pressure usually needs long-term treatment. Normal readings are usually the effect of the medicine, not a sign that the disease is cured; stopping on his own can make the pressure rise again and increases the risk of stroke and heart attack. Whether to reduce the dose should be decided by his doctor based on home blood-pressure records. Herbal "blood-pressure teas" cannot replace antihypertensive medicine. He should also keep a low-salt diet (less than 5 g of salt a day), exercise regularly, stop smoking, limit alcohol and attend regular check-ups.',
      },
      trace: {
        en: {
          reasoning: `### Assessment

Readings of about 130/80 mmHg reflect **controlled blood pressure on treatment**, not a cure. Nifedipine is a calcium channel blocker; its effect wears off within days of stopping.

- Stopping abruptly can cause **rebound hypertension**.
- Uncontrolled hypertension raises the risk of **stroke** and myocardial infarction.
- Herbal teas have no proven antihypertensive effect and may interact with medicines.

### Advice

1. Continue nifedipine; any dose reduction should be decided with his doctor using a home blood-pressure log.
2. Keep salt below 5 g a day and stay physically active.`,
          answer: 'No. He should keep taking nifedipine, not replace it with tea, and discuss any dose change with his doctor.',
          concepts: ['controlled blood pressure on treatment', 'calcium channel blocker', 'rebound hypertension', 'stroke', 'Herbal teas', 'home blood-pressure log', 'salt'],
        },
        loc: {
          reasoning: `### 分析

血压130/80 mmHg说明**药物控制良好**，并不代表高血压已经治愈。硝苯地平属于钙通道阻滞剂，停药后几天内作用就会消失。

- 自行停药可能导致**血压反跳**，增加脑卒中风险。
- 我国居民食盐摄入普遍偏高，北方尤甚，**限盐**（每天少于5克）对老年高血压患者尤其重要。
- 降压茶属于保健饮品，不能代替药物。

### 建议

1. 继续服用硝苯地平，带上家庭血压记录到社区卫生服务中心复诊。
2. 35岁及以上高血压患者可享受**国家基本公共卫生服务**的免费随访管理，由**家庭医生**定期随访。`,
          answer: '不可以。应继续服用硝苯地平，不要用降压茶代替，是否减药由医生决定。',
          concepts: ['药物控制良好', '钙通道阻滞剂', '血压反跳', '脑卒中', '限盐', '降压茶', '家庭血压记录', '国家基本公共卫生服务', '家庭医生'],
        },
        pairs: [[1, 1, 0.86], [2, 2, 0.93], [3, 3, 0.9], [4, 4, 0.88], [5, 7, 0.74], [6, 5, 0.78], [7, 6, 0.91]],
        localOnly: [[8, 6, 0.41], [9, 6, 0.38]],
        retrieval: [['kb-zh-001', 8.4], ['kb-zh-002', 5.1]],
        final: {
          response: `不建议自行停药。您父亲目前血压在130/80 mmHg左右，是硝苯地平控释片起作用的结果；高血压一般需要长期服药，突然停药可能使血压反跳升高，增加脑卒中和心肌梗死的风险。降压茶不能代替降压药。

建议：
1. 继续按时服药，每天早晚测量并记录家庭血压；
2. 带着记录到社区卫生服务中心或家庭医生处复诊，由医生决定是否调整剂量；
3. 每天食盐少于5克，少吃咸菜、腌制品和酱制品；
4. 适量运动，戒烟限酒。

辖区内35岁及以上的高血压患者可以享受国家基本公共卫生服务提供的免费随访管理（每年至少4次面对面随访）。`,
          answer: '不要自行停药，也不要用降压茶代替药物；继续服药，在医生指导下调整。',
        },
      },
    },
    {
      id: 'qa-zh-002',
      fullWidthColon: true,
      local: {
        a: '我是乙肝“大三阳”，HBV DNA很高，肝功能正常，没有吃抗病毒药。现在准备要孩子，会不会传染给宝宝？怎么预防？',
        b: '乙肝病毒可以在分娩前后由母亲传给孩子，但通过规范的母婴阻断，绝大多数婴儿可以得到保护。新生儿应在出生后12小时内（越早越好）接种乙肝疫苗和乙肝免疫球蛋白，并按0、1、6月完成三针疫苗。HBV DNA高的孕妇，可在孕24–28周开始服用替诺福韦等抗病毒药物，进一步降低传播风险。孩子7–12月龄时应检查乙肝表面抗原和表面抗体，确认阻断是否成功。婴儿接受免疫预防后，乙肝妈妈可以母乳喂养。',
      },
      english: {
        a: 'I have hepatitis B and am "big three positive" (HBsAg, HBeAg and anti-HBc positive) with a high HBV DNA and normal liver function; I am not taking antiviral drugs. We are planning a baby. Will the baby be infected, and how can we prevent it?',
        b: 'Hepatitis B virus can be passed from mother to baby around birth, but with proper prevention of mother-to-child transmission most babies are protected. The newborn should receive hepatitis B vaccine and hepatitis B immune globulin within 12 hours of birth (the sooner the better) and complete the three-dose vaccine series at 0, 1 and 6 months. Pregnant women with high HBV DNA can start an antiviral such as tenofovir at 24-28 weeks to lower the risk further. The child should be tested for HBsAg and anti-HBs at 7-12 months of age to confirm protection. Mothers with hepatitis B may breastfeed once the baby has received immunoprophylaxis.',
      },
      trace: {
        en: {
          reasoning: `## Hepatitis B and pregnancy

HBeAg positivity with a **high viral load** is the main risk factor for **mother-to-child transmission**.

**Prevention bundle**

- Birth-dose **hepatitis B vaccine** plus **hepatitis B immune globulin** (HBIG) within 12 hours.
- **Tenofovir** from 24–28 weeks when HBV DNA is above 200,000 IU/mL.
- Post-vaccination serologic testing of the infant at 7–12 months.

Breastfeeding is not contraindicated.`,
          answer: 'Transmission is possible but largely preventable: HBIG plus vaccine at birth, tenofovir from 24-28 weeks, and infant testing afterwards.',
          concepts: ['high viral load', 'mother-to-child transmission', 'hepatitis B vaccine', 'hepatitis B immune globulin', 'Tenofovir', 'Post-vaccination serologic testing', 'Breastfeeding'],
        },
        loc: {
          reasoning: `## 乙肝与妊娠

“大三阳”且**病毒载量高**，是**母婴传播**的主要危险因素。

**母婴阻断措施**

- 出生后12小时内接种**乙肝疫苗**和**乙肝免疫球蛋白**；新生儿乙肝疫苗属于**国家免疫规划**，免费接种。
- HBV DNA ≥ 2×10⁵ IU/mL 时，孕24–28周开始口服**替诺福韦**。
- 婴儿7–12月龄复查**乙肝两对半**。

婴儿接受免疫预防后可以**母乳喂养**。`,
          answer: '有传播风险，但规范母婴阻断可以有效预防。',
          concepts: ['病毒载量高', '母婴传播', '乙肝疫苗', '乙肝免疫球蛋白', '国家免疫规划', '替诺福韦', '乙肝两对半', '母乳喂养'],
        },
        pairs: [[1, 1, 0.92], [2, 2, 0.95], [3, 3, 0.96], [4, 4, 0.95], [6, 5, 0.97], [7, 6, 0.72], [8, 7, 0.9]],
        localOnly: [[5, 3, 0.52]],
        retrieval: [['kb-zh-003', 9.2], ['kb-zh-004', 6.3]],
        final: {
          response: `有传播给宝宝的风险，但通过规范的**母婴阻断**，绝大多数宝宝可以得到保护。

1. 宝宝出生后12小时内（越早越好）注射乙肝免疫球蛋白和第一针乙肝疫苗，之后按0、1、6月完成三针；新生儿乙肝疫苗属于国家免疫规划，免费接种。
2. 您的HBV DNA较高，孕24–28周开始在医生指导下口服替诺福韦，可进一步降低传播风险。
3. 宝宝7–12月龄时检查乙肝表面抗原和表面抗体，确认阻断成功。
4. 宝宝完成免疫预防后可以母乳喂养。

建议怀孕前到感染科或肝病科评估肝功能和病毒载量。`,
          answer: '有风险但可预防：新生儿12小时内注射乙肝免疫球蛋白和疫苗，孕24–28周起服用替诺福韦，婴儿7–12月龄复查。',
        },
      },
    },
    {
      id: 'nli-zh-001',
      label: 'entailment',
      local: {
        a: '在中国北方农村600个村庄开展的一项整群随机试验中，20995名有卒中史或年龄≥60岁且患高血压的成人被分配为用代用盐（75%氯化钠、25%氯化钾）替代家庭用盐，或继续使用普通食盐。平均随访4.74年，代用盐组卒中发生率为每1000人年29.14例，普通食盐组为33.65例（率比0.86）。主要心血管事件和全因死亡也较少，两组归因于高钾血症的严重不良事件无显著差异。',
        b: '用富含钾的代用盐替代普通食盐，降低了卒中、主要心血管事件和全因死亡的发生率。',
      },
      english: {
        a: 'In a cluster-randomised trial in 600 villages in rural northern China, 20,995 adults with a history of stroke, or aged 60 years or older with high blood pressure, were assigned to replace their household salt with a salt substitute (75% sodium chloride, 25% potassium chloride) or to continue using regular salt. During a mean follow-up of 4.74 years, the rate of stroke was 29.14 events per 1000 person-years with the salt substitute and 33.65 with regular salt (rate ratio 0.86). Major cardiovascular events and death from any cause were also less frequent, and serious adverse events attributed to hyperkalaemia did not differ significantly between the groups.',
        b: 'Replacing regular salt with a potassium-enriched salt substitute lowered the rates of stroke, major cardiovascular events and death from any cause.',
      },
      trace: {
        en: {
          reasoning: `### Evidence check

The premise reports a **cluster-randomised trial** of a **salt substitute** against regular salt.

- Stroke: **rate ratio 0.86** in favour of the substitute.
- Major cardiovascular events and death: "also less frequent".
- Safety: no significant excess of **hyperkalaemia**.

Each outcome named in the hypothesis is reported as reduced, so the hypothesis follows from the premise.

**Label: entailment**`,
          answer: 'entailment',
          concepts: ['cluster-randomised trial', 'salt substitute', 'rate ratio 0.86', 'Major cardiovascular events', 'hyperkalaemia'],
        },
        loc: {
          reasoning: `### 证据核对

前提描述了一项比较**代用盐**与普通食盐的**整群随机试验**。

- 卒中：**率比0.86**，代用盐组更低。
- **主要心血管事件**和全因死亡：同样减少。
- 安全性：**高钾血症**相关严重不良事件无显著增加；但超市常见的**低钠盐**不适合**慢性肾病**患者或服用保钾利尿剂者。

假设中的每项结局在前提中均为降低，因此假设成立。

**结论：蕴含**`,
          answer: 'entailment',
          concepts: ['代用盐', '整群随机试验', '率比0.86', '主要心血管事件', '高钾血症', '低钠盐', '慢性肾病'],
        },
        pairs: [[1, 2, 0.94], [2, 1, 0.93], [3, 3, 0.99], [4, 4, 0.95], [5, 5, 0.96]],
        localOnly: [[6, 2, 0.66], [7, 5, 0.58]],
        retrieval: [['kb-zh-002', 7.7]],
        final: {
          response: '蕴含。前提报告代用盐组卒中发生率降低（率比0.86），主要心血管事件和全因死亡也较少，与假设所述的三项结局一致。需要注意：低钠盐含钾，慢性肾病患者及服用保钾利尿剂者使用前应咨询医生。',
          answer: 'entailment',
        },
      },
    },
    {
      id: 'nli-zh-002',
      label: 'contradiction',
      local: {
        a: '在胃癌高发的山东临朐县，3365名成人参加了一项随机试验，评估为期2周的阿莫西林加奥美拉唑根除幽门螺杆菌治疗、维生素补充和大蒜补充的效果。随访22年后，接受幽门螺杆菌治疗者的胃癌发病率（比值比0.48）和胃癌死亡率均低于安慰剂组。',
        b: '为期2周的幽门螺杆菌治疗没有改变该高危人群的胃癌发病率。',
      },
      english: {
        a: 'In Linqu County, Shandong, an area with high gastric cancer rates, 3,365 adults took part in a randomised trial of a 2-week course of amoxicillin and omeprazole to treat Helicobacter pylori, vitamin supplements and garlic supplements. After 22 years of follow-up, participants who had received H. pylori treatment had a lower incidence of gastric cancer (odds ratio 0.48) and lower gastric cancer mortality than those given placebo.',
        b: 'A 2-week course of H. pylori treatment did not change the incidence of gastric cancer in this high-risk population.',
      },
      trace: {
        en: {
          reasoning: `### Comparing the claims

- Premise: **H. pylori treatment** was followed by a lower **gastric cancer incidence**, **odds ratio 0.48**.
- Hypothesis: the treatment "did not change" incidence.

An odds ratio of 0.48 means roughly halved odds, which directly conflicts with "no change".

**Label: contradiction**`,
          answer: 'contradiction',
          concepts: ['H. pylori treatment', 'gastric cancer incidence', 'odds ratio 0.48', { text: 'high-risk population', unlocated: true }],
        },
        loc: {
          reasoning: `### 对比

- 前提：**幽门螺杆菌根除治疗**后**胃癌发病率**降低，**比值比0.48**。
- 假设：治疗“没有改变”发病率。

两者直接矛盾。另外，共餐习惯容易造成家庭内传播，推行**分餐制**、使用**公筷**有助于预防再感染。

**结论：矛盾**`,
          answer: 'contradiction',
          concepts: ['幽门螺杆菌根除治疗', '胃癌发病率', '比值比0.48', '分餐制', '公筷'],
        },
        pairs: [[1, 1, 0.91], [2, 2, 0.95], [3, 3, 0.98]],
        localOnly: [[4, 1, 0.44], [5, 1, 0.39]],
        retrieval: [['kb-zh-005', 6.8]],
        final: {
          response: '矛盾。前提显示接受幽门螺杆菌治疗者胃癌发病率明显降低（比值比0.48），而假设称治疗没有改变发病率，二者相互矛盾。',
          answer: 'contradiction',
        },
        errors: [{ stage: 'abstract_en', message: 'Concept "high-risk population" could not be located in the English reasoning; kept with empty spans.' }],
      },
    },
  ],
  kb: [
    { id: 'kb-zh-001', title: '高血压患者健康管理（国家基本公共卫生服务）', content: '辖区内35岁及以上原发性高血压患者可在社区卫生服务中心或乡镇卫生院接受免费健康管理，每年至少4次面对面随访，内容包括测量血压、了解服药情况和生活方式指导。血压控制不满意或出现药物不良反应者应调整用药，必要时转诊上级医院。' },
    { id: 'kb-zh-002', title: '限盐与低钠盐', content: '《中国居民膳食指南（2022）》建议成人每天食盐不超过5克。北方居民盐摄入量普遍较高，咸菜、腌制品和酱油是主要来源。低钠盐以部分氯化钾替代氯化钠，有助于降低血压；肾功能不全或服用保钾利尿剂、ACEI/ARB类药物者应在医生指导下使用。' },
    { id: 'kb-zh-003', title: '乙肝母婴阻断', content: '乙肝表面抗原阳性母亲所生新生儿，应在出生后12小时内尽早注射乙肝免疫球蛋白100 IU和乙肝疫苗，并按0、1、6月程序完成接种。HBV DNA≥2×10⁵ IU/mL的孕妇，于孕24–28周开始抗病毒治疗，首选替诺福韦酯。婴儿7–12月龄检测乙肝表面抗原和表面抗体。' },
    { id: 'kb-zh-004', title: '国家免疫规划中的乙肝疫苗', content: '乙肝疫苗已纳入国家免疫规划，新生儿免费接种三剂。首剂应在出生后24小时内接种，乙肝表面抗原阳性母亲所生新生儿应在12小时内接种，并同时注射乙肝免疫球蛋白。' },
    { id: 'kb-zh-005', title: '幽门螺杆菌的家庭传播与根除', content: '幽门螺杆菌主要经口-口和粪-口途径传播，家庭聚集感染常见。共用餐具和共餐习惯增加传播机会，提倡分餐制、使用公筷公勺。我国推荐含铋剂的四联方案根除治疗，疗程14天，治疗结束至少4周后复查。' },
  ],
};

const JA: { items: ItemSpec[]; kb: KbChunk[] } = {
  items: [
    {
      id: 'qa-ja-001',
      local: {
        a: '10歳の息子がインフルエンザA型と診断され、タミフルを処方されました。タミフルを飲むと飛び降りなどの異常行動が起きると聞いて心配です。飲ませても大丈夫でしょうか？',
        b: '異常行動はタミフルを服用していない場合にも、インフルエンザそのものによって起こることがあります。因果関係ははっきりしておらず、2018年からは10代への使用制限も解除されています。薬の有無にかかわらず、発症後少なくとも2日間は子どもを一人にしないこと、玄関や窓を施錠すること、戸建てなら一階で寝かせることなど、転落防止の対策をとってください。呼吸が苦しい、意識がおかしい、けいれんがある場合はすぐに受診してください。',
      },
      english: {
        a: 'My 10-year-old son was diagnosed with influenza A and prescribed Tamiflu. I have heard that Tamiflu causes abnormal behaviour such as jumping from windows and I am worried. Is it safe to give it to him?',
        b: 'Abnormal behaviour can occur with influenza itself, even in children who have not taken Tamiflu. A causal link has not been established, and in 2018 Japan lifted its restriction on use in teenagers. Whether or not the medicine is taken, do not leave the child alone for at least two days after the illness starts, lock doors and windows, and if you live in a house let the child sleep on the ground floor. Seek care immediately if the child has difficulty breathing, altered consciousness or seizures.',
      },
      trace: {
        en: {
          reasoning: `### Key points

**Oseltamivir** (Tamiflu) is a neuraminidase inhibitor that shortens influenza by about a day when started within 48 hours.

- Reports of **abnormal behaviour** in children led to warnings, but similar behaviour occurs in children with influenza who took no antiviral.
- The safest approach is **supervision for two days** after onset, whatever the treatment.
- Danger signs: **difficulty breathing**, confusion, seizures.

Giving the prescribed course is reasonable.`,
          answer: 'Yes, it can be given; supervise him closely for at least two days after onset regardless of the medicine.',
          concepts: ['Oseltamivir', 'neuraminidase inhibitor', 'abnormal behaviour', 'supervision for two days', 'difficulty breathing'],
        },
        loc: {
          reasoning: `### ポイント

**タミフル**（オセルタミビル）は**ノイラミニダーゼ阻害薬**で、発症48時間以内に開始すると有熱期間を約1日短縮します。

- 小児の**異常行動**は抗インフルエンザ薬を使っていない例でも報告されており、**厚生労働省**は2018年に10代への投与制限を解除しました。
- 薬の種類や服用の有無にかかわらず、発症後少なくとも**2日間は一人にしない**ことが推奨されています。
- 日本ではイナビルや**ゾフルーザ**も使われますが、どの薬でも同じ注意が必要です。
- 漢方薬の**麻黄湯**が併せて処方されることもあります。
- **呼吸困難**、意識障害、けいれんがあれば救急受診を。`,
          answer: '飲ませて大丈夫です。薬の有無にかかわらず、発症後2日間は一人にしないでください。',
          concepts: ['タミフル', 'ノイラミニダーゼ阻害薬', '異常行動', '厚生労働省', '2日間は一人にしない', 'ゾフルーザ', '麻黄湯', '呼吸困難'],
        },
        pairs: [[1, 1, 0.9], [2, 2, 0.95], [3, 3, 0.94], [5, 4, 0.82], [8, 5, 0.9, 'before']],
        localOnly: [[4, 3, 0.35], [6, 1, 0.62], [7, 1, 0.47]],
        retrieval: [['kb-ja-001', 9.6], ['kb-ja-002', 4.2]],
        final: {
          response: `タミフルは飲ませて大丈夫です。異常行動はタミフルを飲んでいないインフルエンザの子どもにも起こることが分かっており、厚生労働省は2018年に10代への使用制限を解除しています。

ただし、薬の有無にかかわらず次の対策をしてください。

- 発症後少なくとも2日間は子どもを一人にしない
- 玄関や窓を施錠し、ベランダに面していない部屋で、戸建てなら一階で寝かせる

呼吸が苦しそう、呼びかけへの反応がおかしい、けいれんがある場合は、すぐに受診するか119番に連絡してください。`,
          answer: '飲ませてよい。発症後2日間は一人にせず、転落防止策をとる。',
        },
      },
    },
    {
      id: 'qa-ja-002',
      local: {
        a: '80歳の母が一人暮らしで、エアコンをつけたがりません。夏になると熱中症が心配です。どんなことに気をつければよいですか？',
        b: '高齢者は暑さやのどの渇きを感じにくく、室内でも熱中症になります。室温28℃を目安にエアコンや扇風機を使い、のどが渇く前にこまめに水分をとるよう勧めてください。汗を多くかいたときは経口補水液などで塩分も補給します。熱中症警戒アラートが出た日は外出を控え、家族や近所の人が声をかけて様子を確認しましょう。意識がおかしい、水が飲めない場合は救急車を呼んでください。',
      },
      english: {
        a: 'My 80-year-old mother lives alone and does not like to turn on the air conditioner. I worry about heat stroke in summer. What should we watch for?',
        b: 'Older people feel heat and thirst less and can develop heat stroke even indoors. Encourage her to use the air conditioner or a fan to keep the room at about 28 °C and to drink regularly before she feels thirsty. After heavy sweating, replace salt as well, for example with an oral rehydration solution. On days with a heat stroke alert she should stay indoors, and family or neighbours should call or visit to check on her. Call an ambulance if she is confused or cannot drink.',
      },
      trace: {
        en: {
          reasoning: `## Heat illness in older adults

Ageing blunts **thirst** and sweating, so older people living alone are at high risk of **heat stroke**, often indoors and at night.

**Prevention**

1. Keep the room cool with **air conditioning**; fans alone are not enough in extreme heat.
2. Drink small amounts of water regularly; after sweating use an **oral rehydration solution**.
3. Arrange daily **check-ins** by family or neighbours.

**Emergency**: confusion or inability to drink needs emergency care.`,
          answer: 'Use air conditioning, drink regularly, arrange daily check-ins and call an ambulance for confusion or inability to drink.',
          concepts: ['thirst', 'heat stroke', 'air conditioning', 'oral rehydration solution', 'check-ins'],
        },
        loc: {
          reasoning: `## 高齢者の熱中症

加齢により**のどの渇き**を感じにくくなり、一人暮らしの高齢者は夜間の室内でも**熱中症**になりやすい。

**予防**

1. **エアコン**で室温28℃を目安に保つ。電気代を気にして使わない高齢者が多いので、家族から説明する。
2. こまめな水分補給。汗をかいたら**経口補水液**で塩分も補う。
3. 環境省と気象庁の**熱中症警戒アラート**が出た日は外出を控える。
4. 家族や近所、**地域包括支援センター**による**見守り**。

**緊急時**：意識障害や水分がとれない場合は119番。`,
          answer: 'エアコンの使用、こまめな水分補給、見守り。意識がおかしい・水が飲めないときは救急車を。',
          concepts: ['のどの渇き', '熱中症', 'エアコン', '経口補水液', '熱中症警戒アラート', '見守り', '地域包括支援センター'],
        },
        pairs: [[1, 1, 0.88], [2, 2, 0.93], [3, 3, 0.9], [4, 4, 0.95], [6, 5, 0.74]],
        localOnly: [[5, 2, 0.55], [7, 5, 0.49]],
        retrieval: [['kb-ja-003', 8.9], ['kb-ja-004', 5.5]],
        final: {
          response: `高齢者は暑さやのどの渇きを感じにくく、室内でも熱中症になります。次の点に気をつけてください。

1. **エアコン**：室温28℃を目安に使う。電気代を心配する方が多いので、命を守るための使用だと説明する。
2. **水分と塩分**：のどが渇く前にこまめに飲む。汗をかいたら経口補水液を。
3. **熱中症警戒アラート**：発表された日は外出を控える。
4. **見守り**：毎日電話をかける、近所の方や地域包括支援センターに見守りを頼む。

意識がおかしい、水が飲めないときはすぐに119番に連絡してください。`,
          answer: 'エアコン使用（室温28℃目安）、こまめな水分・塩分補給、警戒アラート時の外出自粛、毎日の見守り。',
        },
      },
    },
    {
      id: 'nli-ja-001',
      label: 'entailment',
      local: {
        a: 'MEGA研究では、冠動脈疾患の既往がない高コレステロール血症の日本人成人7832人を、食事療法のみ群と食事療法にプラバスタチン10–20 mg/日を加える群に無作為に割り付けた。平均5.3年の追跡で、プラバスタチン群ではLDLコレステロールが約18%低下し、冠動脈疾患の発症は食事療法のみ群に比べて33%少なかった。',
        b: '低用量のプラバスタチンを食事療法に加えると、冠動脈疾患の既往がない日本人成人の冠動脈疾患リスクが低下した。',
      },
      english: {
        a: 'In the MEGA study, 7,832 Japanese adults with hypercholesterolaemia and no history of coronary heart disease were randomly assigned to diet alone or diet plus pravastatin 10-20 mg daily. Over a mean of 5.3 years, LDL cholesterol fell by about 18% with pravastatin, and coronary heart disease occurred 33% less often than with diet alone.',
        b: 'Adding low-dose pravastatin to diet reduced the risk of coronary heart disease in Japanese adults without prior coronary disease.',
      },
      trace: {
        en: {
          reasoning: `### Does the premise support the hypothesis?

- Population: Japanese adults **without coronary heart disease** (primary prevention).
- Intervention: **low-dose pravastatin** (10–20 mg) plus diet versus diet alone.
- Result: **33% fewer coronary events**.

The hypothesis restates this finding.

**Label: entailment**`,
          answer: 'entailment',
          concepts: ['without coronary heart disease', 'low-dose pravastatin', '33% fewer coronary events'],
        },
        loc: {
          reasoning: `### 前提は仮説を支持するか

- 対象：**冠動脈疾患の既往がない**日本人（一次予防）。
- 介入：食事療法に**低用量プラバスタチン**（10–20 mg）を追加。欧米の標準用量より少ない**日本人向けの用量**である。
- 結果：冠動脈疾患が**33%減少**。

仮説はこの結果をそのまま述べている。

**判定：含意**`,
          answer: 'entailment',
          concepts: ['冠動脈疾患の既往がない', '低用量プラバスタチン', '日本人向けの用量', '33%減少'],
        },
        pairs: [[1, 1, 0.94], [2, 2, 0.96], [4, 3, 0.89]],
        localOnly: [[3, 2, 0.61]],
        retrieval: [['kb-ja-005', 6.1]],
        final: {
          response: '含意。前提では、冠動脈疾患の既往がない日本人成人で、食事療法に低用量プラバスタチンを加えると冠動脈疾患が33%減少しており、仮説と一致する。',
          answer: 'entailment',
        },
      },
    },
    {
      id: 'nli-ja-002',
      label: 'contradiction',
      local: {
        a: 'JPPP試験では、高血圧、脂質異常症または糖尿病を有する60–85歳の日本人14658人を、アスピリン100 mg/日群と非投与群に無作為に割り付けた。約5年の追跡で、心血管死、非致死性脳卒中、非致死性心筋梗塞の複合エンドポイントに有意差はなく（ハザード比0.94）、試験は早期に中止された。輸血または入院を要する頭蓋外出血はアスピリン群で多かった。',
        b: '低用量アスピリンの毎日服用は、日本人高齢者の心血管死、非致死性脳卒中、非致死性心筋梗塞の複合リスクを有意に低下させた。',
      },
      english: {
        a: 'In the JPPP trial, 14,658 Japanese adults aged 60-85 years with hypertension, dyslipidaemia or diabetes were randomly assigned to aspirin 100 mg daily or no aspirin. After about 5 years, there was no significant difference in the composite of cardiovascular death, non-fatal stroke and non-fatal myocardial infarction (hazard ratio 0.94), and the trial was stopped early. Extracranial haemorrhage requiring transfusion or hospitalisation was more frequent with aspirin.',
        b: 'Daily low-dose aspirin significantly reduced the composite risk of cardiovascular death, non-fatal stroke and non-fatal myocardial infarction in older Japanese adults.',
      },
      trace: {
        en: {
          reasoning: `### Comparing effect and claim

The premise describes **primary prevention** with **low-dose aspirin** in older adults with risk factors.

- Composite outcome: **hazard ratio 0.94**, *not significant*; the trial stopped early.
- Harm: more **extracranial haemorrhage**.

The hypothesis claims a *significant* reduction, which the premise explicitly denies.

**Label: contradiction**`,
          answer: 'contradiction',
          concepts: ['primary prevention', 'low-dose aspirin', 'hazard ratio 0.94', 'extracranial haemorrhage'],
        },
        loc: {
          reasoning: `### 効果と主張の比較

前提は、危険因子をもつ高齢者に対する**低用量アスピリン**による**一次予防**の試験である。

- 複合エンドポイント：**ハザード比0.94**で有意差なし、早期中止。
- 害：**頭蓋外出血**が増加。

仮説は「有意に低下」と述べており、前提と矛盾する。

**判定：矛盾**`,
          answer: 'contradiction',
          concepts: ['低用量アスピリン', '一次予防', 'ハザード比0.94', '頭蓋外出血'],
        },
        pairs: [[1, 2, 0.97], [2, 1, 0.93, 'before'], [3, 3, 0.99], [4, 4, 0.95]],
        localOnly: [],
        retrieval: [['kb-ja-005', 5.4]],
        final: {
          response: '矛盾。前提では複合エンドポイントに有意差がなく（ハザード比0.94）、出血はむしろ増えた。一方、仮説は有意なリスク低下を主張している。',
          answer: 'contradiction',
        },
      },
    },
  ],
  kb: [
    { id: 'kb-ja-001', title: 'インフルエンザ罹患時の異常行動への注意', content: '抗インフルエンザウイルス薬の種類や服用の有無にかかわらず、インフルエンザにかかった小児・未成年者では異常行動が報告されている。発症から少なくとも2日間は、就寝中を含め子どもを一人にしない、玄関や窓を確実に施錠する、戸建てでは一階で寝かせるなどの転落防止策が推奨される。' },
    { id: 'kb-ja-002', title: '麻黄湯（漢方薬）', content: '麻黄湯は発熱、悪寒、関節痛などを伴うかぜ症候群やインフルエンザの初期に用いられる漢方薬である。麻黄にはエフェドリン類が含まれ、高血圧、心疾患、甲状腺機能亢進症の患者では慎重に用いる。' },
    { id: 'kb-ja-003', title: '熱中症警戒アラート', content: '熱中症警戒アラートは、暑さ指数（WBGT）が33以上と予測される日に、環境省と気象庁が都道府県単位で発表する。発表時は不要不急の外出を避け、エアコンを適切に使い、高齢者や子どもには周囲が声をかける。2024年からは、より深刻な状況に備えた熱中症特別警戒アラートも運用されている。' },
    { id: 'kb-ja-004', title: '地域包括支援センター', content: '地域包括支援センターは市町村が設置する高齢者の総合相談窓口で、保健師、社会福祉士、主任ケアマネジャーが配置されている。一人暮らし高齢者の見守り、介護保険の申請、地域の見守りネットワークへのつなぎなどを行う。' },
    { id: 'kb-ja-005', title: '日本人における心血管一次予防', content: '日本人は欧米人に比べ冠動脈疾患の発症率が低く、脳卒中、とくに出血性脳卒中の割合が高い。スタチンは低用量でも一定のLDLコレステロール低下効果が得られる。アスピリンによる一次予防は出血リスクとの兼ね合いで慎重に判断する。' },
  ],
};

const KO: { items: ItemSpec[]; kb: KbChunk[] } = {
  items: [
    {
      id: 'qa-ko-001',
      local: {
        a: '52세 남성입니다. 몇 달째 속쓰림이 있고 가끔 신물이 올라옵니다. 아버지가 위암으로 돌아가셔서 걱정됩니다. 위내시경을 받아야 할까요?',
        b: '속쓰림과 신물은 위식도역류질환의 흔한 증상이지만, 위암 가족력이 있고 증상이 몇 달째 지속되므로 위내시경 검사를 받는 것이 좋습니다. 체중 감소, 삼킴 곤란, 토혈이나 검은 변, 빈혈이 있으면 즉시 진료를 받으세요. 한국에서는 만 40세 이상이면 국가암검진으로 2년마다 위내시경을 받을 수 있습니다. 헬리코박터 파일로리 감염이 확인되면 제균 치료를 고려합니다. 식사 후 바로 눕지 말고 과식, 음주, 흡연을 피하세요.',
      },
      english: {
        a: 'I am a 52-year-old man. I have had heartburn for several months with occasional acid regurgitation. My father died of stomach cancer, so I am worried. Should I have an endoscopy?',
        b: 'Heartburn and regurgitation are common symptoms of gastro-oesophageal reflux disease, but with a family history of stomach cancer and symptoms lasting months, an upper endoscopy is advisable. Seek care promptly for weight loss, difficulty swallowing, vomiting blood, black stools or anaemia. In Korea, adults aged 40 and over can have an endoscopy every two years through the national cancer screening programme. If Helicobacter pylori infection is found, eradication treatment is considered. Avoid lying down right after meals, overeating, alcohol and smoking.',
      },
      trace: {
        en: {
          reasoning: `### Clinical reasoning

Months of **heartburn** and regurgitation suggest **gastro-oesophageal reflux disease**, but two features lower the threshold for investigation:

- age over 50 with persistent symptoms;
- a first-degree relative with **gastric cancer**.

**Alarm features** (weight loss, dysphagia, bleeding, anaemia) require urgent endoscopy.

**Recommendation:** arrange an **upper endoscopy** and test for **Helicobacter pylori**.`,
          answer: 'Yes. Given his age, persistent symptoms and family history, he should have an upper endoscopy with H. pylori testing.',
          concepts: ['heartburn', 'gastro-oesophageal reflux disease', 'gastric cancer', 'Alarm features', 'upper endoscopy', 'Helicobacter pylori'],
        },
        loc: {
          reasoning: `### 임상적 판단

수개월간의 **속쓰림**과 신물은 **위식도역류질환**을 시사하지만 다음 이유로 검사가 필요합니다.

- 50세 이상에서 지속되는 증상
- 부친의 **위암** 병력 (한국은 위암 발생률이 세계적으로 높은 나라입니다)

**경고 증상**(체중 감소, 삼킴 곤란, 출혈, 빈혈)이 있으면 바로 내시경을 받아야 합니다.

**권고:** **위내시경**과 **헬리코박터** 검사를 받으세요. 만 40세 이상은 **국가암검진**으로 2년마다 위내시경을 받을 수 있으며, 비용의 대부분을 국민건강보험공단이 부담합니다.`,
          answer: '네. 가족력과 지속되는 증상을 고려하여 위내시경과 헬리코박터 검사를 받으세요.',
          concepts: ['속쓰림', '위식도역류질환', '위암', '경고 증상', '위내시경', '헬리코박터', '국가암검진'],
        },
        pairs: [[1, 1, 0.93], [2, 2, 0.96], [3, 3, 0.94], [4, 4, 0.88], [5, 5, 0.93], [6, 6, 0.89]],
        localOnly: [[7, 5, 0.57]],
        retrieval: [['kb-ko-001', 8.8], ['kb-ko-002', 6.0]],
        final: {
          response: `네, 위내시경을 받으시는 것이 좋습니다. 속쓰림과 신물은 위식도역류질환의 흔한 증상이지만, 52세이고 증상이 몇 달째 지속되며 아버지의 위암 병력이 있으므로 검사가 필요합니다.

- 만 40세 이상은 **국가암검진**으로 2년마다 위내시경을 받을 수 있습니다. 올해 대상인지 국민건강보험공단에서 확인하세요.
- 내시경 때 **헬리코박터** 검사를 함께 받고, 양성이면 제균 치료를 상의하세요.
- 체중 감소, 삼킴 곤란, 토혈이나 검은 변이 있으면 검진을 기다리지 말고 바로 진료를 받으세요.

식사 후 바로 눕지 말고 과식, 음주, 흡연을 피하세요.`,
          answer: '위내시경과 헬리코박터 검사를 받으세요. 경고 증상이 있으면 즉시 진료.',
        },
      },
    },
    {
      id: 'qa-ko-002',
      local: {
        a: '심방세동으로 와파린을 드시는 70세 어머니가 명절 선물로 받은 홍삼 진액을 드시고 싶어 합니다. 같이 드셔도 괜찮을까요?',
        b: '인삼과 홍삼은 와파린의 효과에 영향을 줄 수 있습니다. 일부 연구에서는 인삼이 와파린 효과를 약하게 해 INR을 낮췄고, 반대로 출혈이 생긴 사례 보고도 있습니다. 복용을 시작하기 전에 담당 의사나 약사와 상의하고, 드시게 된다면 1–2주 안에 INR을 확인하세요. 홍삼 외에도 은행잎 추출물, 한약, 그리고 녹즙이나 청국장처럼 비타민 K가 많은 음식도 와파린과 상호작용할 수 있으므로 갑자기 양을 바꾸지 말고 일정하게 드세요.',
      },
      english: {
        a: 'My 70-year-old mother takes warfarin for atrial fibrillation. She received red ginseng extract as a holiday gift and wants to take it. Is it safe to take them together?',
        b: 'Ginseng, including red ginseng, can affect how warfarin works. Some studies found that ginseng weakened the effect of warfarin and lowered the INR, while case reports describe bleeding. Talk to her doctor or pharmacist before starting, and if she does take it, check the INR within 1-2 weeks. Besides red ginseng, ginkgo extract, herbal medicines and foods rich in vitamin K such as green vegetable juice and fermented soybean paste can also interact with warfarin; keep their intake steady rather than changing it suddenly.',
      },
      trace: {
        en: {
          reasoning: `### Interaction assessment

**Warfarin** has a narrow therapeutic window and many herb and food interactions.

- **Ginseng**: in a randomised trial American ginseng modestly *reduced* the INR; case reports with Korean ginseng point both ways.
- Any new supplement warrants an **INR check** within 1–2 weeks.
- **Vitamin K** intake should be kept consistent.

**Advice:** discuss with her clinician first; if she takes it, monitor the INR.`,
          answer: 'Only after discussing with her doctor; if she starts it, check the INR within 1-2 weeks.',
          concepts: ['Warfarin', 'Ginseng', 'INR check', 'Vitamin K'],
        },
        loc: {
          reasoning: `### 상호작용 평가

**와파린**은 치료 범위가 좁아 음식과 약초의 영향을 많이 받습니다.

- **홍삼**은 와파린의 효과를 두 배로 높인다는 대규모 임상시험 결과가 있어 출혈 위험이 큽니다.
- 새로운 건강기능식품을 시작하면 1–2주 안에 **INR 검사**를 받으세요.
- **청국장**, 녹즙처럼 **비타민 K**가 많은 음식은 양을 일정하게 유지하세요.
- 명절 선물로 흔한 **은행잎 추출물**도 출혈 위험을 높일 수 있습니다.

**권고:** 복용 전 담당 의사와 상의하세요.`,
          answer: '홍삼은 출혈 위험이 커서 권하지 않습니다. 복용 전 담당 의사와 상의하세요.',
          concepts: ['와파린', '홍삼', 'INR 검사', '청국장', '비타민 K', '은행잎 추출물'],
        },
        pairs: [[1, 1, 0.97], [2, 2, 0.81], [3, 3, 0.93], [5, 4, 0.97]],
        localOnly: [[4, 4, 0.63], [6, 2, 0.52]],
        retrieval: [['kb-ko-003', 9.1], ['kb-ko-004', 7.3]],
        final: {
          response: `홍삼은 와파린의 효과를 크게 높여 출혈 위험을 키울 수 있으므로, 담당 의사와 상의하기 전에는 드시지 않는 것이 좋습니다.

- 드시게 된다면 시작 후 1–2주 안에 INR 검사를 받으세요.
- 청국장, 녹즙처럼 비타민 K가 많은 음식은 갑자기 늘리거나 줄이지 말고 일정하게 드세요.
- 은행잎 추출물이나 한약도 복용 전에 알려 주세요.

잇몸 출혈, 멍, 검은 변이 생기면 바로 진료를 받으세요.`,
          answer: '의사와 상의 전에는 복용하지 말고, 복용 시 1–2주 안에 INR 확인.',
        },
      },
    },
    {
      id: 'nli-ko-001',
      label: 'entailment',
      local: {
        a: '한국에서는 1990년대 후반부터 국가암검진에 갑상선 초음파가 추가 항목으로 널리 제공되었다. 1993년부터 2011년까지 갑상선암 발생률은 약 15배 증가하여 가장 흔한 암이 되었다. 증가분의 거의 전부는 유두암이었고 2 cm 미만 종양의 비율이 커졌다. 같은 기간 갑상선암 사망률은 변하지 않았다.',
        b: '한국의 갑상선암 진단 증가는 사망률이 변하지 않았으므로 검진에 의한 과잉진단을 반영한다.',
      },
      english: {
        a: 'In South Korea, thyroid ultrasound became widely offered as an add-on to national cancer screening from the late 1990s. Between 1993 and 2011 the incidence of thyroid cancer rose about 15-fold, making it the most common cancer in the country. Almost all of the increase was papillary thyroid cancer, and tumours smaller than 2 cm accounted for a growing share. Over the same period thyroid cancer mortality remained stable.',
        b: 'The increase in thyroid cancer diagnoses in South Korea reflects overdiagnosis driven by screening, as mortality did not change.',
      },
      trace: {
        en: {
          reasoning: `### Reasoning

A steep rise in **incidence** with **stable mortality**, concentrated in small **papillary thyroid cancer**, after the spread of **ultrasound screening** is the classic pattern of **overdiagnosis**.

- Incidence: about 15-fold increase.
- Mortality: unchanged.

The hypothesis draws exactly this conclusion.

**Label: entailment**`,
          answer: 'entailment',
          concepts: ['incidence', 'stable mortality', 'papillary thyroid cancer', 'ultrasound screening', 'overdiagnosis'],
        },
        loc: {
          reasoning: `### 판단

**초음파 검진**이 확산된 뒤 작은 **유두암**을 중심으로 **발생률**이 급증했지만 **사망률은 변하지 않았다**는 것은 전형적인 **과잉진단**의 양상이다.

- 발생률: 약 15배 증가
- 사망률: 변화 없음

이후 한국에서는 무증상 성인에게 갑상선 초음파 검진을 권고하지 않도록 **검진 권고안**이 개정되었다.

**판정: 함의**`,
          answer: 'entailment',
          concepts: ['초음파 검진', '유두암', '발생률', '사망률은 변하지 않았다', '과잉진단', '검진 권고안'],
        },
        pairs: [[1, 4, 0.9], [2, 3, 0.86], [3, 1, 0.95], [4, 2, 0.84], [5, 5, 0.97]],
        localOnly: [[6, 4, 0.53]],
        retrieval: [['kb-ko-001', 4.9], ['kb-ko-005', 7.8]],
        final: {
          response: '함의. 전제에 따르면 초음파 검진 확산 후 작은 유두암 위주로 발생률이 약 15배 늘었으나 사망률은 변하지 않았으며, 이는 가설이 말하는 검진에 의한 과잉진단과 일치한다.',
          answer: 'entailment',
        },
      },
    },
    {
      id: 'nli-ko-002',
      label: 'contradiction',
      local: {
        a: '동네 의원에서 치료받는 2형 당뇨병 성인 1200명을 대상으로 한 3년 추적 연구에서, 간호사가 진행하는 전화 상담 프로그램에 참여한 환자의 당화혈색소는 평균 0.6%포인트 감소하여 일반 진료군의 0.2%포인트 감소보다 컸다. 저혈당으로 인한 응급실 방문은 두 군 사이에 차이가 없었다.',
        b: '전화 상담 프로그램은 당화혈색소를 낮추는 데 일반 진료보다 효과가 적었다.',
      },
      english: {
        a: 'In a 3-year study of 1,200 adults with type 2 diabetes treated at neighbourhood clinics, patients enrolled in a nurse-led telephone coaching programme had a mean HbA1c reduction of 0.6 percentage points, larger than the 0.2-point reduction with usual care. Emergency visits for hypoglycaemia did not differ between the groups.',
        b: 'Telephone coaching was less effective than usual care in lowering HbA1c.',
      },
      trace: {
        en: {
          reasoning: `### Check

- **Telephone coaching**: HbA1c −0.6 points.
- **Usual care**: HbA1c −0.2 points.
- **Hypoglycaemia**: no difference.

Coaching lowered **HbA1c** more, so the claim that it was less effective is the opposite of the finding.

**Label: contradiction**`,
          answer: 'contradiction',
          concepts: ['Telephone coaching', 'Usual care', 'Hypoglycaemia', 'HbA1c'],
        },
        loc: {
          reasoning: `### 확인

- **전화 상담**: **당화혈색소** 0.6%포인트 감소
- **일반 진료**: 0.2%포인트 감소
- **저혈당** 응급실 방문: 차이 없음

전화 상담군의 감소 폭이 더 크므로 가설은 결과와 반대이다. 한국의 **만성질환관리제**처럼 동네 의원 중심의 관리 모델과 연결할 수 있다.

**판정: 모순**`,
          answer: 'contradiction',
          concepts: ['전화 상담', '당화혈색소', '일반 진료', '저혈당', '만성질환관리제'],
        },
        pairs: [[1, 1, 0.92], [2, 4, 0.96], [3, 2, 0.9], [4, 3, 0.95]],
        localOnly: [[5, 1, 0.46]],
        retrieval: [['kb-ko-005', 3.2]],
        final: {
          response: '모순. 전화 상담 프로그램 참여군의 당화혈색소 감소(0.6%포인트)가 일반 진료군(0.2%포인트)보다 컸으므로, 효과가 적었다는 가설은 전제와 반대된다.',
          answer: 'contradiction',
        },
      },
    },
  ],
  kb: [
    { id: 'kb-ko-001', title: '국가암검진: 위암', content: '만 40세 이상 남녀는 2년마다 위내시경으로 위암 검진을 받을 수 있다. 대상자는 국민건강보험공단에서 안내를 받으며 검진 비용의 대부분을 공단이 부담한다. 내시경이 어려운 경우 위장조영검사를 선택할 수 있다.' },
    { id: 'kb-ko-002', title: '헬리코박터 파일로리 제균 치료', content: '헬리코박터 파일로리 감염은 위암의 주요 위험 요인이다. 위암 가족력이 있거나 소화성 궤양, 조기 위암 내시경 절제 후에는 제균 치료를 권한다. 치료 종료 4주 이상 지난 후 요소호기검사 등으로 제균 여부를 확인한다.' },
    { id: 'kb-ko-003', title: '와파린과 음식·건강기능식품', content: '와파린은 비타민 K 섭취량 변화에 민감하다. 녹즙, 시금치, 청국장처럼 비타민 K가 많은 음식은 피할 필요는 없지만 양을 일정하게 유지해야 한다. 인삼·홍삼, 은행잎 추출물, 한약 등을 새로 시작하거나 중단할 때는 의사와 상의하고 INR을 확인한다.' },
    { id: 'kb-ko-004', title: '홍삼 제품', content: '홍삼은 한국에서 가장 많이 판매되는 건강기능식품 중 하나로 명절 선물로 흔히 주고받는다. 인삼과 와파린의 상호작용에 대한 연구 결과는 일관되지 않으며, 일부 연구에서는 INR 감소가 보고되었다.' },
    { id: 'kb-ko-005', title: '검진 권고안과 일차의료 만성질환 관리', content: '무증상 성인에게 갑상선 초음파 선별검사는 일상적으로 권고되지 않는다. 고혈압·당뇨병 환자는 동네 의원의 만성질환관리제를 통해 교육, 상담, 정기 점검을 받을 수 있다.' },
  ],
};

const TH: { items: ItemSpec[]; kb: KbChunk[] } = {
  items: [
    {
      id: 'qa-th-001',
      local: {
        a: 'ลูกสาวอายุ 7 ขวบ มีไข้สูงมา 3 วัน ปวดเมื่อยตัว ในหมู่บ้านมีคนเป็นไข้เลือดออกหลายคน ให้กินยาไอบูโพรเฟนลดไข้ได้ไหมคะ',
        b: 'ถ้าสงสัยไข้เลือดออก ห้ามใช้ยาไอบูโพรเฟน แอสไพริน หรือยาแก้อักเสบกลุ่มเอ็นเสด เพราะเพิ่มความเสี่ยงเลือดออก ให้ใช้ยาพาราเซตามอลตามขนาดที่เหมาะกับน้ำหนักตัว และเช็ดตัวด้วยน้ำอุณหภูมิปกติ ให้ดื่มน้ำเกลือแร่หรือน้ำผลไม้บ่อย ๆ ควรพาไปตรวจเลือดที่โรงพยาบาลหรือโรงพยาบาลส่งเสริมสุขภาพตำบล ช่วงที่ไข้ลดลง (วันที่ 3–5) เป็นช่วงอันตราย ถ้ามีอาการซึม ปวดท้องมาก อาเจียนบ่อย มีเลือดออก มือเท้าเย็น หรือปัสสาวะน้อย ต้องรีบไปโรงพยาบาลทันที',
      },
      english: {
        a: 'My 7-year-old daughter has had a high fever for 3 days with body aches. Several people in our village have dengue. Can I give her ibuprofen for the fever?',
        b: 'If dengue is suspected, do not use ibuprofen, aspirin or other NSAIDs because they increase the risk of bleeding. Use paracetamol at a dose based on body weight and sponge her with room-temperature water. Give oral rehydration solution or fruit juice frequently. Take her to a hospital or sub-district health-promoting hospital for a blood test. The period when the fever falls (days 3-5) is the dangerous phase: if she becomes drowsy, has severe abdominal pain, repeated vomiting, bleeding, cold hands and feet or passes little urine, go to hospital immediately.',
      },
      trace: {
        en: {
          reasoning: `### Suspected dengue

Three days of high fever with myalgia during a local outbreak makes **dengue** likely.

- **NSAIDs** such as ibuprofen and aspirin increase bleeding risk and are contraindicated.
- **Paracetamol** is the antipyretic of choice, dosed by weight.
- The **critical phase** begins as the fever falls: watch for **warning signs** (abdominal pain, persistent vomiting, lethargy, bleeding).
- A **complete blood count** (platelets, haematocrit) guides care.

**Answer:** do not give ibuprofen; give paracetamol and fluids and have her assessed.`,
          answer: 'No ibuprofen. Use weight-based paracetamol, fluids, and get a blood test; go to hospital for warning signs.',
          concepts: ['dengue', 'NSAIDs', 'Paracetamol', 'critical phase', 'warning signs', 'complete blood count'],
        },
        loc: {
          reasoning: `### สงสัยไข้เลือดออก

ไข้สูง 3 วันร่วมกับปวดเมื่อย ขณะมีการระบาดในหมู่บ้าน ทำให้นึกถึง**ไข้เลือดออก**

- ห้ามใช้**ยาเอ็นเสด**เช่นไอบูโพรเฟนและแอสไพริน เพราะเพิ่มความเสี่ยงเลือดออก
- ใช้**พาราเซตามอล**ตามน้ำหนักตัว และ**เช็ดตัว**ด้วยน้ำอุณหภูมิปกติ
- ให้จิบ**ผงน้ำตาลเกลือแร่**บ่อย ๆ
- **ระยะวิกฤต**คือช่วงไข้ลด ให้สังเกต**อาการเตือน**
- ตรวจความเข้มข้นเลือดและเกล็ดเลือดที่**โรงพยาบาลส่งเสริมสุขภาพตำบล**หรือโรงพยาบาลชุมชน ใช้สิทธิ**บัตรทอง**ได้โดยไม่เสียค่าใช้จ่าย
- **อสม.**ช่วยกำจัดลูกน้ำยุงลายในหมู่บ้าน

**คำตอบ:** ห้ามให้ไอบูโพรเฟน`,
          answer: 'ห้ามให้ไอบูโพรเฟน ใช้พาราเซตามอลตามน้ำหนักตัว ดื่มน้ำเกลือแร่ และพาไปตรวจเลือด',
          concepts: ['ไข้เลือดออก', 'ยาเอ็นเสด', 'พาราเซตามอล', 'เช็ดตัว', 'ผงน้ำตาลเกลือแร่', 'ระยะวิกฤต', 'อาการเตือน', 'โรงพยาบาลส่งเสริมสุขภาพตำบล', 'บัตรทอง', 'อสม.'],
        },
        pairs: [[1, 1, 0.95], [2, 2, 0.9], [3, 3, 0.97], [6, 4, 0.91], [7, 5, 0.9]],
        localOnly: [[4, 3, 0.45], [5, 3, 0.33], [8, 6, 0.42], [9, 6, 0.22], [10, 1, 0.31]],
        retrieval: [['kb-th-001', 10.2], ['kb-th-002', 5.8], ['kb-th-003', 4.4]],
        final: {
          response: `ไม่ควรให้ไอบูโพรเฟนค่ะ เพราะถ้าเป็นไข้เลือดออก ยากลุ่มเอ็นเสดอย่างไอบูโพรเฟนและแอสไพรินจะเพิ่มความเสี่ยงเลือดออก

- ให้ยาพาราเซตามอลตามขนาดที่เหมาะกับน้ำหนักตัว ห่างกันอย่างน้อย 4–6 ชั่วโมง และเช็ดตัวด้วยน้ำอุณหภูมิปกติ
- ให้จิบน้ำเกลือแร่หรือน้ำผลไม้บ่อย ๆ
- พาไปตรวจเลือดที่ รพ.สต. หรือโรงพยาบาลชุมชน ใช้สิทธิบัตรทองได้

ช่วงไข้ลด (วันที่ 3–5) เป็นระยะวิกฤต ถ้าซึม ปวดท้องมาก อาเจียนบ่อย มีเลือดออก มือเท้าเย็น หรือปัสสาวะน้อย ให้รีบไปโรงพยาบาลทันที`,
          answer: 'ห้ามให้ไอบูโพรเฟน ใช้พาราเซตามอลและรีบตรวจเลือด',
        },
      },
    },
    {
      id: 'qa-th-002',
      local: {
        a: 'ผมอายุ 45 ปี อยู่ขอนแก่น ชอบกินก้อยปลาดิบกับปลาร้าตั้งแต่เด็ก ได้ยินว่าทำให้เป็นมะเร็งท่อน้ำดี ควรทำอย่างไรดีครับ',
        b: 'ปลาน้ำจืดดิบหรือสุก ๆ ดิบ ๆ เช่น ก้อยปลา ปลาส้ม และปลาร้าที่หมักไม่นาน อาจมีพยาธิใบไม้ตับ การติดเชื้อเรื้อรังทำให้ท่อน้ำดีอักเสบและเพิ่มความเสี่ยงมะเร็งท่อน้ำดี ควรเลิกกินปลาดิบ ตรวจอุจจาระหาไข่พยาธิ ถ้าพบให้กินยาพราซิควอนเทลตามแพทย์สั่ง ผู้ที่อายุ 40 ปีขึ้นไปในพื้นที่เสี่ยงควรตรวจอัลตราซาวด์ช่องท้องเพื่อคัดกรอง ถ้ามีตัวเหลือง ตาเหลือง คันตามตัว ปัสสาวะสีเข้ม หรือน้ำหนักลด ควรรีบพบแพทย์',
      },
      english: {
        a: 'I am 45 and live in Khon Kaen. Since childhood I have liked eating raw fish koi pla and pla ra. I have heard they cause bile duct cancer. What should I do?',
        b: 'Raw or undercooked freshwater fish, such as koi pla, pla som and briefly fermented pla ra, may contain the liver fluke. Chronic infection inflames the bile ducts and increases the risk of bile duct cancer. Stop eating raw fish, have a stool test for fluke eggs and, if positive, take praziquantel as prescribed. People aged 40 and over in high-risk areas should have an abdominal ultrasound for screening. See a doctor promptly for yellow skin or eyes, itching, dark urine or weight loss.',
      },
      trace: {
        en: {
          reasoning: `## Liver fluke and cholangiocarcinoma

**Opisthorchis viverrini** is acquired by eating **raw freshwater fish**. Chronic infection causes biliary inflammation and is a recognised cause of **cholangiocarcinoma**.

- **Stool examination** for eggs; treat with **praziquantel** 40 mg/kg.
- Reinfection is common if eating habits do not change.
- **Ultrasound screening** can detect periductal fibrosis and early tumours.

Jaundice, itching or weight loss need prompt review.`,
          answer: 'Stop eating raw fish, have a stool test and praziquantel if positive, and have ultrasound screening.',
          concepts: ['Opisthorchis viverrini', 'raw freshwater fish', 'cholangiocarcinoma', 'Stool examination', 'praziquantel', 'Ultrasound screening'],
        },
        loc: {
          reasoning: `## พยาธิใบไม้ตับกับมะเร็งท่อน้ำดี

**พยาธิใบไม้ตับ** (Opisthorchis viverrini) ติดจากการกิน**ปลาน้ำจืดดิบ** เช่น **ก้อยปลา**และ**ปลาร้า**ที่หมักไม่นาน ภาคอีสานมีอัตรา**มะเร็งท่อน้ำดี**สูงที่สุดในโลก

- **ตรวจอุจจาระ**หาไข่พยาธิ และรักษาด้วย**พราซิควอนเทล**
- ถ้ายังกินปลาดิบ จะติดซ้ำได้
- **อัลตราซาวด์**คัดกรองสำหรับผู้ที่อายุ 40 ปีขึ้นไป ตามโครงการ **CASCAP**

ตัวเหลือง ตาเหลือง น้ำหนักลด ต้องรีบพบแพทย์`,
          answer: 'เลิกกินปลาดิบ ตรวจอุจจาระ กินพราซิควอนเทลถ้าพบพยาธิ และตรวจอัลตราซาวด์คัดกรอง',
          concepts: ['พยาธิใบไม้ตับ', 'ปลาน้ำจืดดิบ', 'ก้อยปลา', 'ปลาร้า', 'มะเร็งท่อน้ำดี', 'ตรวจอุจจาระ', 'พราซิควอนเทล', 'อัลตราซาวด์', 'CASCAP'],
        },
        pairs: [[1, 1, 0.88], [2, 2, 0.93], [5, 3, 0.95], [6, 4, 0.9], [7, 5, 0.97], [8, 6, 0.84]],
        localOnly: [[3, 2, 0.62], [4, 2, 0.58], [9, 6, 0.5]],
        retrieval: [['kb-th-004', 11.3], ['kb-th-005', 7.9]],
        final: {
          response: `ก้อยปลา ปลาส้ม และปลาร้าที่หมักไม่นานอาจมีพยาธิใบไม้ตับ ซึ่งเป็นสาเหตุสำคัญของมะเร็งท่อน้ำดีในภาคอีสาน แนะนำว่า

1. เลิกกินปลาน้ำจืดดิบหรือสุก ๆ ดิบ ๆ ปรุงให้สุกทุกครั้ง
2. ตรวจอุจจาระหาไข่พยาธิ ถ้าพบ แพทย์จะให้ยาพราซิควอนเทล
3. อายุ 40 ปีขึ้นไป ควรตรวจอัลตราซาวด์ช่องท้องคัดกรอง ซึ่งในขอนแก่นมีโครงการ CASCAP ให้บริการ

ถ้ามีตัวเหลือง ตาเหลือง คัน ปัสสาวะสีเข้ม หรือน้ำหนักลด ให้รีบพบแพทย์ครับ`,
          answer: 'เลิกกินปลาดิบ ตรวจอุจจาระและรักษาด้วยพราซิควอนเทล ตรวจอัลตราซาวด์คัดกรอง',
        },
      },
    },
    {
      id: 'nli-th-001',
      label: 'entailment',
      local: {
        a: 'ประเทศไทยผนวกการตรวจเอชไอวีเข้ากับการฝากครรภ์ และให้ยาต้านไวรัสแก่หญิงตั้งครรภ์ที่ติดเชื้อเอชไอวีและทารก พร้อมทั้งนมผสมสำหรับทารก ภายในปี 2558 อัตราการถ่ายทอดเชื้อเอชไอวีจากแม่สู่ลูกลดลงต่ำกว่าร้อยละ 2 และในปี 2559 องค์การอนามัยโลกรับรองให้ไทยเป็นประเทศแรกในเอเชียที่ยุติการถ่ายทอดเชื้อเอชไอวีและซิฟิลิสจากแม่สู่ลูก',
        b: 'โครงการเอชไอวีในงานฝากครรภ์ของไทยลดการถ่ายทอดเชื้อจากแม่สู่ลูกจนถึงเกณฑ์การยุติขององค์การอนามัยโลก',
      },
      english: {
        a: 'Thailand integrated HIV testing into antenatal care and provided antiretroviral drugs to pregnant women living with HIV and their infants, together with infant formula. By 2015 the mother-to-child HIV transmission rate had fallen below 2%, and in 2016 WHO validated Thailand as the first country in Asia to eliminate mother-to-child transmission of HIV and syphilis.',
        b: "Thailand's antenatal HIV programme reduced mother-to-child transmission to a level that met the WHO elimination criteria.",
      },
      trace: {
        en: {
          reasoning: `### Reasoning

The premise links **antenatal HIV testing** and **antiretroviral drugs** to a transmission rate below 2%, and reports **WHO validation** of elimination.

Validation means the elimination criteria were met, so the hypothesis is supported.

**Label: entailment**`,
          answer: 'entailment',
          concepts: ['antenatal HIV testing', 'antiretroviral drugs', 'WHO validation'],
        },
        loc: {
          reasoning: `### เหตุผล

**การตรวจเอชไอวีในงานฝากครรภ์**ร่วมกับ**ยาต้านไวรัส**และ**นมผสมสำหรับทารก**ทำให้อัตราถ่ายทอดเชื้อต่ำกว่าร้อยละ 2 และได้รับ**การรับรองจากองค์การอนามัยโลก**

**คำตอบ:** entailment`,
          answer: 'entailment',
          concepts: ['การตรวจเอชไอวีในงานฝากครรภ์', 'ยาต้านไวรัส', 'นมผสมสำหรับทารก', 'การรับรองจากองค์การอนามัยโลก'],
        },
        pairs: [[1, 1, 0.94], [2, 2, 0.92], [4, 3, 0.9]],
        localOnly: [[3, 2, 0.4]],
        retrieval: [],
        final: {
          response: 'ข้อสมมติฐานสอดคล้องกับข้อมูลตั้งต้น (entailment) เพราะการที่องค์การอนามัยโลกรับรองว่าไทยยุติการถ่ายทอดเชื้อเอชไอวีจากแม่สู่ลูกได้ หมายความว่าผ่านเกณฑ์การยุติแล้ว',
          answer: 'entailment',
        },
        errors: [{ stage: 'retrieve', message: 'Knowledge-base search timed out after 30000 ms (3 attempts); answer synthesised without retrieved documents.' }],
      },
    },
    {
      id: 'nli-th-002',
      label: 'contradiction',
      local: {
        a: 'ในการศึกษาแบบติดตามไปข้างหน้าของผู้ใหญ่ที่เป็นโรคเมลิออยโดสิสซึ่งยืนยันด้วยการเพาะเชื้อ ในโรงพยาบาลภาคตะวันออกเฉียงเหนือของไทย ผู้ป่วยส่วนใหญ่เป็นชาวนา และมากกว่าครึ่งเป็นเบาหวาน ผู้ป่วยประมาณร้อยละ 35 เสียชีวิตภายใน 28 วัน การทำนาโดยไม่สวมรองเท้าบูทเพิ่มการสัมผัสเชื้อ Burkholderia pseudomallei ในดิน',
        b: 'โรคเมลิออยโดสิสในภาคตะวันออกเฉียงเหนือของไทยเป็นโรคที่ไม่รุนแรงและแทบไม่ทำให้เสียชีวิต',
      },
      english: {
        a: 'In a prospective cohort of adults with culture-confirmed melioidosis admitted to hospitals in northeast Thailand, most patients were rice farmers and more than half had diabetes. About 35% died within 28 days. Working in rice fields without boots increased exposure to Burkholderia pseudomallei in soil.',
        b: 'Melioidosis in northeast Thailand is a mild illness that rarely causes death.',
      },
      trace: {
        en: {
          reasoning: `### Reasoning

**Melioidosis** caused by **Burkholderia pseudomallei** had **28-day mortality** of about 35% in this cohort, with **diabetes** as a common risk factor.

A disease that kills about a third of hospitalised patients is not "mild" and does not "rarely cause death".

**Label: contradiction**`,
          answer: 'contradiction',
          concepts: ['Melioidosis', 'Burkholderia pseudomallei', '28-day mortality', 'diabetes'],
        },
        loc: {
          reasoning: `### เหตุผล

**โรคเมลิออยโดสิส**เกิดจากเชื้อ **Burkholderia pseudomallei** ในดินและน้ำ พบมากใน**ชาวนา**และผู้ป่วย**เบาหวาน**

ข้อมูลตั้งต้นกล่าวถึงการสัมผัสดินขณะทำนา และสมมติฐานกล่าวถึงโรคเดียวกันในพื้นที่เดียวกัน จึงสอดคล้องกัน

**คำตอบ:** entailment`,
          answer: 'entailment',
          concepts: ['โรคเมลิออยโดสิส', 'Burkholderia pseudomallei', 'ชาวนา', 'เบาหวาน', { text: 'อัตราตายใน 28 วัน', unlocated: true }],
        },
        pairs: [[1, 1, 0.96], [2, 2, 0.99], [4, 4, 0.94], [5, 3, 0.88]],
        localOnly: [[3, 1, 0.48]],
        retrieval: [['kb-th-003', 2.1]],
        final: {
          response: 'ข้อสมมติฐานสอดคล้องกับข้อมูลตั้งต้น (entailment) เพราะทั้งสองกล่าวถึงโรคเมลิออยโดสิสในภาคตะวันออกเฉียงเหนือ ซึ่งพบในชาวนาที่สัมผัสดินและผู้ป่วยเบาหวาน',
          answer: 'entailment',
        },
      },
    },
  ],
  kb: [
    { id: 'kb-th-001', title: 'การดูแลผู้ป่วยไข้เลือดออก', content: 'ไข้เลือดออกมี 3 ระยะ คือ ระยะไข้ ระยะวิกฤต และระยะฟื้นตัว ระยะวิกฤตเริ่มเมื่อไข้ลดลง มักเป็นวันที่ 3–5 ของโรค ห้ามใช้แอสไพรินและยาเอ็นเสด ให้ใช้พาราเซตามอลและเช็ดตัว อาการเตือนที่ต้องรีบมาโรงพยาบาล ได้แก่ ซึม ปวดท้อง อาเจียนมาก เลือดออก มือเท้าเย็น และปัสสาวะน้อย' },
    { id: 'kb-th-002', title: 'สิทธิหลักประกันสุขภาพถ้วนหน้า (บัตรทอง)', content: 'ผู้มีสิทธิหลักประกันสุขภาพแห่งชาติ (บัตรทอง) รับบริการได้ที่หน่วยบริการประจำ เช่น โรงพยาบาลส่งเสริมสุขภาพตำบล (รพ.สต.) และโรงพยาบาลชุมชน โดยไม่เสียค่าใช้จ่าย ในกรณีฉุกเฉินรับบริการที่โรงพยาบาลใดก็ได้' },
    { id: 'kb-th-003', title: 'อาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.)', content: 'อสม. เป็นอาสาสมัครในชุมชนที่ช่วยงานสาธารณสุขมูลฐาน เช่น สำรวจและกำจัดลูกน้ำยุงลาย ติดตามผู้ป่วยโรคเรื้อรัง และให้ความรู้เรื่องโรคติดต่อ รวมถึงโรคเมลิออยโดสิสในชาวนา เช่น การสวมรองเท้าบูทขณะทำนา' },
    { id: 'kb-th-004', title: 'พยาธิใบไม้ตับ', content: 'พยาธิใบไม้ตับ Opisthorchis viverrini ติดต่อจากการกินปลาน้ำจืดเกล็ดขาวในวงศ์ปลาตะเพียนแบบดิบหรือสุก ๆ ดิบ ๆ เช่น ก้อยปลา ปลาส้ม ปลาร้าที่หมักไม่ถึงเกณฑ์ การติดเชื้อเรื้อรังเป็นปัจจัยเสี่ยงสำคัญของมะเร็งท่อน้ำดี รักษาด้วยยาพราซิควอนเทล' },
    { id: 'kb-th-005', title: 'โครงการ CASCAP', content: 'โครงการ CASCAP (Cholangiocarcinoma Screening and Care Program) ของมหาวิทยาลัยขอนแก่น คัดกรองมะเร็งท่อน้ำดีด้วยอัลตราซาวด์ในประชาชนอายุ 40 ปีขึ้นไปในภาคตะวันออกเฉียงเหนือ และส่งต่อผู้ที่พบความผิดปกติเพื่อตรวจและรักษาต่อ' },
  ],
};

const SW: { items: ItemSpec[]; kb: KbChunk[] } = {
  items: [
    {
      id: 'qa-sw-001',
      leadingNewline: true,
      local: {
        a: 'Nina ujauzito wa miezi mitano. Tangu jana nina homa, baridi na maumivu ya kichwa. Je, ninaweza kunywa dawa za malaria nilizobakiza nyumbani, au ni hatari kwa mtoto?',
        b: 'Homa wakati wa ujauzito inaweza kuwa malaria, na malaria ni hatari kwa mama na mtoto. Usitumie dawa zilizobaki nyumbani bila kupimwa. Nenda kituo cha afya upimwe malaria kwa kipimo cha haraka (mRDT). Ukiwa na malaria katika miezi mitatu ya pili au ya tatu ya ujauzito, dawa mseto ya artemether-lumefantrine (ALu) ni salama na inafaa. Hudhuria kliniki ya wajawazito mara kwa mara ili upate dawa ya SP ya kuzuia malaria, na ulale ndani ya chandarua chenye dawa kila usiku. Ukiwa na homa kali, kutapika, degedege au kutokwa na damu, nenda hospitali mara moja.',
      },
      english: {
        a: 'I am five months pregnant. Since yesterday I have had fever, chills and a headache. Can I take the malaria tablets I have left over at home, or is that dangerous for the baby?',
        b: 'Fever in pregnancy may be malaria, which is dangerous for both mother and baby. Do not take leftover medicines without being tested. Go to a health facility to be tested with a rapid diagnostic test. If you have malaria in the second or third trimester, artemether-lumefantrine is safe and effective. Attend antenatal clinic regularly to receive SP (sulfadoxine-pyrimethamine) to prevent malaria, and sleep under an insecticide-treated net every night. If you have a very high fever, vomiting, convulsions or bleeding, go to hospital immediately.',
      },
      trace: {
        en: {
          reasoning: `### Fever in pregnancy

In an endemic area, fever at 20 weeks' gestation is **malaria** until proven otherwise.

1. Confirm with a **rapid diagnostic test**; leftover tablets may be the wrong drug or an incomplete course.
2. Uncomplicated malaria in the second trimester: **artemether-lumefantrine** for 3 days.
3. Severe features (vomiting, convulsions, bleeding) need **parenteral artesunate** in hospital.
4. Prevention: **intermittent preventive treatment** with sulfadoxine-pyrimethamine at antenatal visits and an **insecticide-treated net**.`,
          answer: 'Do not take leftover tablets; get tested, and if positive take artemether-lumefantrine, which is safe in the second trimester.',
          concepts: ['malaria', 'rapid diagnostic test', 'artemether-lumefantrine', 'parenteral artesunate', 'intermittent preventive treatment', 'insecticide-treated net'],
        },
        loc: {
          reasoning: `### Homa wakati wa ujauzito

Katika eneo lenye malaria, homa katika wiki ya 20 ya ujauzito ni **malaria** hadi ithibitishwe vinginevyo.

1. Pima kwa **kipimo cha haraka cha malaria** (mRDT) katika zahanati au kituo cha afya; vituo vya serikali hutoa huduma za malaria kwa wajawazito bila malipo.
2. Malaria isiyo kali katika miezi mitatu ya pili: **artemether-lumefantrine** (ALu, kama **Coartem**) kwa siku 3.
3. Dalili za hatari zinahitaji **sindano ya artesunate** hospitalini.
4. Kinga: **SP** (Fansidar) kila mwezi kwenye **kliniki ya wajawazito**, na kulala ndani ya **chandarua chenye dawa**.`,
          answer: 'Usitumie dawa zilizobaki; pima kwanza. Ukiwa na malaria, ALu ni salama katika miezi mitatu ya pili.',
          concepts: ['malaria', 'kipimo cha haraka cha malaria', 'artemether-lumefantrine', 'Coartem', 'sindano ya artesunate', 'SP', 'kliniki ya wajawazito', 'chandarua chenye dawa'],
        },
        pairs: [[1, 1, 0.99], [2, 2, 0.9], [3, 3, 0.99], [5, 4, 0.86], [6, 5, 0.73], [8, 6, 0.88]],
        localOnly: [[4, 3, 0.66], [7, 5, 0.51]],
        retrieval: [['kb-sw-001', 9.7], ['kb-sw-002', 8.1]],
        final: {
          response: `Usinywe dawa za malaria ulizobakiza nyumbani. Huenda si dawa sahihi kwa ujauzito, au dozi haitoshi.

1. Nenda zahanati au kituo cha afya leo upimwe malaria kwa kipimo cha haraka (mRDT).
2. Ukiwa na malaria isiyo kali, utapewa artemether-lumefantrine (ALu, kama Coartem) kwa siku 3; ni salama katika miezi mitatu ya pili ya ujauzito.
3. Endelea kuhudhuria kliniki ya wajawazito upate SP ya kuzuia malaria, na ulale ndani ya chandarua chenye dawa kila usiku.

Ukiwa na kutapika mara kwa mara, degedege, kuchanganyikiwa au kutokwa na damu, nenda hospitali mara moja.`,
          answer: 'Usitumie dawa zilizobaki; pima malaria kwanza. ALu ni salama katika miezi mitatu ya pili.',
        },
      },
    },
    {
      id: 'qa-sw-002',
      local: {
        a: 'Mtoto wangu wa miezi 10 anaharisha kwa siku mbili, mara sita kwa siku. Bibi yake anasema nimpe dawa ya miti shamba na nisimnyonyeshe. Nifanye nini?',
        b: 'Endelea kumnyonyesha mtoto, mara nyingi kuliko kawaida. Mpe ORS (chumvi ya kurejesha maji mwilini) baada ya kila choo, na vidonge vya zinki kwa siku 10; vinapatikana bure katika zahanati. Usimpe dawa za miti shamba au dawa za kuzuia kuharisha bila ushauri wa mhudumu wa afya. Mpeleke kituo cha afya mara moja akiwa na dalili za hatari: macho kuzama, kushindwa kunyonya, kutapika kila kitu, kulegea, damu kwenye kinyesi au degedege.',
      },
      english: {
        a: 'My 10-month-old has had diarrhoea for two days, six times a day. Her grandmother says I should give herbal medicine and stop breastfeeding. What should I do?',
        b: 'Continue breastfeeding, more often than usual. Give ORS (oral rehydration salts) after each loose stool, and zinc tablets for 10 days; they are available free at the dispensary. Do not give herbal remedies or anti-diarrhoeal medicines without advice from a health worker. Take the child to a health facility immediately if there are danger signs: sunken eyes, unable to breastfeed, vomiting everything, lethargy, blood in the stool or convulsions.',
      },
      trace: {
        en: {
          reasoning: `### Acute diarrhoea in an infant

Six loose stools a day for two days, with no danger signs mentioned: likely **some or no dehydration**.

- **Continue breastfeeding**; stopping increases the risk of dehydration and malnutrition.
- Give an **oral rehydration solution** such as Pedialyte after each stool.
- **Zinc** for 10–14 days: 20 mg daily from 6 months of age.
- Check for **danger signs**: sunken eyes, lethargy, inability to drink, blood in stool.`,
          answer: 'Keep breastfeeding, give oral rehydration solution and zinc, and seek care for danger signs.',
          concepts: ['some or no dehydration', 'Continue breastfeeding', 'oral rehydration solution', 'Zinc', 'danger signs'],
        },
        loc: {
          reasoning: `### Kuharisha kwa mtoto mchanga

Choo laini mara sita kwa siku kwa siku mbili, bila dalili za hatari zilizotajwa.

- **Endelea kunyonyesha**; kuacha kunaongeza hatari ya upungufu wa maji na utapiamlo.
- Mpe **ORS** baada ya kila choo; changanya pakiti kwa kiasi cha maji safi kilichoandikwa kwenye pakiti.
- **Zinki** miligramu 20 kila siku kwa siku 10; vidonge hivi hutolewa bure katika **zahanati**.
- **Dawa za miti shamba** hazijathibitishwa na zinaweza kuchelewesha matibabu.
- Angalia **dalili za hatari**: macho kuzama, kulegea, kushindwa kunywa, damu kwenye kinyesi.`,
          answer: 'Endelea kunyonyesha, mpe ORS na zinki, na nenda kituo cha afya akiwa na dalili za hatari.',
          concepts: ['Endelea kunyonyesha', 'ORS', 'Zinki', 'zahanati', 'Dawa za miti shamba', 'dalili za hatari'],
        },
        pairs: [[1, 2, 0.92], [2, 3, 0.88], [3, 4, 0.95], [6, 5, 0.94]],
        localOnly: [[4, 4, 0.37], [5, 2, 0.29]],
        retrieval: [['kb-sw-003', 10.4], ['kb-sw-004', 6.6]],
        final: {
          response: `Endelea kumnyonyesha mtoto, tena mara nyingi zaidi. Usiache kunyonyesha.

- Mpe ORS baada ya kila choo laini, kwa vijiko au kikombe kidogo.
- Mpe vidonge vya zinki (miligramu 20) kila siku kwa siku 10; unaweza kuvipata bure zahanati.
- Usimpe dawa za miti shamba wala dawa za kuzuia kuharisha bila ushauri wa mhudumu wa afya.

Mpeleke kituo cha afya mara moja akiwa na macho yaliyozama, akishindwa kunyonya, akitapika kila kitu, akilegea, akiwa na damu kwenye kinyesi au degedege.`,
          answer: 'Endelea kunyonyesha; mpe ORS na zinki kwa siku 10; hakuna dawa za miti shamba.',
        },
      },
    },
    {
      id: 'nli-sw-001',
      label: 'entailment',
      local: {
        a: 'Katika jaribio la awamu ya tatu katika vituo 11 vya nchi saba za Afrika, watoto wa miezi 5 hadi 17 waliopata dozi tatu za chanjo ya malaria RTS,S/AS01 na dozi ya nyongeza katika mwezi wa 20 walipata matukio ya malaria ya kliniki pungufu kwa asilimia 36 katika kipindi cha takriban miaka minne, ikilinganishwa na kundi la udhibiti. Ufanisi ulikuwa mdogo zaidi kwa watoto waliopata chanjo ya kwanza wakiwa na wiki 6 hadi 12.',
        b: 'Dozi nne za RTS,S/AS01 zilipunguza malaria ya kliniki kwa watoto wadogo.',
      },
      english: {
        a: 'In a phase 3 trial at 11 sites in seven African countries, children aged 5-17 months who received three doses of the RTS,S/AS01 malaria vaccine and a booster at month 20 had 36% fewer episodes of clinical malaria over about four years than children in the control group. Efficacy was lower in infants first vaccinated at 6-12 weeks of age.',
        b: 'Four doses of RTS,S/AS01 reduced clinical malaria in young children.',
      },
      trace: {
        en: {
          reasoning: `### Reasoning

Three primary doses plus a **booster dose** = four doses. In children aged 5–17 months they gave **36% fewer episodes** of **clinical malaria**.

The hypothesis says four doses reduced clinical malaria in young children: supported.

**Label: entailment**`,
          answer: 'entailment',
          concepts: ['booster dose', '36% fewer episodes', 'clinical malaria'],
        },
        loc: {
          reasoning: `### Hoja

Dozi tatu za msingi pamoja na **dozi ya nyongeza** ni dozi nne. Kwa watoto wa miezi 5 hadi 17 zilipunguza **malaria ya kliniki** kwa **asilimia 36**.

Chanjo hii sasa inatolewa katika **mpango wa taifa wa chanjo** wa nchi kadhaa za Afrika.

**Jibu:** entailment`,
          answer: 'entailment',
          concepts: ['dozi ya nyongeza', 'malaria ya kliniki', 'asilimia 36', 'mpango wa taifa wa chanjo'],
        },
        pairs: [[1, 1, 0.91], [2, 3, 0.95], [3, 2, 0.83]],
        localOnly: [[4, 1, 0.43]],
        retrieval: [['kb-sw-005', 7.2]],
        final: {
          response: 'Entailment. Dozi tatu za RTS,S/AS01 pamoja na dozi ya nyongeza ni dozi nne, na kwa watoto wa miezi 5 hadi 17 zilipunguza malaria ya kliniki kwa asilimia 36.',
          answer: 'entailment',
        },
      },
    },
    {
      id: 'nli-sw-002',
      label: 'contradiction',
      local: {
        a: 'Katika utafiti wa shuleni karibu na Ziwa Victoria nchini Tanzania, dozi moja ya praziquantel (miligramu 40 kwa kilo) iliponya takriban asilimia 80 ya watoto walioambukizwa kichocho cha tumbo (Schistosoma mansoni) na kupunguza idadi ya mayai kwenye kinyesi kwa zaidi ya asilimia 90 kwa wale ambao hawakupona.',
        b: 'Dozi moja ya praziquantel haikupunguza idadi ya mayai ya Schistosoma mansoni kwa watoto wa shule.',
      },
      english: {
        a: 'In a school-based study near Lake Victoria in Tanzania, a single dose of praziquantel (40 mg/kg) cured about 80% of children infected with intestinal schistosomiasis (Schistosoma mansoni) and reduced faecal egg counts by more than 90% in those not cured.',
        b: 'A single dose of praziquantel did not reduce Schistosoma mansoni egg counts in school children.',
      },
      trace: {
        en: {
          reasoning: `### Reasoning

**Praziquantel** cured about 80% and cut **egg counts** by over 90% in the rest. The hypothesis denies any reduction.

**Label: contradiction**`,
          answer: 'contradiction',
          concepts: ['Praziquantel', 'egg counts'],
        },
        loc: {
          reasoning: `### Hoja

**Praziquantel** iliponya takriban asilimia 80 na kupunguza **idadi ya mayai** kwa zaidi ya asilimia 90 kwa wengine. **Kichocho** ni kawaida kwa watoto wanaoogelea au kuvua katika Ziwa Victoria, na dawa hii hutolewa shuleni kupitia **kampeni za kutoa dawa kwa wingi**.

**Jibu:** contradiction`,
          answer: 'contradiction',
          concepts: ['Praziquantel', 'idadi ya mayai', 'Kichocho', 'kampeni za kutoa dawa kwa wingi'],
        },
        pairs: [[1, 1, 0.99], [2, 2, 0.9]],
        localOnly: [[3, 1, 0.55], [4, 1, 0.47]],
        retrieval: [['kb-sw-005', 5.0]],
        final: {
          response: 'Contradiction. Dozi moja ya praziquantel ilipunguza idadi ya mayai kwa zaidi ya asilimia 90 kwa watoto ambao hawakupona, wakati dhana inasema haikupunguza.',
          answer: 'contradiction',
        },
      },
    },
  ],
  kb: [
    { id: 'kb-sw-001', title: 'Malaria wakati wa ujauzito', content: 'Malaria wakati wa ujauzito huongeza hatari ya upungufu wa damu kwa mama, mimba kuharibika na mtoto kuzaliwa na uzito mdogo. Kila mjamzito mwenye homa apimwe kwa mRDT. Malaria isiyo kali katika miezi mitatu ya pili na ya tatu hutibiwa kwa artemether-lumefantrine (ALu) kwa siku 3; malaria kali hutibiwa kwa sindano ya artesunate.' },
    { id: 'kb-sw-002', title: 'Kinga ya malaria kwa wajawazito (IPTp-SP)', content: 'Wajawazito hupewa SP (sulfadoxine-pyrimethamine) kuanzia wiki ya 13 ya ujauzito katika kila hudhurio la kliniki ya wajawazito, dozi zikiwa na muda wa angalau mwezi mmoja kati yake. Wajawazito pia hupewa chandarua chenye dawa. Wanaotumia cotrimoxazole hawapewi SP.' },
    { id: 'kb-sw-003', title: 'ORS na zinki kwa kuharisha', content: 'Mtoto anayeharisha apewe ORS baada ya kila choo laini na zinki kwa siku 10: miligramu 10 kwa siku kwa watoto chini ya miezi 6 na miligramu 20 kwa siku kwa watoto wa miezi 6 na zaidi. Aendelee kunyonya na kula. ORS na zinki hupatikana katika zahanati na vituo vya afya.' },
    { id: 'kb-sw-004', title: 'Dalili za hatari kwa mtoto (IMCI)', content: 'Dalili za hatari kwa mtoto ni kushindwa kunywa au kunyonya, kutapika kila kitu, degedege, kulegea au kupoteza fahamu. Mtoto anayeharisha mwenye macho yaliyozama na ngozi inayorudi polepole ana upungufu mkubwa wa maji na apelekwe kituo cha afya mara moja.' },
    { id: 'kb-sw-005', title: 'Chanjo ya malaria na kampeni za kichocho', content: 'Chanjo za malaria RTS,S/AS01 na R21/Matrix-M zinapendekezwa na Shirika la Afya Duniani kwa watoto katika maeneo yenye malaria. Kichocho hudhibitiwa kwa kutoa praziquantel kwa wingi kwa watoto wa shule katika maeneo yenye maambukizi, kama kando ya Ziwa Victoria.' },
  ],
};

const YO: { items: ItemSpec[]; kb: KbChunk[] } = {
  items: [
    {
      id: 'qa-yo-001',
      local: {
        a: 'Mo ti ní ibà fún ọjọ́ mẹ́ta. Ìyá mi fẹ́ kí n mu agbo ibà dípò kí n lọ sí ilé-ìwòsàn. Ṣé agbo nìkan tó láti wo ibà sàn?',
        b: 'Ibà lè jẹ́ àmì àrùn ibà (malaria) tàbí àìsàn mìíràn. Lọ sí ilé-ìwòsàn kí wọ́n ṣe àyẹ̀wò ẹ̀jẹ̀ (RDT) fún ọ. Tí àyẹ̀wò bá fi hàn pé o ní ibà, oògùn tí a fọwọ́ sí ni artemether-lumefantrine (bíi Coartem tàbí Lonart) fún ọjọ́ mẹ́ta. A kò tíì fi ẹ̀rí hàn pé agbo ń wo ibà sàn, àwọn agbo kan sì lè ba ẹ̀dọ̀ àti kíndìnrín jẹ́. Sùn sínú àwọ̀n ẹ̀fọn tí a fi oògùn sí. Tí o bá ń bì láìdúró, tí ìtọ̀ rẹ dúdú, tàbí tí ara rẹ bá rẹ̀wẹ̀sì gidigidi, lọ sí ilé-ìwòsàn lẹ́sẹ̀kẹsẹ̀.',
      },
      english: {
        a: 'I have had a fever for three days. My mother wants me to drink agbo iba (a herbal malaria remedy) instead of going to the hospital. Is agbo alone enough to cure malaria?',
        b: 'Fever may be a sign of malaria or of another illness. Go to a health facility to have a blood test (RDT). If the test shows malaria, the approved treatment is artemether-lumefantrine (for example Coartem or Lonart) for three days. Agbo has not been proven to cure malaria, and some preparations can damage the liver and kidneys. Sleep under an insecticide-treated net. If you vomit repeatedly, pass dark urine or feel very weak, go to hospital immediately.',
      },
      trace: {
        en: {
          reasoning: `### Three days of fever

Fever in an endemic setting needs **parasitological confirmation**; presumptive treatment misses other causes such as **typhoid**.

- First-line treatment: **artemether-lumefantrine** for 3 days.
- **Herbal remedies** have no proven efficacy, and some are hepatotoxic or nephrotoxic.
- **Insecticide-treated nets** prevent reinfection.

**Answer:** agbo alone is not enough; get tested and treated.`,
          answer: 'No. Get a malaria test and, if positive, take artemether-lumefantrine for 3 days; agbo is unproven and may be harmful.',
          concepts: ['parasitological confirmation', 'typhoid', 'artemether-lumefantrine', 'Herbal remedies', 'Insecticide-treated nets'],
        },
        loc: {
          reasoning: `### Ibà ọlọ́jọ́ mẹ́ta

Ní agbègbè tí ibà pọ̀ sí, a gbọ́dọ̀ ṣe **àyẹ̀wò ẹ̀jẹ̀** kí a tó tọ́jú ibà; ibà lè jẹ́ **ibà jẹ̀funjẹ̀fun** (typhoid).

- Oògùn àkọ́kọ́: **artemether-lumefantrine** (Coartem, **Lonart**) fún ọjọ́ mẹ́ta.
- **Agbo ibà**, bíi èyí tí a fi **ewé dóńgóyárò** sè, kò ní ẹ̀rí pé ó ń wo ibà sàn, ó sì lè pa ẹ̀dọ̀ lára.
- Sùn sínú **àwọ̀n ẹ̀fọn** tí a fi oògùn sí.

**Ìdáhùn:** agbo nìkan kò tó; lọ ṣe àyẹ̀wò.`,
          answer: 'Agbo nìkan kò tó. Lọ ṣe àyẹ̀wò ẹ̀jẹ̀; tí o bá ní ibà, lo artemether-lumefantrine fún ọjọ́ mẹ́ta.',
          concepts: ['àyẹ̀wò ẹ̀jẹ̀', 'ibà jẹ̀funjẹ̀fun', 'artemether-lumefantrine', 'Lonart', 'Agbo ibà', 'ewé dóńgóyárò', 'àwọ̀n ẹ̀fọn'],
        },
        // The first occurrence of this word is written decomposed (NFD) in the local reasoning:
        // the review panel must still highlight it, and locate() must still find it.
        nfdWord: 'àyẹ̀wò ẹ̀jẹ̀',
        pairs: [[1, 1, 0.83], [2, 2, 0.85], [3, 3, 0.99], [5, 4, 0.76], [7, 5, 0.82]],
        localOnly: [[4, 3, 0.64], [6, 4, 0.61]],
        retrieval: [['kb-yo-001', 9.3], ['kb-yo-002', 8.0]],
        final: {
          response: `Agbo nìkan kò tó láti wo ibà sàn.

1. Lọ sí ilé-ìwòsàn tàbí ilé-ìwòsàn alábọ́dé kí wọ́n ṣe àyẹ̀wò ẹ̀jẹ̀ (RDT) fún ọ.
2. Tí o bá ní ibà, lo artemether-lumefantrine (Coartem tàbí Lonart) fún ọjọ́ mẹ́ta gbáko, kódà tí ara rẹ bá yá kí ó tó tán.
3. A kò tíì fi ẹ̀rí hàn pé agbo ń wo ibà sàn, àwọn agbo kan sì lè ba ẹ̀dọ̀ àti kíndìnrín jẹ́.
4. Sùn sínú àwọ̀n ẹ̀fọn tí a fi oògùn sí.

Tí o bá ń bì láìdúró, tí ìtọ̀ rẹ dúdú, tàbí tí ara rẹ bá rẹ̀wẹ̀sì gidigidi, lọ sí ilé-ìwòsàn lẹ́sẹ̀kẹsẹ̀.`,
          answer: 'Agbo nìkan kò tó; ṣe àyẹ̀wò, kí o sì lo artemether-lumefantrine tí o bá ní ibà.',
        },
      },
    },
    {
      id: 'qa-yo-002',
      local: {
        a: 'Dókítà sọ pé mo ní ẹ̀jẹ̀ ríru, ó sì kọ amlodipine fún mi. Ara mi ti yá báyìí. Ṣé mo lè dá oògùn náà dúró?',
        b: 'Ẹ̀jẹ̀ ríru kì í sábà fi àmì hàn, nítorí náà ara yíyá kò túmọ̀ sí pé àìsàn náà ti lọ. Má ṣe dá oògùn dúró láìbá dókítà sọ̀rọ̀. Dín iyọ̀ kù nínú oúnjẹ, pẹ̀lú ọbẹ̀ tí a fi Maggi tàbí Knorr sè, nítorí wọ́n ní iyọ̀ púpọ̀. Máa ṣe eré ìdárayá, má mu sìgá, kí o sì máa wọn ẹ̀jẹ̀ rẹ déédéé ní ilé-ìwòsàn alábọ́dé.',
      },
      english: {
        a: 'The doctor said I have high blood pressure and prescribed amlodipine. I feel well now. Can I stop the medicine?',
        b: 'High blood pressure usually causes no symptoms, so feeling well does not mean the condition has gone. Do not stop the medicine without talking to your doctor. Reduce salt in your food, including soups and stews cooked with Maggi or Knorr seasoning cubes, because they contain a lot of salt. Exercise regularly, do not smoke, and have your blood pressure checked regularly at the primary health centre.',
      },
      trace: {
        en: {
          reasoning: `### Hypertension is usually silent

Feeling well is not evidence of control: most people with **hypertension** have **no symptoms** until a stroke or heart failure.

- **Amlodipine** should be continued; stopping lets the pressure rise again.
- **Dietary sodium** is a major driver; bouillon cubes are a hidden source.
- Regular **blood pressure checks** show whether treatment works.`,
          answer: 'No. Continue amlodipine, cut down salt and seasoning cubes, and have regular blood pressure checks.',
          concepts: ['hypertension', 'no symptoms', 'Amlodipine', 'Dietary sodium', 'blood pressure checks'],
        },
        loc: {
          reasoning: `### Ẹ̀jẹ̀ ríru kì í fi àmì hàn

Ara yíyá kò fi hàn pé **ẹ̀jẹ̀ ríru** ti lọ; ọ̀pọ̀ ènìyàn **kò ní àmì kankan** títí àrùn rọpárọsẹ̀ (stroke) yóò fi dé.

- Má ṣe dá **amlodipine** dúró.
- **Iyọ̀** pọ̀ nínú **Maggi** àti Knorr tí a ń lò fún ọbẹ̀ àti ìrẹsì jọ̀lọ́ọ̀fù.
- Máa **wọn ẹ̀jẹ̀** rẹ ní **ilé-ìwòsàn alábọ́dé**; ètò **NHIA** lè ràn ọ́ lọ́wọ́ fún owó oògùn.`,
          answer: 'Rárá. Má ṣe dá amlodipine dúró; dín iyọ̀ àti Maggi kù.',
          concepts: ['ẹ̀jẹ̀ ríru', 'kò ní àmì kankan', 'amlodipine', 'Iyọ̀', 'Maggi', 'wọn ẹ̀jẹ̀', 'ilé-ìwòsàn alábọ́dé', 'NHIA'],
        },
        pairs: [[1, 1, 0.92], [2, 2, 0.8], [3, 3, 0.99], [4, 4, 0.77], [6, 5, 0.79]],
        localOnly: [[5, 4, 0.56], [7, 5, 0.44], [8, 3, 0.21]],
        retrieval: [['kb-yo-003', 8.6], ['kb-yo-004', 7.4], ['kb-yo-005', 3.9]],
        final: {
          response: `Rárá, má ṣe dá amlodipine dúró. Ẹ̀jẹ̀ ríru kì í sábà fi àmì hàn, nítorí náà ara yíyá kò túmọ̀ sí pé àìsàn náà ti lọ.

- Dín iyọ̀ kù nínú oúnjẹ, pàápàá Maggi àti Knorr tí a ń fi sè ọbẹ̀.
- Máa wọn ẹ̀jẹ̀ rẹ déédéé ní ilé-ìwòsàn alábọ́dé.

Please continue taking your medication every day and discuss any side effects, such as ankle swelling, with your doctor.`,
          answer: 'Má ṣe dá amlodipine dúró; dín iyọ̀ kù, kí o sì máa wọn ẹ̀jẹ̀ rẹ.',
        },
      },
    },
    {
      id: 'nli-yo-001',
      label: 'entailment',
      local: {
        a: 'Ní agbègbè Sahel àti ní àríwá Nàìjíríà, àwọn ọmọdé tí ọjọ́ orí wọn wà láàárín oṣù 3 sí 59 gba sulfadoxine-pyrimethamine pẹ̀lú amodiaquine lóṣooṣù ní àsìkò òjò (seasonal malaria chemoprevention). Nínú àwọn ìwádìí, ètò yìí dènà nǹkan bí ìdá mẹ́ta nínú mẹ́rin àwọn àrùn ibà ní àsìkò náà, àwọn ìṣòro ńlá tí ó tẹ̀lé e sì kéré.',
        b: 'Ètò SMC pẹ̀lú SP àti amodiaquine dín àrùn ibà kù gidigidi láàárín àwọn ọmọdé ní àsìkò òjò.',
      },
      english: {
        a: 'In the Sahel and in northern Nigeria, children aged 3-59 months received sulfadoxine-pyrimethamine plus amodiaquine monthly during the rainy season (seasonal malaria chemoprevention). Across trials, the intervention prevented about three quarters of clinical malaria episodes during the transmission season, with few serious adverse events.',
        b: 'Seasonal malaria chemoprevention with SP plus amodiaquine substantially reduces clinical malaria in young children during the rainy season.',
      },
      trace: {
        en: {
          reasoning: `### Reasoning

**Seasonal malaria chemoprevention** (monthly **SP plus amodiaquine** in the rainy season) prevented about **three quarters** of clinical episodes. "Substantially reduces" is a fair restatement.

**Label: entailment**`,
          answer: 'entailment',
          concepts: ['Seasonal malaria chemoprevention', 'SP plus amodiaquine', 'three quarters'],
        },
        loc: {
          reasoning: `### Àlàyé

**SMC** (fífún àwọn ọmọdé ní **SP àti amodiaquine** lóṣooṣù ní àsìkò òjò) dènà nǹkan bí **ìdá mẹ́ta nínú mẹ́rin** àwọn àrùn ibà. Èyí bá hypothesis mu.

**Ìdáhùn:** entailment`,
          answer: 'entailment',
          concepts: ['SMC', 'SP àti amodiaquine', 'ìdá mẹ́ta nínú mẹ́rin'],
        },
        pairs: [[1, 1, 0.87], [2, 2, 0.95], [3, 3, 0.9]],
        localOnly: [],
        retrieval: [['kb-yo-001', 6.9]],
        final: {
          response: 'Entailment. Ètò SMC dènà nǹkan bí ìdá mẹ́ta nínú mẹ́rin àwọn àrùn ibà láàárín àwọn ọmọdé ní àsìkò òjò, èyí sì fi hàn pé ó dín àrùn ibà kù gidigidi.',
          answer: 'entailment',
        },
      },
    },
    {
      id: 'nli-yo-002',
      label: 'contradiction',
      local: {
        a: 'Nínú ìwádìí àfiwé kan (randomised trial) láàárín àwọn obìnrin tí oyún wọn tẹ́lẹ̀ ní àbùkù ọ̀pá ẹ̀yìn (neural tube defect), lílo folic acid (4 mg) lójoojúmọ́ kí wọ́n tó lóyún dín ìpadàbọ̀ àbùkù náà kù ní 72%.',
        b: 'Folic acid tí a lò kí a tó lóyún kò dín ìpadàbọ̀ àbùkù ọ̀pá ẹ̀yìn kù.',
      },
      english: {
        a: 'In a randomised trial among women who had a previous pregnancy affected by a neural tube defect, daily folic acid (4 mg) started before conception reduced the recurrence of neural tube defects by 72%.',
        b: 'Folic acid taken before conception did not reduce the recurrence of neural tube defects.',
      },
      trace: {
        en: {
          reasoning: `### Reasoning

**Folic acid** before conception reduced **recurrence** of **neural tube defects** by 72%. The hypothesis says it did not reduce recurrence.

**Label: contradiction**`,
          answer: 'contradiction',
          concepts: ['Folic acid', 'recurrence', 'neural tube defects'],
        },
        loc: {
          reasoning: `### Àlàyé

**Folic acid** dín **ìpadàbọ̀** **àbùkù ọ̀pá ẹ̀yìn** kù ní 72%, ṣùgbọ́n hypothesis sọ pé kò dín in kù. Ní Nàìjíríà, àwọn obìnrin máa ń gba folic acid ní **ilé-ìwòsàn ìgbẹ̀bí** (antenatal), ẹ̀fọ́ bíi **ẹ̀fọ́ tẹ̀tẹ̀** sì ní folate.

**Ìdáhùn:** contradiction`,
          answer: 'contradiction',
          concepts: ['Folic acid', 'ìpadàbọ̀', 'àbùkù ọ̀pá ẹ̀yìn', 'ilé-ìwòsàn ìgbẹ̀bí', 'ẹ̀fọ́ tẹ̀tẹ̀'],
        },
        pairs: [[1, 1, 0.99], [2, 2, 0.78], [3, 3, 0.84]],
        localOnly: [[4, 1, 0.41], [5, 1, 0.52]],
        retrieval: [['kb-yo-005', 2.8]],
        final: {
          response: 'Contradiction. Folic acid tí a lò kí a tó lóyún dín ìpadàbọ̀ àbùkù ọ̀pá ẹ̀yìn kù ní 72%, ṣùgbọ́n hypothesis sọ pé kò dín in kù.',
          answer: 'contradiction',
        },
      },
    },
  ],
  kb: [
    { id: 'kb-yo-001', title: 'Ìtọ́jú ibà (malaria)', content: 'Gbogbo ẹni tí ó bá ní ibà gbọ́dọ̀ ṣe àyẹ̀wò ẹ̀jẹ̀ (RDT tàbí microscopy) kí wọ́n tó gba oògùn ibà. Oògùn àkọ́kọ́ fún ibà tí kò le ni artemether-lumefantrine fún ọjọ́ mẹ́ta. Ní àríwá Nàìjíríà, àwọn ọmọdé máa ń gba SP àti amodiaquine lóṣooṣù ní àsìkò òjò (SMC).' },
    { id: 'kb-yo-002', title: 'Agbo àti oògùn ìbílẹ̀', content: 'Ọ̀pọ̀ ènìyàn ní ilẹ̀ Yorùbá máa ń lo agbo ibà tí a fi ewé àti èèpo igi sè, bíi ewé dóńgóyárò. A kò tíì fi ẹ̀rí hàn pé agbo ń wo ibà sàn, àwọn agbo kan sì lè ba ẹ̀dọ̀ àti kíndìnrín jẹ́. Kò yẹ kí agbo rọ́pò oògùn tí dókítà kọ.' },
    { id: 'kb-yo-003', title: 'Ẹ̀jẹ̀ ríru', content: 'Ẹ̀jẹ̀ ríru (hypertension) kì í sábà fi àmì hàn, ó sì lè fa àrùn rọpárọsẹ̀, àìsàn ọkàn àti àìsàn kíndìnrín. Oògùn bíi amlodipine gbọ́dọ̀ máa lò lójoojúmọ́ títí dókítà yóò fi sọ pé kí o yí i padà.' },
    { id: 'kb-yo-004', title: 'Iyọ̀ nínú oúnjẹ', content: 'Maggi, Knorr àti àwọn ohun amóúnjẹdùn mìíràn ní iyọ̀ púpọ̀. Ẹ̀kúnwọ́ iyọ̀ kan ju iye tí ó yẹ kí a jẹ lójúmọ́ lọ. Dín iyọ̀ àti Maggi kù nínú ọbẹ̀, kí o sì lo ata, àlùbọ́sà àti ewé olóòórùn dídùn dípò rẹ̀.' },
    { id: 'kb-yo-005', title: 'Ilé-ìwòsàn alábọ́dé àti NHIA', content: 'Ilé-ìwòsàn alábọ́dé (primary health centre) ń pèsè ìtọ́jú ìpìlẹ̀, wíwọn ẹ̀jẹ̀, ìtọ́jú àwọn aboyún àti folic acid fún wọn. Ètò ìbánigbófò ìlera NHIA lè dín owó ìtọ́jú kù fún àwọn tí ó forúkọ sílẹ̀.' },
  ],
};

const ZU: { items: ItemSpec[]; kb: KbChunk[] } = {
  items: [
    {
      id: 'qa-zu-001',
      local: {
        a: 'Ngisanda kuqala ukuphuza amaphilisi e-ARV (TLD) emtholampilo. Manje sengizizwa ngingcono. Ngingawayeka yini? Umama uthi ngiphuze nomuthi wesintu, inkomfe.',
        b: 'Amaphilisi e-ARV kufanele aphuzwe nsuku zonke impilo yonke, ngisho noma uzizwa uphilile. Uma uwayeka, igciwane lingaphinde landa futhi likwazi ukumelana nemithi. Ngemva kwezinyanga eziyisithupha emtholampilo bazohlola isilinganiso segciwane egazini (viral load); uma lingatholakali, awukwazi ukudlulisela i-HIV kumlingani wakho ngocansi. Ungaphuzi umuthi wesintu njengenkomfe ngaphandle kokutshela unesi noma udokotela, ngoba imithi ethile yesintu ingaphazamisa ukusebenza kwama-ARV.',
      },
      english: {
        a: 'I have just started taking ARV tablets (TLD) from the clinic. Now I feel better. Can I stop them? My mother says I should also take traditional medicine, African potato.',
        b: 'ARV tablets must be taken every day for life, even when you feel well. If you stop, the virus can multiply again and become resistant to the medicines. After six months the clinic will check your viral load; if it is undetectable, you cannot pass HIV to your partner through sex. Do not take traditional medicine such as African potato without telling the nurse or doctor, because some traditional medicines can interfere with how ARVs work.',
      },
      trace: {
        en: {
          reasoning: `### Early on antiretroviral therapy

Feeling better is the expected effect of **antiretroviral therapy** and shows it is working, not that HIV has gone.

- Stopping leads to viral rebound and **drug resistance**.
- A **viral load** test at 6 months checks suppression; **undetectable = untransmittable**.
- **African potato** (*Hypoxis hemerocallidea*) may alter drug metabolism; advise against it.

**Answer:** do not stop; continue daily and attend the clinic.`,
          answer: 'No. Continue TLD every day for life; avoid African potato and tell the clinic about any traditional medicine.',
          concepts: ['antiretroviral therapy', 'drug resistance', 'viral load', 'undetectable = untransmittable', 'African potato'],
        },
        loc: {
          reasoning: `### Ukuqala ama-ARV

Ukuzizwa ungcono kusho ukuthi **ama-ARV** ayasebenza, akusho ukuthi i-HIV iphelile.

- Ukuyeka kuletha **ukumelana nemithi**.
- Ngemva kwezinyanga eziyisithupha kuhlolwa **isilinganiso segciwane** (viral load).
- **Inkomfe** ingaphuzwa kanye nama-ARV ngoba iqinisa amasosha omzimba.
- Amaphilisi angathathwa endaweni ye-**CCMDD** eduze kwakho.

**Impendulo:** ungawayeki.`,
          answer: 'Ungawayeki ama-ARV. Inkomfe ingaphuzwa kanye nawo.',
          concepts: ['ama-ARV', 'ukumelana nemithi', 'isilinganiso segciwane', 'Inkomfe', 'CCMDD'],
        },
        pairs: [[1, 1, 0.86], [2, 2, 0.88], [3, 3, 0.84], [4, 5, 0.72]],
        localOnly: [[5, 1, 0.4]],
        retrieval: [['kb-zu-001', 8.2], ['kb-zu-002', 6.4], ['kb-zu-003', 5.9]],
        final: {
          response: `Cha, ungawayeki amaphilisi e-ARV. Ukuzizwa ungcono kusho ukuthi ayasebenza.

- Phuza i-TLD nsuku zonke ngesikhathi esifanayo, impilo yakho yonke.
- Ngemva kwezinyanga eziyisithupha bazohlola isilinganiso segciwane egazini.
- Inkomfe ingaphuzwa kanye nama-ARV ngoba iqinisa amasosha omzimba.
- Ungacela ukuthatha amaphilisi akho endaweni ye-CCMDD eduze nekhaya.`,
          answer: 'Ungawayeki ama-ARV; inkomfe ingaphuzwa kanye nawo.',
        },
      },
    },
    {
      id: 'qa-zu-002',
      local: {
        a: 'Sengikhwehlela amasonto amathathu, ngijuluka ebusuku futhi ngiyancipha. Ngisebenza emayini. Kungaba yisifo sofuba?',
        b: 'Ukukhwehlela isikhathi esingaphezu kwamasonto amabili, ukujuluka ebusuku nokuncipha kungaba yizimpawu ze-TB, ikakhulukazi kubantu abasebenza ezimayini. Yana emtholampilo uhlolwe isikhwehlela nge-GeneXpert; ukuhlolwa nokwelashwa kwe-TB kumahhala emitholampilo kahulumeni. Uma une-TB, uzophuza amaphilisi izinyanga eziyisithupha. Hlolwa ne-HIV. Abantu ohlala nabo nabo kufanele bahlolwe.',
      },
      english: {
        a: 'I have been coughing for three weeks, I sweat at night and I am losing weight. I work in a mine. Could it be TB?',
        b: 'A cough lasting more than two weeks, night sweats and weight loss can be signs of TB, especially in people who work in mines. Go to the clinic to have your sputum tested with GeneXpert; TB testing and treatment are free at government clinics. If you have TB, you will take tablets for six months. Have an HIV test too. The people you live with should also be screened.',
      },
      trace: {
        en: {
          reasoning: `### Presumptive tuberculosis

Cough for three weeks with **night sweats** and **weight loss** in a miner (silica exposure) is **presumptive TB**.

1. **Sputum Xpert MTB/RIF** testing, which also detects rifampicin resistance.
2. Offer an **HIV test**.
3. Drug-susceptible TB: **6-month regimen** (2 months HRZE, 4 months HR).
4. **Contact tracing** for household members.`,
          answer: 'Yes, it could be TB: have a sputum GeneXpert test and an HIV test at the clinic.',
          concepts: ['night sweats', 'weight loss', 'presumptive TB', 'Sputum Xpert MTB/RIF', 'HIV test', '6-month regimen', 'Contact tracing'],
        },
        loc: {
          reasoning: `### Kungenzeka kube yi-TB

Ukukhwehlela amasonto amathathu, **ukujuluka ebusuku** kanye **nokuncipha** kumuntu osebenza **emayini** kusho ukuthi kufanele ahlolelwe **i-TB**.

1. Hlola isikhwehlela nge-**GeneXpert** emtholampilo; kumahhala.
2. **Ukuhlolwa kwe-HIV**.
3. **Amaphilisi ezinyanga eziyisithupha**.
4. Hlola nabantu ohlala nabo.`,
          answer: 'Yebo, kungaba yi-TB. Yana emtholampilo uhlolwe.',
          concepts: ['ukujuluka ebusuku', 'nokuncipha', 'i-TB', 'GeneXpert', 'Ukuhlolwa kwe-HIV', 'Amaphilisi ezinyanga eziyisithupha', { text: 'ukulandelela abathintene nesiguli', unlocated: true }, 'emayini'],
        },
        pairs: [[1, 1, 0.93], [2, 2, 0.78], [3, 3, 0.8], [4, 4, 0.87], [5, 5, 0.92], [6, 6, 0.81], [7, 7, 0.75]],
        localOnly: [[8, 3, 0.47]],
        retrieval: [],
        final: {
          response: `Yebo, lezi zimpawu zingaba ngezesifo sofuba (TB), ikakhulukazi njengoba usebenza emayini.

1. Yana emtholampilo kahulumeni namuhla uhlolwe isikhwehlela nge-GeneXpert. Ukuhlolwa nokwelashwa kumahhala.
2. Hlolwa ne-HIV.
3. Uma une-TB, uzophuza amaphilisi izinyanga eziyisithupha, ungayeki ngisho uzizwa ungcono.
4. Abantu ohlala nabo kufanele nabo bahlolwe.`,
          answer: 'Kungaba yi-TB; hlolwa nge-GeneXpert ne-HIV emtholampilo.',
        },
        errors: [
          { stage: 'abstract_local', message: 'Concept "ukulandelela abathintene nesiguli" could not be located in the local reasoning; kept with empty spans.' },
          { stage: 'retrieve', message: 'Knowledge-base search timed out after 30000 ms (3 attempts); answer synthesised without retrieved documents.' },
        ],
      },
    },
    {
      id: 'nli-zu-001',
      label: 'entailment',
      local: {
        a: 'Ocwaningweni olwenziwa eKhayelitsha, eNingizimu Afrika, abantu abadala abane-HIV abaphuza ama-ARV baphuziswa i-isoniazid izinyanga eziyi-12 noma i-placebo. Labo abaphuze i-isoniazid babe ne-TB encane ngamaphesenti angama-37 kunalabo abaphuze i-placebo.',
        b: 'Ukuvikela nge-isoniazid kunciphise i-TB kubantu abane-HIV abaphuza ama-ARV.',
      },
      english: {
        a: 'In a randomised trial in Khayelitsha, South Africa, adults with HIV receiving antiretroviral therapy took isoniazid for 12 months or placebo. Those who took isoniazid had a 37% lower incidence of tuberculosis than those given placebo.',
        b: 'Isoniazid preventive therapy reduced tuberculosis among people with HIV receiving antiretroviral therapy.',
      },
      trace: {
        en: {
          reasoning: `### Reasoning

Among people on **antiretroviral therapy**, 12 months of **isoniazid** gave a **37% lower incidence** of TB than placebo. The hypothesis states this result.

**Label: entailment**`,
          answer: 'entailment',
          concepts: ['antiretroviral therapy', 'isoniazid', '37% lower incidence'],
        },
        loc: {
          reasoning: `### Incazelo

Kubantu abaphuza **ama-ARV**, i-**isoniazid** izinyanga eziyi-12 yehlise i-TB **ngamaphesenti angama-37**. Lokhu kuyavumelana ne-hypothesis.

**Impendulo:** entailment`,
          answer: 'entailment',
          concepts: ['ama-ARV', 'isoniazid', 'ngamaphesenti angama-37'],
        },
        pairs: [[1, 1, 0.85], [2, 2, 0.99], [3, 3, 0.82]],
        localOnly: [],
        retrieval: [['kb-zu-004', 7.5]],
        final: {
          response: 'Entailment. Kubantu abane-HIV abaphuza ama-ARV, i-isoniazid yehlise i-TB ngamaphesenti angama-37 uma iqhathaniswa ne-placebo.',
          answer: 'entailment',
        },
      },
    },
    {
      id: 'nli-zu-002',
      label: 'contradiction',
      local: {
        a: 'Ocwaningweni lwe-ADVANCE eGoli, abantu abadala abangu-1053 abaqala ukwelashwa kwe-HIV bahlukaniswa ngokungahleliwe: i-dolutegravir ne-tenofovir alafenamide/emtricitabine, i-dolutegravir ne-TDF/FTC, noma i-efavirenz/TDF/FTC. Emasontweni angama-48, ukucindezelwa kwegciwane ngemithi ye-dolutegravir kwakungaphansi kwe-efavirenz, kodwa isisindo sanda kakhulu nge-dolutegravir, ikakhulukazi nge-tenofovir alafenamide nakwabesifazane.',
        b: 'Imithi esekelwe ku-dolutegravir ibingasebenzi kahle njenge-efavirenz ekucindezeleni igciwane emasontweni angama-48.',
      },
      english: {
        a: 'In the ADVANCE trial in Johannesburg, 1,053 adults starting HIV treatment were randomly assigned to dolutegravir with tenofovir alafenamide/emtricitabine, dolutegravir with TDF/FTC, or efavirenz/TDF/FTC. At 48 weeks, viral suppression with the dolutegravir regimens was non-inferior to the efavirenz regimen, while weight gain was greater with dolutegravir, especially with tenofovir alafenamide and in women.',
        b: 'Dolutegravir-based regimens were inferior to efavirenz in achieving viral suppression at 48 weeks.',
      },
      trace: {
        en: {
          reasoning: `### Reasoning

At 48 weeks **viral suppression** with **dolutegravir** was **non-inferior** to **efavirenz**; the hypothesis says *inferior*. The premise also notes more **weight gain**, which does not bear on efficacy.

**Label: contradiction**`,
          answer: 'contradiction',
          concepts: ['viral suppression', 'dolutegravir', 'non-inferior', 'efavirenz', 'weight gain'],
        },
        loc: {
          reasoning: `### Incazelo

**Ukucindezelwa kwegciwane** nge-**dolutegravir** kwakungaphansi kwe-**efavirenz** emasontweni angama-48, ngakho i-dolutegravir ayisebenzi kahle. Lokhu kuyavumelana ne-hypothesis.

**Impendulo:** entailment`,
          answer: 'entailment',
          concepts: ['Ukucindezelwa kwegciwane', 'dolutegravir', 'efavirenz', { text: 'ukwanda kwesisindo', unlocated: true }],
        },
        pairs: [[1, 1, 0.9], [2, 2, 0.99], [3, 4, 0.99], [4, 5, 0.86]],
        localOnly: [],
        retrieval: [['kb-zu-001', 6.2]],
        final: {
          response: 'Entailment. Ngokwe-premise, ukucindezelwa kwegciwane nge-dolutegravir kwakungaphansi kwe-efavirenz emasontweni angama-48.',
          answer: 'entailment',
        },
      },
    },
  ],
  kb: [
    { id: 'kb-zu-001', title: 'I-TLD: umuthi wokuqala wama-ARV', content: 'ENingizimu Afrika abantu abadala abaqala ukwelashwa kwe-HIV banikezwa i-TLD (tenofovir, lamivudine ne-dolutegravir), iphilisi elilodwa ngosuku. Isilinganiso segciwane (viral load) sihlolwa ngemva kwezinyanga eziyisithupha bese kuba njalo ngonyaka. Uma igciwane lingatholakali, i-HIV ayidluliselwa ngocansi.' },
    { id: 'kb-zu-002', title: 'I-CCMDD: ukuthatha amaphilisi eduze nekhaya', content: 'Uhlelo lwe-CCMDD (Central Chronic Medicines Dispensing and Distribution) luvumela abantu abanesifo esingelapheki abazinzile ukuthi bathathe amaphilisi abo ezindaweni ezisondelene nekhaya, njengamakhemisi namaklabhu, ngaphandle kokulinda emtholampilo.' },
    { id: 'kb-zu-003', title: 'Imithi yesintu nama-ARV', content: 'Abantu abaningi basebenzisa imithi yesintu evela ezinyangeni nakwizangoma. Inkomfe (i-African potato, Hypoxis hemerocallidea) ingaphazamisa indlela umzimba ophatha ngayo imithi ethile yama-ARV. Tshela unesi ngayo yonke imithi oyiphuzayo.' },
    { id: 'kb-zu-004', title: 'Ukuvikela i-TB kubantu abane-HIV', content: 'Abantu abane-HIV basengozini enkulu ye-TB. Ukwelashwa okuvikelayo kwe-TB (TPT), njenge-isoniazid izinyanga eziyisithupha kuya kweziyi-12 noma i-3HP, kunikezwa emitholampilo kahulumeni ngemva kokuqinisekisa ukuthi umuntu akanayo i-TB esebenzayo.' },
    { id: 'kb-zu-005', title: 'I-TB nabasebenzi basezimayini', content: 'Abasebenzi basezimayini basengozini enkulu ye-TB ngenxa yothuli lwe-silica, ukuhlala ndawonye kanye ne-HIV. Noma ubani okhwehlela isikhathi esingaphezu kwamasonto amabili kufanele ahlolwe isikhwehlela nge-GeneXpert mahhala emtholampilo.' },
  ],
};

const CONTENT: Record<Lang, { items: ItemSpec[]; kb: KbChunk[] }> = { zh: ZH, ja: JA, ko: KO, sw: SW, th: TH, yo: YO, zu: ZU };

// ---------------------------------------------------------------- annotators
// Three physicians. Most items agree within one point; the disagreements of two or three points
// are on items with a real clinical problem that one rater caught and another did not.

const r = (cs: number | null, cg: number | null, extra: Omit<RatingSpec, 'cs' | 'cg'> = {}): RatingSpec => ({ cs, cg, ...extra });

const ANNOTATORS: AnnotatorSpec[] = [
  {
    id: 'dr-chen',
    languages: ['zh', 'ja', 'ko', 'th', 'sw', 'yo', 'zu', 'en'],
    day: 12,
    ratings: {
      'qa-zh-001': r(5, 5, {
        comment: '推理正确，强调不能自行停药；提到国家基本公共卫生服务的免费随访，很符合基层实际。',
        concepts: { 'zh-8': { relevant: true, note: '基层高血压管理的关键资源' }, 'pair:zh-5/en-7': { aligned: true } },
      }),
      'qa-zh-002': r(5, 4, {
        comment: '母婴阻断要点齐全，替诺福韦起始时间与指南一致。“乙肝两对半”是口语说法，可以接受。',
        concepts: { 'pair:zh-7/en-6': { aligned: true, note: '两对半比血清学检测范围更广，但意思相近' } },
        history: [[4, 4, '先给4分，复核指南后改为5分。']],
      }),
      'nli-zh-001': r(5, 4),
      'nli-zh-002': r(4, 4, { comment: '标签正确；英文侧一个概念未能定位，不影响结论。' }),
      'qa-ja-001': r(4, 4),
      'qa-ja-002': r(4, 5, { comment: 'Good practical advice; the heat stroke alert and community support centre are exactly what a Japanese family needs.' }),
      'nli-ja-001': r(5, 4),
      'nli-ja-002': r(5, 4),
      'qa-ko-001': r(5, 5, { comment: 'Correctly uses the national cancer screening programme (endoscopy every 2 years from 40).' }),
      'qa-ko-002': r(2, 3, {
        flags: ['hallucination'],
        comment: 'The Korean reasoning invents a "large clinical trial" showing red ginseng doubles the warfarin effect. The evidence is mixed and, if anything, points to a lower INR. Advice to check the INR is fine.',
        concepts: { 'ko-2': { relevant: true, note: 'claim attached to this concept is fabricated' }, 'pair:ko-2/en-2': { aligned: true } },
        history: [[3, 3]],
      }),
      'nli-ko-001': r(4, 4),
      'nli-ko-002': r(4, 3),
      'qa-th-001': r(5, 5, {
        comment: 'Excellent: no NSAIDs in suspected dengue, warning signs at defervescence, and the local system (sub-district hospital, gold card, village volunteers).',
        concepts: { 'th-9': { relevant: true }, 'th-10': { relevant: true, note: 'village health volunteers do larval control' } },
      }),
      'qa-th-002': r(5, 5, { comment: 'Liver fluke and CASCAP screening are exactly right for Khon Kaen.' }),
      'nli-th-001': r(4, null, { comment: 'Label correct. Retrieval timed out, so I cannot judge the local grounding of this item.' }),
      'nli-th-002': r(1, 2, {
        flags: ['hallucination'],
        comment: 'Wrong label. The Thai reasoning ignores the 35% 28-day mortality and calls it entailment; the English side was right.',
        concepts: { 'th-5': { relevant: true, note: 'mortality concept missing from the Thai text' } },
      }),
      'qa-sw-001': r(5, 4, { comment: 'Correct drugs for the second trimester; IPTp and bed net advice appropriate.' }),
      'qa-sw-002': r(4, 3, { flags: ['unavailable_locally'], comment: 'English side recommends Pedialyte, which is not what a Tanzanian dispensary stocks; the Swahili side correctly says ORS and zinc.' }),
      'nli-sw-001': r(5, 4),
      'nli-sw-002': r(5, 4),
      'qa-yo-001': r(5, 4, { comment: 'Good handling of agbo: respectful but clear that it is unproven.' }),
      'qa-yo-002': r(4, 3, { flags: ['wrong_language'], comment: 'Final response switches to English in the last paragraph.' }),
      'nli-yo-001': r(5, null, { comment: 'Label correct; I cannot assess the Yoruba wording.' }),
      'qa-zu-001': r(3, 3, { comment: 'Advice to continue ART is right, but the statement about African potato worries me; I am not sure of the evidence.' }),
      'qa-zu-002': r(4, 4),
      'nli-zu-001': r(5, 4),
    },
  },
  {
    id: 'dr-kato',
    languages: ['zh', 'ja', 'ko', 'th', 'sw', 'yo', 'zu', 'en'],
    day: 13,
    ratings: {
      'qa-zh-001': r(4, 4),
      'qa-zh-002': r(5, 4),
      'nli-zh-001': r(5, 5),
      'nli-zh-002': r(4, 4),
      'qa-ja-001': r(5, 5, {
        comment: '2018年の厚労省の方針変更と「2日間は一人にしない」という注意喚起が正確。麻黄湯への言及も日本の診療に合っている。',
        concepts: { 'ja-4': { relevant: true }, 'ja-7': { relevant: true, note: '日本では実際に処方される' }, 'pair:ja-5/en-4': { aligned: true } },
      }),
      'qa-ja-002': r(4, 5, {
        comment: '熱中症警戒アラートと地域包括支援センターへの言及は適切。エアコンの電気代を気にする高齢者への配慮もよい。',
        concepts: { 'ja-5': { relevant: true }, 'ja-7': { relevant: true } },
        history: [[4, 4], [4, 4, '地域包括支援センターの記載を確認中。']],
      }),
      'nli-ja-001': r(5, 4),
      'nli-ja-002': r(5, 5, { comment: 'JPPPの結果を正しく読んでいる。出血リスクの増加にも触れている。' }),
      'qa-ko-001': r(4, 5),
      'qa-ko-002': r(4, 4, { comment: 'Sensible advice to consult the doctor and check the INR.' }),
      'nli-ko-001': r(5, 4),
      'nli-ko-002': r(4, 4),
      'qa-th-001': r(5, 4),
      'qa-th-002': r(4, 4),
      'nli-th-001': r(5, 3),
      'nli-th-002': r(2, 2, { comment: 'Final label is wrong (entailment instead of contradiction).' }),
      'qa-sw-001': r(4, 4),
      'qa-sw-002': r(4, 4),
      'nli-sw-001': r(5, 4),
      'nli-sw-002': r(4, 4),
      'qa-yo-001': r(4, 4),
      'qa-yo-002': r(4, 4),
      'nli-yo-001': r(5, 4),
      'nli-yo-002': r(5, 3),
      'qa-zu-001': r(4, 4, { comment: 'Continue ART: correct. Mentions the CCMDD pick-up points.' }),
      'qa-zu-002': r(5, null, { comment: 'Clinically complete. I cannot judge the isiZulu phrasing, so no cultural grounding score.' }),
      'nli-zu-001': r(5, 4),
      'nli-zu-002': r(2, 3, { comment: 'The isiZulu reasoning misreads non-inferior as inferior and gives the wrong label.' }),
    },
  },
  {
    id: 'dr-amara',
    languages: ['sw', 'yo', 'zu', 'en'],
    day: 14,
    ratings: {
      'qa-sw-001': r(5, 5, {
        comment: 'Sahihi: ALu ni salama katika miezi mitatu ya pili, na SP hutolewa kliniki ya wajawazito. Kutaja Coartem kunasaidia wagonjwa kutambua dawa.',
        concepts: { 'sw-4': { relevant: true }, 'sw-7': { relevant: true }, 'pair:sw-6/en-5': { aligned: true, note: 'SP ni dawa ya IPTp' } },
      }),
      'qa-sw-002': r(3, 2, {
        flags: ['unavailable_locally'],
        comment: 'English reasoning recommends Pedialyte, which mothers here cannot buy. Jibu la Kiswahili ni sahihi (ORS na zinki bure zahanati), lakini mfumo ulichanganya.',
        history: [[4, 3]],
      }),
      'nli-sw-001': r(5, 5),
      'nli-sw-002': r(5, 5, { comment: 'Kutaja kampeni za praziquantel shuleni karibu na Ziwa Victoria ni sahihi.' }),
      'qa-yo-001': r(5, 5, {
        comment: 'Ó dára: ó sọ òtítọ́ nípa agbo láìfi àṣà ṣe yẹ̀yẹ́. Lonart is indeed a brand patients recognise in Nigeria.',
        concepts: { 'yo-4': { relevant: true }, 'yo-6': { relevant: true, note: 'neem-based agbo is very common' } },
      }),
      'qa-yo-002': r(4, 2, {
        flags: ['wrong_language'],
        comment: 'Mentioning Maggi cubes is spot on, but the final paragraph is in English, which many of our patients cannot read.',
        concepts: { 'yo-5': { relevant: true }, 'yo-8': { relevant: true } },
      }),
      'nli-yo-001': r(5, 4),
      'nli-yo-002': r(4, 4, { flags: ['inappropriate_terminology'], comment: '"Ilé-ìwòsàn ìgbẹ̀bí" is an unusual rendering of antenatal clinic; women would understand "ilé-ìwòsàn àwọn aboyún" better.' }),
      'qa-zu-001': r(1, 2, {
        flags: ['unsafe'],
        comment: 'Unsafe: the isiZulu answer says inkomfe (African potato) can be taken with ARVs because it "strengthens the immune system". This echoes the harmful messaging of the early 2000s; it may interact with ARVs and must be discouraged.',
        concepts: { 'zu-4': { relevant: true, note: 'claim about inkomfe is wrong' }, 'pair:zu-4/en-5': { aligned: false, note: 'aligned concept but opposite advice' } },
        history: [[2, 2], [1, 2, 'Lowered after re-reading the final response.']],
      }),
      'qa-zu-002': r(5, 4, { comment: 'Good. The mining context matters here; contact tracing is missing from the isiZulu text.' }),
      'nli-zu-001': r(5, 5),
      'nli-zu-002': r(1, 3, { comment: 'Wrong label: non-inferior was read as inferior.' }),
    },
  },
];

const README = `# Med-CoReasoner Review: sample workspace

A small, hand-written sample in the MultiMed-X formats, so that the extension and \`medco\` have
something real to open. It is **not** the published benchmark: items are illustrations written
for this sample (NLI premises summarise trials for illustration, not citation).

- \`multimedx-sample.jsonl\`: 28 items, 2 QA (LiveQA-style) and 2 NLI (BioNLI-style) in each of
  zh, ja, ko, sw, th, yo and zu, with parallel English in \`text_en\`.
- \`multimedx-sample.traces.jsonl\`: one cached co-reasoning trace per item (model \`sample-cached\`):
  English and local reasoning, concept chains with their spans, alignment, local-only
  knowledge, retrieval, final answer. Some traces carry deliberate problems for reviewers to find
  (a fabricated claim, an unsafe statement, a wrong NLI label, a language switch, a retrieval
  timeout).
- \`kb/<lang>/\`: the per-language knowledge base the traces retrieved from.
- \`annotations/multimedx-sample/\`: ratings by three annotators (\`dr-chen\`, \`dr-kato\`,
  \`dr-amara\`, who rates only sw, yo and zu). \`dr-kato\`'s rating of \`qa-ja-002\` was made on an
  earlier version of its trace, so it shows as stale.

Markers: QA \`问题:\`/\`答案:\` (zh), \`質問:\`/\`回答:\` (ja), \`질문:\`/\`답변:\` (ko), \`Swali:\`/\`Jibu:\` (sw),
\`Question:\`/\`Answer:\` (th, as in the published Thai data), \`Ìbéèrè:\`/\`Ìdáhùn:\` (yo),
\`Umbuzo:\`/\`Impendulo:\` (zu); NLI \`前提:\`/\`假设:\` (zh), \`前提:\`/\`仮説:\` (ja), \`전제:\`/\`가설:\` (ko) and
\`Premise:\`/\`Hypothesis:\` elsewhere. \`qa-sw-001\` starts with a newline and \`qa-zh-002\` uses full-width
colons, to exercise the splitter. The local reasoning of \`qa-yo-001\` writes one phrase in NFD.

The Yoruba, isiZulu, Swahili and Thai text would benefit from review by native-speaking clinicians.

Regenerate everything with \`node --import tsx scripts/make-sample.ts\`; do not edit these files
by hand.
`;

// ---------------------------------------------------------------- main

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = path.resolve(process.argv[2] ?? path.join(root, 'sample'));
  generate(outDir);
  console.log(`sample written to ${outDir}`);
}
