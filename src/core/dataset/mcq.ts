// Multiple-choice rows (docs/formats.md §1, "Multiple-choice items"): recognises the published
// column layouts of Global-MMLU, MMLU-ProX and MMedBench (and our own `task: "mcq"` rows) by their
// columns, and reduces a row to a RawItem. Options and gold letters are checked in the builder.
import type { McqOptions } from '../types';
import { languageFromFileName } from './languages';
import type { RawItem } from './rawItem';

export type McqLayout = 'global-mmlu' | 'mmlu-prox' | 'mmedbench' | 'medco';

/** A row the dataset's own filter leaves out (not a medical question): counted, not an error. */
export interface OutOfSubset {
  outOfSubset: string;
}

type Where = Pick<RawItem, 'file' | 'line' | 'ordinal' | 'taskHint'>;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Which multiple-choice layout a record has, by its columns; undefined for QA/NLI rows. */
export function mcqLayout(r: Record<string, unknown>): McqLayout | undefined {
  if (typeof r.task === 'string' && r.task.trim().toLowerCase() === 'mcq') return 'medco';
  if ('option_a' in r) return 'global-mmlu';
  if ('option_0' in r) return 'mmlu-prox';
  if ('options' in r && 'question' in r) return 'mmedbench';
  return undefined;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

const blank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The language a row names (`lang` or `language`, a code or an English name), else the file's. */
function rowLanguage(r: Record<string, unknown>, file: string): string | undefined {
  const given = str(r.lang) ?? str(r.language);
  if (given !== undefined && given.trim() !== '') return given.trim();
  return languageFromFileName(file);
}

/**
 * One record of a multiple-choice layout as a RawItem (task `mcq`), an OutOfSubset when the
 * dataset's medical filter leaves it out, or a reason string when it cannot be read.
 */
export function rawMcqFromRecord(r: Record<string, unknown>, layout: McqLayout, where: Where): RawItem | OutOfSubset | string {
  const base: RawItem = { ...where, task: 'mcq', lang: rowLanguage(r, where.file), source: str(r.source) };
  switch (layout) {
    case 'global-mmlu': {
      const category = str(r.subject_category);
      if (category !== undefined && category.trim().toLowerCase() !== 'medical') {
        return { outOfSubset: 'Global-MMLU subject_category is not "Medical"' };
      }
      const options: Record<string, unknown> = { A: r.option_a, B: r.option_b, C: r.option_c, D: r.option_d };
      return { ...base, source: base.source ?? 'Global-MMLU', sourceId: str(r.sample_id), text: r.question, options, label: r.answer };
    }
    case 'mmlu-prox': {
      const category = str(r.category);
      if (category !== undefined && category.trim().toLowerCase() !== 'health') {
        return { outOfSubset: 'MMLU-ProX category is not "health"' };
      }
      const options: Record<string, unknown> = {};
      for (let i = 0; i < 10; i++) {
        const value = r[`option_${i}`];
        // MMLU-Pro questions have up to ten options; the unused columns are empty or "N/A".
        if (!blank(value) && !(typeof value === 'string' && value.trim() === 'N/A')) options[LETTERS[i]] = value;
      }
      const gold = goldFromAnswerAndIndex(r.answer, r.answer_index);
      if ('problem' in gold) return gold.problem;
      return { ...base, source: base.source ?? 'MMLU-ProX', sourceId: str(r.question_id), text: r.question, options, label: gold.label };
    }
    case 'mmedbench':
      return { ...base, source: base.source ?? 'MMedBench', sourceId: str(r.id), text: r.question, options: r.options, label: r.answer_idx, rationale: r.rationale };
    case 'medco':
      return {
        ...base,
        id: str(r.id),
        text: r.question ?? r.text,
        textEn: r.question_en ?? r.text_en ?? undefined,
        options: r.options,
        optionsEn: r.options_en ?? undefined,
        label: r.label ?? r.gold_label ?? r.answer_idx,
        rationale: r.rationale,
      };
  }
}

/** MMLU-ProX gives the gold twice: `answer` (letter) and `answer_index` (0-based); they must agree. */
function goldFromAnswerAndIndex(answer: unknown, index: unknown): { label: unknown } | { problem: string } {
  const fromIndex = blank(index) ? undefined : Number(typeof index === 'bigint' ? Number(index) : index);
  const indexLetter = fromIndex !== undefined && Number.isInteger(fromIndex) && fromIndex >= 0 && fromIndex < LETTERS.length ? LETTERS[fromIndex] : undefined;
  if (!blank(answer)) {
    const letter = String(answer).trim().toUpperCase();
    if (indexLetter !== undefined && letter !== indexLetter) {
      return { problem: `answer "${String(answer)}" and answer_index ${String(index)} (${indexLetter}) disagree; row skipped` };
    }
    return { label: answer };
  }
  if (blank(index)) return { label: undefined };
  if (indexLetter === undefined) return { problem: `answer_index ${JSON.stringify(String(index))} is not an option number (0–9); row skipped` };
  return { label: indexLetter };
}

/**
 * Options as the file gave them (an object or a list, or its JSON text in a CSV cell) → letter →
 * text in letter order, or a reason string. Empty options are left out.
 */
export function parseOptions(value: unknown, what = 'options'): McqOptions | string {
  let source = value;
  if (typeof source === 'string') {
    try {
      source = JSON.parse(source);
    } catch {
      return `${what} is not a JSON object of letter → text`;
    }
  }
  // A list of option texts (some exports write them so) is lettered A, B, C… in order.
  if (Array.isArray(source)) source = Object.fromEntries(source.map((text, i) => [LETTERS[i] ?? String(i), text]));
  if (source === null || typeof source !== 'object') return `${what} is missing or not an object of letter → text`;
  const entries: [string, string][] = [];
  for (const [key, text] of Object.entries(source as Record<string, unknown>)) {
    const letter = key.trim().toUpperCase();
    if (!/^[A-Z]$/.test(letter)) return `${what}: key ${JSON.stringify(key)} is not an option letter (A–Z)`;
    const t = str(text);
    if (t === undefined || t.trim() === '') continue;
    entries.push([letter, t]);
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  if (entries.length < 2) return `${what}: fewer than two non-empty options`;
  return Object.fromEntries(entries);
}

/**
 * The gold letter(s) in canonical form (`"B"`, `"A,C"`: upper case, letter order, no repeats),
 * undefined when there is none, or a reason string when a letter is not one of the options.
 * Several letters are separated by commas, semicolons or spaces (MMedBench writes `A,C`).
 */
export function parseGold(value: unknown, options: McqOptions): string | undefined | { problem: string } {
  if (blank(value)) return undefined;
  const text = str(value);
  if (text === undefined) return { problem: `gold answer ${JSON.stringify(value)} is not a letter` };
  const letters = text.split(/[\s,;]+/).filter(Boolean).map((l) => l.toUpperCase());
  const known = Object.keys(options);
  const range = known.length > 0 ? `${known[0]}–${known[known.length - 1]}` : 'none';
  for (const l of letters) {
    if (!/^[A-Z]$/.test(l)) return { problem: `gold answer ${JSON.stringify(text)} is not an option letter (the options are ${range})` };
    if (!(l in options)) return { problem: `gold letter "${l}" is not one of the options (${known.join(', ')})` };
  }
  return [...new Set(letters)].sort().join(',');
}
