// A Hugging Face dataset release (`medco export --format hf --out dir/`, docs/formats.md §8): one
// JSONL data file per language (`data/<lang>/test.jsonl`, split `test`: MultiMed-X is an evaluation
// set), and a `README.md` dataset card whose YAML front matter (built with the `yaml` library)
// declares `configs` with their `data_files`, the license, ISO 639-1 language codes, task categories
// and the size category, followed by the rubric, the agreement figures, the annotation process and
// the citation. Annotators appear as pseudonyms (`A1`, `A2`, … in the order of their ids) unless
// `withAnnotatorIds`.
import { stringify } from 'yaml';
import type { AdjudicationFile, AnnotationFile, Rubric, Trace } from '../types';
import type { ItemMetaLookup } from '../stats/itemMeta';
import { itemMetaFromId } from '../stats/itemMeta';
import type { StatsResult } from '../stats/result';
import { ratingStatus } from '../stats/ratingValue';
import { paperTablesToMarkdown } from './paperTables';
import { escapeCell } from './markdown';

/** arXiv 2601.08267 introduces both Med-CoReasoner and the MultiMed-X benchmark. */
export const CITATION_BIBTEX = `@misc{gao2026medcoreasoner,
  title         = {Med-CoReasoner: Reducing Language Disparities in Medical Reasoning via Language-Informed Co-Reasoning},
  author        = {Gao, Fan and Tong, Sherry T. and Sohn, Jiwoong and Huang, Jiahao and Jiang, Junfeng and Xia, Ding and Ittichaiwong, Piyalitt and Veerakanjana, Kanyakorn and Kim, Hyunjae and Chen, Qingyu and Marrese-Taylor, Edison and Kobayashi, Kazuma and Aizawa, Akiko and Li, Irene},
  year          = {2026},
  eprint        = {2601.08267},
  archivePrefix = {arXiv},
  primaryClass  = {cs.CL},
  url           = {https://arxiv.org/abs/2601.08267},
  note          = {Introduces the Med-CoReasoner framework and the MultiMed-X benchmark}
}`;

export interface HfReleaseInput {
  dataset: string;
  files: readonly AnnotationFile[];
  rubric: Rubric;
  stats: StatsResult;
  traces?: ReadonlyMap<string, Trace>;
  adjudication?: AdjudicationFile;
  itemMeta?: ItemMetaLookup;
  withAnnotatorIds?: boolean;
  license?: string;
}

