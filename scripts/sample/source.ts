// The hand-written content of the sample workspace, read from sample/source/: the shape of each
// file (the documentation of that format is in sample/README.md) and the one place that reads them.
// Kept apart from scripts/make-sample.ts so that the data's schema can be read on its own.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConceptJudgement, NliLabel, Task } from '../../src/core/types';

export type Lang = 'zh' | 'ja' | 'ko' | 'sw' | 'th' | 'yo' | 'zu';
export const LANGS: Lang[] = ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'];

/** A concept is its exact text in the reasoning; `unlocated` marks one deliberately absent from it. */
export type ConceptSpec = string | { text: string; unlocated: true };
/** Multi-line texts are arrays of lines (joined with "\n") so that the JSON stays readable. */
export type Lines = string[];
export interface SideSpec { reasoning: Lines; answer: string; concepts: ConceptSpec[] }
/** QA: question + answer; NLI: premise + hypothesis. */
export interface TextSpec { a: string; b: string }
/** The two markers of each task, e.g. ["Question:", "Answer:"] (docs/formats.md §1). */
export type Markers = Record<Exclude<Task, 'mcq'>, [string, string]>;

export interface ItemSpec {
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
    final: { response: Lines; answer: string };
    errors?: { stage: string; message: string }[];
    /** A word of the local reasoning written in NFD while its concept text is NFC. */
    nfdWord?: string;
  };
}

export interface KbChunk { id: string; title: string; content: string }
/** sample/source/<lang>.json. `createdDay`: day of November 2026 on which its traces were made. */
export interface LangSource { markers: Markers; createdDay: number; items: ItemSpec[]; kb: KbChunk[] }

export interface RatingSpec {
  cs: number | null;
  cg: number | null;
  flags?: string[];
  comment?: string;
  concepts?: Record<string, ConceptJudgement>;
  /** Earlier saved states, oldest first: [clinical_soundness, cultural_grounding, comment?]. */
  history?: [number | null, number | null, string?][];
}

/** sample/source/annotators.json holds a list of these. */
export interface AnnotatorSpec {
  id: string;
  languages: string[];
  /** Day of November 2026 on which this annotator's session started. */
  day: number;
  ratings: Record<string, RatingSpec>;
}

/** An LLM judge's ratings (sample/source/judges.json): written as `medco judge` writes them. */
export interface JudgeSpec {
  /** The judge's model; its file is judge-<model slug>.json. */
  model: string;
  /** Day of November 2026 on which the judge ran. */
  day: number;
  ratings: Record<string, { cs: number | null; cg: number | null; flags?: string[]; rationale: string }>;
}

const SOURCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'sample', 'source');

export function readSource(name: string): string {
  return readFileSync(path.join(SOURCE_DIR, name), 'utf8');
}

function readJson<T>(name: string): T {
  try {
    return JSON.parse(readSource(name)) as T;
  } catch (e) {
    throw new Error(`${path.join(SOURCE_DIR, name)}: ${(e as Error).message}`);
  }
}

export const SOURCE = Object.fromEntries(LANGS.map((l) => [l, readJson<LangSource>(`${l}.json`)])) as Record<Lang, LangSource>;
export const ANNOTATORS = readJson<AnnotatorSpec[]>('annotators.json');
export const JUDGES = readJson<JudgeSpec[]>('judges.json');
checkAcrossFiles();

/** Rules that span items and files: unique ids, labels on NLI items only, ratings of known items. */
function checkAcrossFiles(): void {
  const ids = new Set<string>();
  for (const it of LANGS.flatMap((l) => SOURCE[l].items)) {
    if (ids.has(it.id)) throw new Error(`duplicate item id ${it.id}`);
    ids.add(it.id);
    if (it.id.startsWith('nli-') !== (it.label !== undefined)) throw new Error(`${it.id}: NLI items and only they have a label`);
  }
  for (const a of ANNOTATORS) {
    for (const id of Object.keys(a.ratings)) if (!ids.has(id)) throw new Error(`${a.id}: rating for unknown item ${id}`);
  }
  for (const j of JUDGES) {
    for (const id of Object.keys(j.ratings)) if (!ids.has(id)) throw new Error(`judge ${j.model}: rating for unknown item ${id}`);
  }
}

// The English markers; the published Thai data uses them too (sample/source/th.json).
const EN_MARKERS: Markers = { qa: ['Question:', 'Answer:'], nli: ['Premise:', 'Hypothesis:'] };
export const markers = (lang: Lang | 'en'): Markers => (lang === 'en' ? EN_MARKERS : SOURCE[lang].markers);

/** The sample's blind pairwise study (sample/source/pairwise.json). */
export interface PairwiseSource {
  dataset: string;
  configs: [string, string];
  seed: number;
  overlap: number;
  calibration: number;
  hide: ('annotators' | 'configs' | 'judges')[];
  annotators: { id: string; languages: string[] }[];
  items: Record<string, { direct: { response: string[]; answer: string } }>;
  judgements: Record<string, Record<string, { winner: Record<string, string>; comment?: string }>>;
}
export const PAIRWISE = readJson<PairwiseSource>('pairwise.json');
