// Shared data types of the project's file formats (docs/formats.md §1–§3).
// Every layer (core, CLI, extension host, webview via src/protocol) speaks these types.

export type Task = 'qa' | 'nli' | 'mcq';
export type NliLabel = 'entailment' | 'contradiction';
/**
 * Gold of a multiple-choice item: its option letter, or several joined by commas in letter order
 * (`"B"`, `"A,C"`), as MMedBench writes them.
 */
export type McqLabel = string;
/** Option letter → option text, in letter order (`{"A": "…", "B": "…"}`). */
export type McqOptions = Record<string, string>;

/** Where a problem was found in an input file. `line` is 1-based (a spreadsheet row for .xlsx/.csv). */
export interface SourceProblem {
  file: string;
  line: number;
  message: string;
  /** Spreadsheets: the A1-style cell the problem is about (`B3`), when it is one cell's. */
  cell?: string;
}

/** One MultiMed-X item after loading and splitting. */
export interface DatasetItem {
  id: string;
  /** Canonical language code (`jp` already mapped to `ja`). */
  lang: string;
  task: Task;
  source?: string;
  /** Raw local-language text as in the dataset. */
  text: string;
  /** Raw parallel English text, when the dataset has it. */
  textEn?: string;
  /** NLI: entailment/contradiction. MCQ: the gold letter(s) (McqLabel). QA: null. */
  label: NliLabel | McqLabel | null;
  /** Split local-language text: QA → question/answer, NLI → premise/hypothesis, MCQ → question/options. */
  local: SplitText;
  /** Split English text, when the dataset has parallel English. */
  english?: SplitText;
  /** MCQ: the options in the item's language (the same object as `local.options`). */
  options?: McqOptions;
  /** MCQ: the parallel English options, when the dataset has them (`options_en`). */
  optionsEn?: McqOptions;
  /** MCQ: the dataset's explanation of the gold answer (MMedBench `rationale`), shown to reviewers. */
  rationale?: string;
  /** The id the source dataset gave the row (Global-MMLU `sample_id`, MMLU-ProX `question_id`). */
  sourceId?: string;
  /** Where the item came from. */
  origin: { file: string; line: number };
}

/** Text split by the per-language markers. QA uses question/answer, NLI premise/hypothesis, MCQ question/options. */
export interface SplitText {
  question: string;
  answer?: string;
  premise?: string;
  hypothesis?: string;
  /** MCQ: the options shown with the question (rendered by pipeline/itemText). */
  options?: McqOptions;
}

export interface Dataset {
  /** Dataset name: used as the folder name under the annotations dir. */
  name: string;
  files: string[];
  items: DatasetItem[];
  errors: SourceProblem[];
  warnings: SourceProblem[];
}

// ---------------------------------------------------------------- traces (docs/formats.md §2)

export const TRACE_SCHEMA = 'medco.trace/1';

/** UTF-16 code-unit offsets [start, end) into the reasoning text of the same side. */
export type Span = [number, number];

export interface Concept {
  id: string;
  text: string;
  spans: Span[];
}

export interface TraceSide {
  question: string;
  translated?: boolean;
  reasoning: string;
  answer: string;
  concepts: Concept[];
}

export interface AlignedPair {
  local: string;
  english: string;
  similarity: number;
  insertAt: number;
}

export interface LocalOnlyConcept {
  local: string;
  nearest: string | null;
  /** Null when not known: imported traces (the released code does not save similarities). */
  similarity: number | null;
}

export interface RetrievedDoc {
  docId: string;
  lang: string;
  title: string;
  score: number;
  query: string;
  content?: string;
}

export interface StageRecord {
  ms: number;
  attempts: number;
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
  cached: boolean;
}

export interface TraceConfig {
  model: string;
  embeddingModel?: string | null;
  temperature: number;
  alignThreshold: number;
  topK: number;
  retrieval: 'concepts' | 'question';
  pipelineVersion: string;
  promptVersion?: string;
  [key: string]: unknown;
}

export interface Trace {
  schema: typeof TRACE_SCHEMA;
  id: string;
  itemId: string;
  lang: string;
  task: Task;
  createdAt: string;
  config: TraceConfig;
  english: TraceSide;
  local: TraceSide;
  alignment: {
    pairs: AlignedPair[];
    localOnly: LocalOnlyConcept[];
    /** Ordered fused concept chain: concept ids from both sides. */
    fused: string[];
  };
  retrieval: RetrievedDoc[];
  final: { response: string; answer: string };
  stages: Record<string, StageRecord>;
  errors: { stage: string; message: string }[];
}

// ---------------------------------------------------------------- annotations (docs/formats.md §3)

export const ANNOTATIONS_SCHEMA = 'medco.annotations/1';
export const ADJUDICATION_SCHEMA = 'medco.adjudication/1';