export interface HfRow {
  id: string;
  lang: string;
  task: string;
  question: string | null;
  question_en: string | null;
  reasoning_en: string | null;
  reasoning_local: string | null;
  answer: string | null;
  trace_id: string | null;
  config: string | null;
  model: string | null;
  /** Median of the annotators' valid ratings per dimension (null when none). */
  rating_median: Record<string, number | null>;
  /** Adjudicated gold value per dimension (null when none). */
  gold: Record<string, number | null>;
  flags: string[];
  annotations: Record<string, unknown>[];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function sizeCategory(n: number): string {
  if (n < 1000) return 'n<1K';
  if (n < 10_000) return '1K<n<10K';
  if (n < 100_000) return '10K<n<100K';
  if (n < 1_000_000) return '100K<n<1M';
  return '1M<n<10M';
}

export function hfRows(input: HfReleaseInput): HfRow[] {
  const itemMeta = input.itemMeta ?? itemMetaFromId;
  const humans = input.files.filter((f) => f.dataset === input.dataset && f.annotator.role !== 'model').sort((a, b) => a.annotator.id.localeCompare(b.annotator.id));
  const pseudonym = new Map(humans.map((f, i) => [f.annotator.id, input.withAnnotatorIds ? f.annotator.id : `A${i + 1}`]));
  const itemIds = new Set<string>(humans.flatMap((f) => Object.keys(f.items ?? {})));
  return [...itemIds].sort().map((itemId) => {
    const trace = input.traces?.get(itemId);
    const meta = trace ? { lang: trace.lang, task: trace.task } : itemMeta(itemId);
    const config = (trace?.config ?? {}) as Record<string, unknown>;
    const annotations: Record<string, unknown>[] = [];
    const flags = new Set<string>();
    const values: Record<string, number[]> = {};
    for (const f of humans) {
      const e = f.items?.[itemId];
      if (!e) continue;
      const a: Record<string, unknown> = { annotator: pseudonym.get(f.annotator.id) };
      for (const d of input.rubric.dimensions) {
        const raw = e.rating?.[d.id];
        const status = ratingStatus(raw, d);
        a[d.id] = status === 'rated' ? raw : null;
        if (status === 'rated' && (!trace || !e.traceId || e.traceId === trace.id)) (values[d.id] ??= []).push(raw as number);
      }
      a.flags = Array.isArray(e.rating?.flags) ? [...e.rating.flags] : [];
      for (const fl of a.flags as string[]) flags.add(fl);
      a.comment = typeof e.rating?.comment === 'string' ? e.rating.comment : null;
      a.trace_id = e.traceId ?? null;
      annotations.push(a);
    }
    const gold: Record<string, number | null> = {};
    const rating_median: Record<string, number | null> = {};
    for (const d of input.rubric.dimensions) {
      const g = input.adjudication?.items?.[itemId]?.[d.id];
      gold[d.id] = g?.status === 'adjudicated' && ratingStatus(g.value, d) === 'rated' ? (g.value as number) : null;
      rating_median[d.id] = median(values[d.id] ?? []);
    }
    return {
      id: itemId,
      lang: meta.lang,
      task: meta.task,
      question: trace?.local.question ?? null,
      question_en: trace?.english.question ?? null,
      reasoning_en: trace?.english.reasoning ?? null,
      reasoning_local: trace?.local.reasoning ?? null,
      answer: trace ? trace.final.response || trace.final.answer : null,
      trace_id: trace?.id ?? null,
      config: typeof config.name === 'string' ? config.name : null,
      model: typeof config.model === 'string' ? config.model : null,
      rating_median,
      gold,
      flags: [...flags].sort(),
      annotations,
    };
  });
}

const TASK_CATEGORIES: Record<string, string> = { qa: 'question-answering', nli: 'text-classification', mcq: 'multiple-choice' };

/** Relative path → content of every file of the release. */
export function hfRelease(input: HfReleaseInput): Map<string, string> {
  const rows = hfRows(input);
  const byLang = new Map<string, HfRow[]>();
  for (const r of rows) byLang.set(r.lang, [...(byLang.get(r.lang) ?? []), r]);
  const langs = [...byLang.keys()].sort();
  const files = new Map<string, string>();
  for (const lang of langs) files.set(`data/${lang}/test.jsonl`, byLang.get(lang)!.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const tasks = [...new Set(rows.map((r) => r.task))].sort();
  const frontMatter = {
    pretty_name: `${input.dataset}: expert ratings of Med-CoReasoner traces`,
    license: input.license ?? 'other',
    language: [...new Set([...langs.filter((l) => /^[a-z]{2,3}$/.test(l)), 'en'])].sort(),
    task_categories: [...new Set(tasks.map((t) => TASK_CATEGORIES[t] ?? 'text-generation'))].sort(),
    size_categories: [sizeCategory(rows.length)],
    tags: ['medical', 'multilingual', 'expert-annotation', 'reasoning'],
    configs: langs.map((lang, i) => ({
      config_name: lang,
      data_files: [{ split: 'test', path: `data/${lang}/test.jsonl` }],
      ...(i === 0 ? { default: true } : {}),
    })),
  };
  files.set('README.md', `---\n${stringify(frontMatter)}---\n\n${cardBody(input, rows, langs)}`);
  return files;
}

function cardBody(input: HfReleaseInput, rows: HfRow[], langs: string[]): string {
  const humans = new Set(input.files.filter((f) => f.dataset === input.dataset && f.annotator.role !== 'model').map((f) => f.annotator.id));
  const out: string[] = [];
  out.push(`# ${escapeCell(input.dataset)}: expert ratings of Med-CoReasoner traces`, '');
  out.push(
    `Physicians rated the co-reasoning traces of ${rows.length} items (${langs.map((l) => `${l}: ${rows.filter((r) => r.lang === l).length}`).join(', ')}) ` +
      `with the rubric below. Each row holds the item, the English and local-language reasoning, the final answer, every annotator's ratings, ` +
      'their median per dimension and, when a curator adjudicated a disagreement, the gold value.',
    '',
  );
  out.push('## Data fields', '');
  out.push('`id`, `lang`, `task`, `question` (local language), `question_en`, `reasoning_en`, `reasoning_local`, `answer` (the fused final response), ' +
    '`trace_id`, `config` and `model` (the pipeline configuration), `rating_median` and `gold` (per dimension), `flags` (raised by any annotator), ' +
    `\`annotations\` (one object per annotator: ${input.withAnnotatorIds ? 'their annotator id' : 'a pseudonym A1, A2, … (no annotator ids are released)'}, each dimension, flags, comment).`, '');
  out.push('## Rubric', '', `Rubric \`${escapeCell(input.rubric.id)}\` version ${input.rubric.version}. A dimension may be left "not assessable" (null).`, '');
  for (const d of input.rubric.dimensions) {
    out.push(`### ${escapeCell(d.label)} (\`${escapeCell(d.id)}\`, ${d.min}–${d.max})`, '', escapeCell(d.description), '');
    for (const [v, meaning] of Object.entries(d.levels)) out.push(`- **${escapeCell(v)}**: ${escapeCell(meaning)}`);
    out.push('');
  }
  out.push('### Flags', '');
  for (const f of input.rubric.flags) out.push(`- \`${escapeCell(f.id)}\` (${escapeCell(f.label)}): ${escapeCell(f.description)}`);
  out.push('', '## Agreement', '', 'Computed on the annotators\' own ratings (never on adjudicated values) by `medco stats`.', '');
  out.push(paperTablesToMarkdown(input.stats));
  out.push('## Annotation process', '');
  out.push(
    `${humans.size} physician annotator(s) rated the items independently in the Med-CoReasoner Review extension for VS Code ` +
      '(or through Label Studio/Argilla and imported), with the English and local-language reasoning side by side and the concepts aligned between them. ' +
      'Every saved change is a new revision of the annotator\'s own file, so earlier ratings stay on record. ' +
      'Disagreements were reviewed by a curator, whose decisions (with a rationale) give the `gold` values. ' +
      'Model-judge ratings are not included.',
    '',
  );
  out.push('## Citation', '', 'MultiMed-X and Med-CoReasoner are introduced in:', '', '```bibtex', CITATION_BIBTEX, '```', '');
  return out.join('\n');
}
