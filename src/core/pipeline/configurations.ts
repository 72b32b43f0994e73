// The named pipeline configurations (`medco reason --config <name>`), in one declarative table:
// which stages run, which algorithm each uses, which prompt set, which temperatures. The pipeline
// reads only these fields, so a configuration is fully described here (and in the README table).
// The `neutral` prompt set is written by us (the paper's prompt file was never published): it asks
// for careful medical reasoning without priming either reasoner with cultural context, so that
// `paper` and the baselines compare grounding methods, not prompts.

export const CONFIGURATION_NAMES = ['coreasoner', 'paper', 'direct', 'cot-local', 'cot-en', 'no-retrieval', 'no-fusion', 'en-only-concepts'] as const;
export type ConfigurationName = (typeof CONFIGURATION_NAMES)[number];
export const DEFAULT_CONFIGURATION: ConfigurationName = 'coreasoner';

/** Where the final answer comes from. */
export type Answering =
  /** the generator, given the fused concept chain and the retrieved documents */
  | 'synthesize'
  /** the generator, given both reasonings in full (no concepts, no alignment) */
  | 'synthesize-reasonings'
  /** one call that answers in the local language without reasoning */
  | 'direct'
  /** the local reasoning's own answer */
  | 'local-reasoning'
  /** the English reasoning's answer, translated into the local language */
  | 'english-translated';

export type Alignment =
  /** ours: match to English concepts, place by English neighbours, keep local-only concepts */
  | 'ours'
  /** the released code's insert_concepts: growing chain, rejected concepts dropped */
  | 'released'
  /** the fused chain is the English chain alone */
  | 'english-only'
  | 'none';

export type Retrieval =
  /** BM25 over the local corpus, queries from the fused concepts (or the question, --retrieval) */
  | 'bm25'
  /** dense: English question over the English corpus + local question over the local corpus, optional rerank */
  | 'dense-en-local'
  | 'none';

export interface PipelineConfiguration {
  name: ConfigurationName;
  /** One line for the README, `--help` and the extension's picker. */
  summary: string;
  promptSet: 'v1' | 'neutral';
  reasonEnglish: boolean;
  reasonLocal: boolean;
  /** Which reasonings get a concept chain. */
  extract: 'both' | 'english' | 'none';
  alignment: Alignment;
  retrieval: Retrieval;
  answering: Answering;
  /** Documents in the generator's prompt: cut to this many characters, or whole (null). */
  docCharsInPrompt: number | null;
  /**
   * Temperature of the deterministic stages (translation, extraction, alignment by the chat model).
   * null: the run's temperature, as for reasoning and generation (the released code sends one
   * temperature on every call).
   */
  utilityTemperature: number | null;
}

const COREASONER: PipelineConfiguration = {
  name: 'coreasoner',
  summary: 'Our co-reasoning pipeline: both reasonings, concept alignment keeping local-only concepts, BM25 retrieval from the local corpus, synthesis.',
  promptSet: 'v1',
  reasonEnglish: true,
  reasonLocal: true,
  extract: 'both',
  alignment: 'ours',
  retrieval: 'bm25',
  answering: 'synthesize',
  docCharsInPrompt: 1500,
  utilityTemperature: 0,
};

const BASELINE = { promptSet: 'neutral', extract: 'none', alignment: 'none', retrieval: 'none', docCharsInPrompt: null, utilityTemperature: null } as const;

export const CONFIGURATIONS: Readonly<Record<ConfigurationName, PipelineConfiguration>> = {
  coreasoner: COREASONER,
  paper: {
    name: 'paper',
    summary:
      "The released code's method: neutral prompts, growing-chain concept insertion (unmatched local concepts dropped), dense retrieval of the English and local questions with optional reranking, whole documents, one temperature on every call.",
    promptSet: 'neutral',
    reasonEnglish: true,
    reasonLocal: true,
    extract: 'both',
    alignment: 'released',
    retrieval: 'dense-en-local',
    answering: 'synthesize',
    docCharsInPrompt: null,
    utilityTemperature: null,
  },
  direct: {
    name: 'direct',
    summary: 'Baseline: answer in the local language directly, no reasoning, no retrieval.',
    ...BASELINE,
    reasonEnglish: false,
    reasonLocal: false,
    answering: 'direct',
  },
  'cot-local': {
    name: 'cot-local',
    summary: 'Baseline: reason and answer in the local language (chain of thought), no retrieval.',
    ...BASELINE,
    reasonEnglish: false,
    reasonLocal: true,
    answering: 'local-reasoning',
  },
  'cot-en': {
    name: 'cot-en',
    summary: 'Baseline: reason in English on the parallel English item (translated when absent), answer translated into the local language.',
    ...BASELINE,
    reasonEnglish: true,
    reasonLocal: false,
    answering: 'english-translated',
  },
  'no-retrieval': { ...COREASONER, name: 'no-retrieval', summary: 'Ablation of coreasoner: no retrieval.', retrieval: 'none' },
  'no-fusion': {
    ...COREASONER,
    name: 'no-fusion',
    summary: 'Ablation of coreasoner: no concepts or alignment; the generator is given both reasonings in full.',
    extract: 'none',
    alignment: 'none',
    answering: 'synthesize-reasonings',
  },
  'en-only-concepts': {
    ...COREASONER,
    name: 'en-only-concepts',
    summary: 'Ablation of coreasoner: the concept chain is the English chain alone (no local concepts).',
    extract: 'english',
    alignment: 'english-only',
  },
};

export class UnknownConfigurationError extends Error {
  constructor(readonly given: string) {
    super(`unknown configuration "${given}"; valid: ${CONFIGURATION_NAMES.join(', ')}`);
    this.name = 'UnknownConfigurationError';
  }
}

export function isConfigurationName(name: string): name is ConfigurationName {
  return (CONFIGURATION_NAMES as readonly string[]).includes(name);
}

export function configurationNamed(name: string | undefined): PipelineConfiguration {
  const n = name ?? DEFAULT_CONFIGURATION;
  if (!isConfigurationName(n)) throw new UnknownConfigurationError(n);
  return CONFIGURATIONS[n];
}