/** Rubric dimensions are integers on the rubric's scale or null ("not assessable"). */
export interface Rating {
  [dimension: string]: number | null | string[] | string | undefined;
  flags?: string[];
  comment?: string;
}

export interface ConceptJudgement {
  relevant?: boolean;
  aligned?: boolean;
  note?: string;
}

export interface HistoryEntry {
  revision: number;
  rating: Rating;
  concepts?: Record<string, ConceptJudgement>;
  updatedAt: string;
  durationMs?: number;
  traceId?: string;
  traceSha256?: string;
  judge?: JudgeProvenance;
}

/** How an LLM judge (`annotator.role: "model"`) produced a rating: model and prompt version. */
export interface JudgeProvenance {
  model: string;
  /** The judge prompt's version folder (prompts/judge/<version>/). */
  promptVersion: string;
  /** sha256 of the judge prompt template: an edited prompt is a different prompt. */
  promptSha256: string;
}

export interface AnnotationEntry {
  traceId?: string;
  traceSha256?: string;
  revision: number;
  rating: Rating;
  concepts?: Record<string, ConceptJudgement>;
  updatedAt: string;
  durationMs?: number;
  /** Set on ratings written by `medco judge`. */
  judge?: JudgeProvenance;
  history: HistoryEntry[];
}

export interface AnnotatorInfo {
  id: string;
  languages?: string[];
  /** `model` marks an LLM judge's file (`medco judge`): never mixed into the physicians' agreement. */
  role?: 'annotator' | 'curator' | 'model' | string;
  /** The judge's model name, on files with role `model`. */
  model?: string;
  /** On a judge's file: the configuration and round whose traces it rates (one file per run, docs/formats.md §6). */
  run?: { config: string; round: number };
}

export interface AnnotationFile {
  schema: typeof ANNOTATIONS_SCHEMA;
  dataset: string;
  annotator: AnnotatorInfo;
  rubric: { id: string; version: number };
  items: Record<string, AnnotationEntry>;
  /** Blind pairwise judgements (docs/formats.md §7), keyed `<itemId>::<a>::<b>` with a < b. */
  comparisons?: Record<string, ComparisonEntry>;
}

/** Per dimension: the configuration judged better, a tie, or both unacceptable. */
export type PairwiseOutcome = string;
export const PAIRWISE_TIE = 'tie';
export const PAIRWISE_BOTH_BAD = 'both_bad';

export interface ComparisonState {
  /** Which configuration was shown as Response 1 and which as Response 2. */
  sides: { '1': string; '2': string };
  /** config → trace id of the response shown. */
  traceIds: Record<string, string>;
  /** config → sha256 of that trace: a judgement is stale once either trace is superseded. */
  traceSha256?: Record<string, string>;
  winner: Record<string, PairwiseOutcome>;
  flags?: string[];
  comment?: string;
}

export interface ComparisonHistoryEntry extends ComparisonState {
  revision: number;
  updatedAt: string;
  durationMs?: number;
}

export interface ComparisonEntry extends ComparisonHistoryEntry {
  history: ComparisonHistoryEntry[];
}

// ---------------------------------------------------------------- rubric

export interface RubricDimension {
  id: string;
  label: string;
  description: string;
  min: number;
  max: number;
  /** Meaning of each value, keyed by the value as a string ("1".."5"). */
  levels: Record<string, string>;
}

export interface RubricFlag {
  id: string;
  label: string;
  description: string;
}

export interface Rubric {
  id: string;
  version: number;
  dimensions: RubricDimension[];
  flags: RubricFlag[];
}

// ---------------------------------------------------------------- adjudication (docs/formats.md §3)

/** Why annotators disagreed, as a curator records it (the one list: rules, messages, UI). */
export const ADJUDICATION_ERROR_TYPES = [
  'ambiguous_item',
  'guideline_gap',
  'annotator_error',
  'translation_issue',
  'cultural_context_mismatch',
] as const;

export type AdjudicationErrorType = (typeof ADJUDICATION_ERROR_TYPES)[number];

export interface AdjudicationDecision {
  /** Gold value, or null when the curator marks the item unresolved. */
  value: number | null;
  status: 'adjudicated' | 'unresolved';
  adjudicator: string;
  rationale: string;
  errorType?: AdjudicationErrorType;
  decidedAt: string;
  /** Annotator id → the revision of that annotator's entry the decision was based on. */
  basedOn: Record<string, number>;
  revision: number;
  history: Omit<AdjudicationDecision, 'history'>[];
}

export interface AdjudicationFile {
  schema: typeof ADJUDICATION_SCHEMA;
  dataset: string;
  /** itemId → dimension → decision. */
  items: Record<string, Record<string, AdjudicationDecision>>;
}
