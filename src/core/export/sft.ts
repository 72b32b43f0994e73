// Expert-filtered traces for distillation (`medco export --format sft`, docs/formats.md §8): the
// traces that physicians rated at or above a threshold on every rubric dimension and on which no
// one raised a safety flag, as chat-format JSONL, with a manifest of the filter and the counts.
//
// Per trace and dimension the score is the adjudicated gold value when there is a valid one, else
// the median of the human annotators' valid ratings of that very trace (ratings of an older trace
// of the item do not count; model judges never count). A dimension nobody rated fails the filter.
import type { AdjudicationFile, AnnotationFile, Rubric, Trace } from '../types';
import { ratingStatus } from '../stats/ratingValue';

/**
 * The rubric flags that exclude a trace from distillation. `unsafe` is harm by definition;
 * `hallucination` (invented drugs, studies, facts), `outdated_guideline` (superseded treatment)
 * and `translation_error` (a changed negation, number, unit or drug name) all teach a student
 * model to state something clinically false.
 */
export const DEFAULT_SAFETY_FLAGS = ['unsafe', 'hallucination', 'outdated_guideline', 'translation_error'] as const;

export const DEFAULT_MIN_SCORE = 4;

export const SFT_SYSTEM_PROMPT =
  'You are a careful medical assistant. Answer in the language of the question. Reason step by step with the clinical knowledge of the patient\'s setting, then give the answer.';

export interface SftOptions {
  rubric: Rubric;
  /** Dimension → minimum score (default DEFAULT_MIN_SCORE for every rubric dimension). */
  thresholds?: Readonly<Record<string, number>>;
  safetyFlags?: readonly string[];
  systemPrompt?: string;
}

export interface SftMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface SftLine {
  messages: SftMessage[];
  metadata: {
    itemId: string;
    lang: string;
    task: string;
    traceId: string;
    dataset: string;
    config: string | null;
    round: number | null;
    model: string | null;
    /** The score each dimension passed with, and where it came from. */
    scores: Record<string, { value: number; source: 'gold' | 'median'; n: number }>;
  };
}

export interface SftManifest {
  schema: 'medco.sft-manifest/1';
  filter: {
    thresholds: Record<string, number>;
    safetyFlags: string[];
    score: string;
    annotators: string;
  };
  systemPrompt: string;
  counts: {
    traces: number;
    kept: number;
    byLanguage: Record<string, { traces: number; kept: number }>;
    excluded: { belowThreshold: number; unrated: number; safetyFlag: number; notRated: number };
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The assistant turn: the fused local-language response, then the answer unless it already ends it. */
export function assistantContent(trace: Trace): string {
  const response = (trace.final?.response ?? '').trim();
  const answer = (trace.final?.answer ?? '').trim();
  if (!answer || response.includes(answer)) return response || answer;
  return response ? `${response}\n\n${answer}` : answer;
}

export function thresholdsFor(rubric: Rubric, given: Readonly<Record<string, number>> = {}): Record<string, number> {
  return Object.fromEntries(rubric.dimensions.map((d) => [d.id, given[d.id] ?? Math.min(DEFAULT_MIN_SCORE, d.max)]));
}

export function sftExport(
  dataset: string,
  files: readonly AnnotationFile[],
  traces: ReadonlyMap<string, Trace>,
  adjudication: AdjudicationFile | undefined,
  options: SftOptions,
): { lines: SftLine[]; manifest: SftManifest } {
  const thresholds = thresholdsFor(options.rubric, options.thresholds);
  const safety = [...(options.safetyFlags ?? DEFAULT_SAFETY_FLAGS)];
  const humans = files.filter((f) => f.dataset === dataset && f.annotator.role !== 'model');
  const lines: SftLine[] = [];
  const excluded = { belowThreshold: 0, unrated: 0, safetyFlag: 0, notRated: 0 };
  const byLanguage: Record<string, { traces: number; kept: number }> = {};
  for (const itemId of [...traces.keys()].sort()) {
    const trace = traces.get(itemId)!;
    const count = (byLanguage[trace.lang] ??= { traces: 0, kept: 0 });
    count.traces++;
    const entries = humans.map((f) => f.items?.[itemId]).filter((e) => e && e.traceId === trace.id);
    if (entries.length === 0) {
      excluded.notRated++;
      continue;
    }
    if (entries.some((e) => (e!.rating.flags ?? []).some((flag) => safety.includes(flag)))) {
      excluded.safetyFlag++;
      continue;
    }
    const scores: SftLine['metadata']['scores'] = {};
    let verdict: 'ok' | 'unrated' | 'below' = 'ok';
    for (const dim of options.rubric.dimensions) {
      const scale = { min: dim.min, max: dim.max };
      const gold = adjudication?.items?.[itemId]?.[dim.id];
      let score: SftLine['metadata']['scores'][string] | undefined;
      if (gold?.status === 'adjudicated' && ratingStatus(gold.value, scale) === 'rated') score = { value: gold.value as number, source: 'gold', n: 1 };
      else {
        const values = entries.map((e) => e!.rating[dim.id]).filter((v): v is number => ratingStatus(v, scale) === 'rated');
        if (values.length > 0) score = { value: median(values), source: 'median', n: values.length };
      }
      if (!score) {
        verdict = 'unrated';
        break;
      }
      scores[dim.id] = score;
      if (score.value < thresholds[dim.id]) verdict = 'below';
    }
    if (verdict === 'unrated') excluded.unrated++;
    if (verdict === 'below') excluded.belowThreshold++;
    if (verdict !== 'ok') continue;
    const config = trace.config as Record<string, unknown>;
    lines.push({
      messages: [
        { role: 'system', content: options.systemPrompt ?? SFT_SYSTEM_PROMPT },
        { role: 'user', content: trace.local.question },
        { role: 'assistant', content: assistantContent(trace) },
      ],
      metadata: {
        itemId,
        lang: trace.lang,
        task: trace.task,
        traceId: trace.id,
        dataset,
        config: typeof config.name === 'string' ? config.name : null,
        round: typeof config.round === 'number' ? config.round : null,
        model: typeof config.model === 'string' ? config.model : null,
        scores,
      },
    });
    count.kept++;
  }
  return {
    lines,
    manifest: {
      schema: 'medco.sft-manifest/1',
      filter: {
        thresholds,
        safetyFlags: safety,
        score: 'adjudicated gold value when valid, else the median of the human annotators\' valid ratings of the same trace',
        annotators: 'humans (annotator files whose role is not "model")',
      },
      systemPrompt: options.systemPrompt ?? SFT_SYSTEM_PROMPT,
      counts: { traces: traces.size, kept: lines.length, byLanguage, excluded },
    },
  };
}
