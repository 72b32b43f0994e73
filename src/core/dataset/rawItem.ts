// Every dataset form (MultiMed-X rows, paired rows, spreadsheet rows, multiple-choice rows) is
// first reduced to a RawItem: the fields as the file gave them, before validation, inference and
// splitting.
import { mcqLayout, rawMcqFromRecord, type OutOfSubset } from './mcq';

export interface RawItem {
  id?: string;
  /** Language code as written in the file (may be an alias or unknown). */
  lang?: string;
  task?: string;
  source?: string;
  text?: unknown;
  textEn?: unknown;
  label?: unknown;
  file: string;
  line: number;
  /** 1-based position of the row among the file's data rows: numbers generated ids. */
  ordinal: number;
  /** Task implied by the file (a `gold_label` column, a `bionli`/`liveqa` file name). */
  taskHint?: 'qa' | 'nli';
  /** MCQ: the options as given (an object of letter → text, or its JSON text). */
  options?: unknown;
  /** MCQ: the parallel English options as given. */
  optionsEn?: unknown;
  /** MCQ: the explanation of the gold answer (MMedBench `rationale`). */
  rationale?: unknown;
  /** MCQ: the source dataset's own id (`sample_id`, `question_id`): item id `mcq-<lang>-<sourceId>`. */
  sourceId?: string;
}

const META_KEYS = new Set(['id', 'task', 'label', 'gold_label', 'source', 'en']);

type Where = Pick<RawItem, 'file' | 'line' | 'ordinal' | 'taskHint'>;

function optionalString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

/**
 * Reads one parsed record: a MultiMed-X row (`text`, `lang`, …), a paired row
 * (`{"en": …, "<lang>": …}`) or a multiple-choice row (see mcq.ts). Returns a reason string when
 * the record is none of them, an OutOfSubset when a multiple-choice dataset's filter leaves it out.
 */
export function rawItemFromRecord(record: unknown, where: Where): RawItem | OutOfSubset | string {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return 'expected a JSON object';
  }
  const r = record as Record<string, unknown>;
  if (typeof r.schema === 'string' && r.schema.startsWith('medco.')) {
    return `this is a ${r.schema} record, not a dataset row (traces and annotations are not datasets)`;
  }
  const layout = mcqLayout(r);
  if (layout !== undefined) return rawMcqFromRecord(r, layout, where);
  const label = r.label ?? r.gold_label;
  if ('text' in r) {
    return {
      ...where,
      id: optionalString(r.id),
      lang: optionalString(r.lang),
      task: optionalString(r.task),
      source: optionalString(r.source),
      text: r.text,
      textEn: r.text_en ?? undefined,
      label,
    };
  }
  if ('en' in r) {
    const langKeys = Object.keys(r).filter((k) => !META_KEYS.has(k.toLowerCase()));
    if (langKeys.length !== 1) {
      return langKeys.length === 0
        ? 'paired row has "en" but no language key'
        : `paired row must have one language key besides "en", found: ${langKeys.join(', ')}`;
    }
    const lang = langKeys[0];
    return {
      ...where,
      id: optionalString(r.id),
      lang,
      task: optionalString(r.task),
      source: optionalString(r.source),
      text: r[lang],
      textEn: r.en,
      label,
    };
  }
  return 'unrecognized row: expected a MultiMed-X row ("text", "lang", …) or a paired row ("en" plus a language key)';
}

/** Task implied by a file name: the published files are `bionli_<lang>_150`, `liveqa_<lang>_200`. */
export function taskFromFileName(file: string): 'qa' | 'nli' | undefined {
  const base = file.replace(/^.*[\\/]/, '').toLowerCase();
  if (base.includes('bionli') || /(^|[^a-z])nli([^a-z]|$)/.test(base)) return 'nli';
  if (base.includes('liveqa') || /(^|[^a-z])qa([^a-z]|$)/.test(base)) return 'qa';
  return undefined;
}
