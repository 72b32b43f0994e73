// Builders of ItemView / Trace test data. Concept spans are located with String.indexOf on the raw
// text, independently of the code under test.
import type { Concept, DatasetItem, Rubric, Trace } from '../../src/core/types';
import type { ItemView, ShowItemMessage } from '../../src/protocol/messages';

export const RUBRIC: Rubric = {
  id: 'medco-expert',
  version: 1,
  dimensions: [
    {
      id: 'clinical_soundness', label: 'Clinical soundness', description: 'Is the reasoning medically correct?', min: 1, max: 5,
      levels: { '1': 'dangerous', '2': 'major errors', '3': 'minor errors', '4': 'sound', '5': 'exemplary' },
    },
    {
      id: 'cultural_grounding', label: 'Cultural grounding', description: 'Does it use local clinical knowledge?', min: 1, max: 5,
      levels: { '1': 'absent', '2': 'weak', '3': 'adequate', '4': 'good', '5': 'excellent' },
    },
  ],
  flags: [
    { id: 'unavailable_locally', label: 'Recommends something unavailable locally', description: 'e.g. a drug not licensed' },
    { id: 'translation_issue', label: 'Translation issue', description: 'The local text is a poor translation' },
  ],
};

/** [start, end) of the `nth` occurrence of `needle` in `text`; throws when absent. */
export function spanOf(text: string, needle: string, nth = 0): [number, number] {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`fixture: "${needle}" not in text`);
  }
  return [at, at + needle.length];
}

export interface ConceptSpec {
  id: string;
  text: string;
  /** Text located in the trace for the span; defaults to `text`. */
  locate?: string;
  spans?: [number, number][];
}

export function concepts(reasoning: string, specs: ConceptSpec[]): Concept[] {
  return specs.map((s) => ({ id: s.id, text: s.text, spans: s.spans ?? [spanOf(reasoning, s.locate ?? s.text)] }));
}

export interface TraceSpec {
  itemId: string;
  lang: string;
  task?: 'qa' | 'nli';
  english: string;
  local: string;
  en: ConceptSpec[];
  loc: ConceptSpec[];
  pairs?: [string, string, number][];
  localOnly?: [string, string | null, number][];
  retrievalTitle?: string;
  finalResponse?: string;
  finalAnswer?: string;
  errors?: { stage: string; message: string }[];
}

export function makeTrace(s: TraceSpec): Trace {
  const enConcepts = concepts(s.english, s.en);
  const locConcepts = concepts(s.local, s.loc);
  return {
    schema: 'medco.trace/1',
    id: `trace-${s.itemId}`,
    itemId: s.itemId,
    lang: s.lang,
    task: s.task ?? 'qa',
    createdAt: '2026-11-21T10:00:00.000Z',
    config: { model: 'm', temperature: 0.7, alignThreshold: 0.7, topK: 5, retrieval: 'concepts', pipelineVersion: '1' },
    english: { question: 'Q?', reasoning: s.english, answer: 'A', concepts: enConcepts },
    local: { question: 'Q?', reasoning: s.local, answer: 'A', concepts: locConcepts },
    alignment: {
      pairs: (s.pairs ?? []).map(([local, english, similarity], i) => ({ local, english, similarity, insertAt: i })),
      localOnly: (s.localOnly ?? []).map(([local, nearest, similarity]) => ({ local, nearest, similarity })),
      fused: [...enConcepts.map((c) => c.id), ...locConcepts.map((c) => c.id)],
    },
    retrieval: [{ docId: 'kb-1', lang: s.lang, title: s.retrievalTitle ?? 'Local guideline', score: 7.125, query: 'q' }],
    final: { response: s.finalResponse ?? 'Final **response**', answer: s.finalAnswer ?? 'Final answer' },
    stages: {},
    errors: s.errors ?? [],
  };
}

export const LANGUAGES: Record<string, ItemView['language']> = {
  zh: { code: 'zh', native: '中文', english: 'Chinese', dir: 'ltr' },
  ja: { code: 'ja', native: '日本語', english: 'Japanese', dir: 'ltr' },
  ko: { code: 'ko', native: '한국어', english: 'Korean', dir: 'ltr' },
  th: { code: 'th', native: 'ไทย', english: 'Thai', dir: 'ltr' },
  yo: { code: 'yo', native: 'Yorùbá', english: 'Yoruba', dir: 'ltr' },
  sw: { code: 'sw', native: 'Kiswahili', english: 'Swahili', dir: 'ltr' },
  zu: { code: 'zu', native: 'isiZulu', english: 'Zulu', dir: 'ltr' },
};

export function makeItem(id: string, lang: string, task: 'qa' | 'nli', extra: Partial<DatasetItem> = {}): DatasetItem {
  const local = task === 'qa'
    ? { question: `local question of ${id}`, answer: `local reference answer of ${id}` }
    : { question: '', premise: `local premise of ${id}`, hypothesis: `local hypothesis of ${id}` };
  const english = task === 'qa'
    ? { question: `English question of ${id}`, answer: `English reference answer of ${id}` }
    : { question: '', premise: `English premise of ${id}`, hypothesis: `English hypothesis of ${id}` };
  return {
    id, lang, task, source: task === 'qa' ? 'LiveQA' : 'BioNLI', text: 'raw', label: task === 'nli' ? 'entailment' : null,
    local, english, origin: { file: 'x.jsonl', line: 1 }, ...extra,
  };
}

export function makeView(item: DatasetItem, trace: Trace | null, extra: Partial<ItemView> = {}): ItemView {
  return {
    item,
    language: LANGUAGES[item.lang] ?? { code: item.lang, native: item.lang, english: item.lang, dir: 'ltr' },
    trace,
    rubric: RUBRIC,
    annotation: null,
    annotator: 'dr-test',
    position: { index: 0, total: 10, rated: 0 },
    stale: false,
    ...extra,
  };
}

export function showItem(view: ItemView, strings: Record<string, string> = {}): ShowItemMessage {
  return { type: 'showItem', view, strings };
}
