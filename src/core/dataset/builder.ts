// Turns RawItems into validated, split DatasetItems: language, task and label checks, id
// generation, duplicate ids, and the pairing of English rows (`qa-en-001`) with local rows.
import type { DatasetItem, McqOptions, NliLabel, Task } from '../types';
import { canonicalLanguage } from './languages';
import { parseGold, parseOptions } from './mcq';
import { ProblemLog } from './problems';
import type { RawItem } from './rawItem';
import { splitText, taskFromMarkers, type SplitResult } from './split';

interface EnglishRow {
  text: string;
  file: string;
  line: number;
  used: boolean;
  /** MCQ English rows: their options and what an unpaired row needs to stand as an item. */
  mcq?: { id: string; options: McqOptions; label: string | null; source?: string; rationale?: string; sourceId?: string };
}

const TASK_NAMES: Readonly<Record<string, Task>> = {
  qa: 'qa',
  liveqa: 'qa',
  nli: 'nli',
  bionli: 'nli',
  mcq: 'mcq',
};

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}

/**
 * The key that pairs `qa-en-001` with `qa-ja-001`: the id with its language segment replaced by
 * `*`. Undefined when the id has no segment naming the language.
 */
function pairingKey(id: string, lang: string): string | undefined {
  const parts = id.split('-');
  const at = parts.findIndex((p) => p.toLowerCase() === lang || canonicalLanguage(p) === lang);
  if (at < 0) return undefined;
  parts[at] = '*';
  return parts.join('-');
}

export class DatasetBuilder {
  readonly items: DatasetItem[] = [];

  /**
   * With a sink, items go to it as their rows are read and are not kept (validation of big
   * files: memory then grows with the ids, not the texts). English from a later English row
   * is attached to the same object in finish().
   */
  constructor(private readonly sink?: (item: DatasetItem) => void) {}

  readonly log = new ProblemLog();
  private readonly ids = new Map<string, { file: string; line: number }>();
  private readonly english = new Map<string, EnglishRow>();
  /** Local items without `text_en`, waiting for an English row: pairing key → item. */
  private readonly awaitingEnglish = new Map<string, DatasetItem>();
  private readonly warnedLanguages = new Set<string>();
  // Short values repeated on every row ("LiveQA", "BioNLI") are stored once: on 100k-row files
  // per-row copies add up.
  private readonly interned = new Map<string, string>();

  private intern(value: string): string {
    let shared = this.interned.get(value);
    if (shared === undefined) {
      shared = value;
      if (this.interned.size < 1000) this.interned.set(value, value);
    }
    return shared;
  }

  /** Rows handed to add(), loadable or not: tells an empty file from a file of bad rows. */
  rowsSeen = 0;

  add(raw: RawItem): void {
    this.rowsSeen++;
    const { file, line } = raw;
    const text = this.requireText(raw.text, raw, 'text');
    if (text === undefined) return;

    const lang = this.language(raw);
    if (lang === undefined) return;

    if (raw.task === 'mcq') {
      this.addMcq(raw, text, lang);
      return;
    }

    if (lang === 'en') {
      this.addEnglishRow(raw, text);
      return;
    }

    const textEn = this.optionalText(raw.textEn, raw, 'English text');
    const task = this.task(raw, text, textEn);
    if (task === undefined) return;

    const label = this.label(raw, task);
    const id = raw.id?.trim() || `${task}-${lang}-${pad3(raw.ordinal)}`;
    const previous = this.ids.get(id);
    if (previous !== undefined) {
      this.log.error(file, line, `duplicate id "${id}" (first at ${previous.file}:${previous.line}); row skipped`);
      return;
    }
    const origin = { file, line };
    this.ids.set(id, origin);

    const local = splitText(text, task, lang);
    this.warnSplit(raw, local, task, '');
    const item: DatasetItem = { id, lang, task, text, label, local: local.split, origin };
    if (raw.source !== undefined) item.source = this.intern(raw.source);
    if (textEn !== undefined) {
      this.attachEnglish(item, textEn, raw);
    } else {
      const key = pairingKey(id, lang);
      if (key !== undefined) this.awaitingEnglish.set(key, item);
    }
    this.emit(item);
  }

  /** Rows a multiple-choice dataset's own filter left out, per file and reason (reported in finish()). */
  private readonly outOfSubset = new Map<string, { file: string; reason: string; rows: number }>();

  /** A row outside the dataset's medical subset: skipped, counted and reported once per file. */
  skipOutOfSubset(file: string, reason: string): void {
    this.rowsSeen++;
    const key = `${file}\0${reason}`;
    const entry = this.outOfSubset.get(key) ?? { file, reason, rows: 0 };
    entry.rows++;
    this.outOfSubset.set(key, entry);
  }

  /** Pairs English rows with their local items; call once after every file was read. */
  finish(): void {
    for (const [key, en] of this.english) {
      const item = this.awaitingEnglish.get(key);
      if (item !== undefined) {
        if (en.mcq !== undefined) this.attachEnglishMcq(item, en.text, en.mcq.options, item.origin);
        else this.attachEnglish(item, en.text, item.origin);
        en.used = true;
      }
    }
    for (const en of this.english.values()) {
      if (en.used) continue;
      // An English multiple-choice benchmark (MMedBench English, Global-MMLU `en`) is a dataset of
      // its own: its rows that pair with nothing are items in English.
      if (en.mcq !== undefined) {
        const previous = this.ids.get(en.mcq.id);
        if (previous !== undefined) this.log.error(en.file, en.line, `duplicate id "${en.mcq.id}" (first at ${previous.file}:${previous.line}); row skipped`);
        else this.emit(this.mcqItem(en.mcq.id, 'en', en.text, en.mcq.options, en.mcq.label, en, en.mcq));
      } else this.log.warn(en.file, en.line, 'English row has no local-language row with a matching id');
    }
    for (const { file, reason, rows } of this.outOfSubset.values()) {
      this.log.warn(file, 0, `${rows} row(s) outside the medical subset skipped (${reason})`);
    }
  }

  private emit(item: DatasetItem): void {
    if (this.sink === undefined) this.items.push(item);
    else this.sink(item);
  }

  // ------------------------------------------------------------ multiple choice

  /**
   * A multiple-choice row: options and gold letters checked (a gold letter outside the options
   * skips the row with an error), id `mcq-<lang>-<sourceId or NNN>` unless the row has one.
   */
  private addMcq(raw: RawItem, question: string, lang: string): void {
    const { file, line } = raw;
    const options = parseOptions(raw.options);
    if (typeof options === 'string') {
      this.log.error(file, line, `${options}; row skipped`);
      return;
    }
    const gold = parseGold(raw.label, options);
    if (typeof gold === 'object') {
      this.log.error(file, line, `${gold.problem}; row skipped`);
      return;
    }
    if (gold === undefined) this.log.warn(file, line, 'multiple-choice item without a gold letter');
    // Only ids the source gave pair a local row with an English one: generated ids number rows,
    // and row n of two languages' files is not the same question (MMedBench's are not parallel).
    const givenId = raw.id?.trim() || undefined;
    const sourceId = raw.sourceId?.trim() || undefined;
    const id = givenId ?? `mcq-${lang}-${sourceId ?? pad3(raw.ordinal)}`;
    const pairable = givenId !== undefined || sourceId !== undefined;
    const rationale = typeof raw.rationale === 'string' && raw.rationale.trim() !== '' ? raw.rationale : undefined;
    const extra = { source: raw.source === undefined ? undefined : this.intern(raw.source), rationale, sourceId };

    const key = pairable ? pairingKey(id, lang) : undefined;
    if (lang === 'en' && key !== undefined) {
      if (this.english.has(key)) {
        this.log.error(file, line, `duplicate English row "${id}"; row skipped`);
        return;
      }
      this.english.set(key, { text: question, file, line, used: false, mcq: { id, options, label: gold ?? null, ...extra } });
      return;
    }

    const previous = this.ids.get(id);
    if (previous !== undefined) {
      this.log.error(file, line, `duplicate id "${id}" (first at ${previous.file}:${previous.line}); row skipped`);
      return;
    }
    this.ids.set(id, { file, line });
    const item = this.mcqItem(id, lang, question, options, gold ?? null, raw, extra);
    const textEn = this.optionalText(raw.textEn, raw, 'English question');
    if (textEn !== undefined) {
      let optionsEn: McqOptions | undefined;
      if (raw.optionsEn !== undefined && raw.optionsEn !== null) {
        const parsed = parseOptions(raw.optionsEn, 'options_en');
        if (typeof parsed === 'string') this.log.warn(file, line, `${parsed}; the local options are shown with the English question`);
        else optionsEn = parsed;
      }
      this.attachEnglishMcq(item, textEn, optionsEn, raw);
    } else if (key !== undefined && lang !== 'en') {
      this.awaitingEnglish.set(key, item);
    }
    this.emit(item);
  }

  private mcqItem(
    id: string,
    lang: string,
    question: string,
    options: McqOptions,
    label: string | null,
    where: { file: string; line: number },
    extra: { source?: string; rationale?: string; sourceId?: string },
  ): DatasetItem {
    const text = question.trim();
    const item: DatasetItem = { id, lang, task: 'mcq', text, label, local: { question: text, options }, options, origin: { file: where.file, line: where.line } };
    if (extra.source !== undefined) item.source = extra.source;
    if (extra.rationale !== undefined) item.rationale = extra.rationale;
    if (extra.sourceId !== undefined) item.sourceId = extra.sourceId;
    return item;
  }

  /**
   * Parallel English of a multiple-choice item. Its options must carry the same letters; without
   * English options the local ones are shown with the English question (a warning says so).
   */
  private attachEnglishMcq(item: DatasetItem, textEn: string, optionsEn: McqOptions | undefined, where: { file: string; line: number }): void {
    const question = textEn.trim();
    item.textEn = question;
    const local = Object.keys(item.options ?? {}).join(',');
    if (optionsEn !== undefined && Object.keys(optionsEn).join(',') !== local) {
      this.log.warn(where.file, where.line, `English options (${Object.keys(optionsEn).join(', ')}) differ in letters from the local ones (${local.replace(/,/g, ', ')}); the local options are shown with the English question`);
      item.english = { question, options: item.options };
      return;
    }
    if (optionsEn === undefined) {
      this.log.warn(where.file, where.line, 'English question without English options: the local options are shown with it');
      item.english = { question, options: item.options };
      return;
    }
    item.optionsEn = optionsEn;
    item.english = { question, options: optionsEn };
  }

  private attachEnglish(item: DatasetItem, textEn: string, where: { file: string; line: number }): void {
    item.textEn = textEn;
    const english = splitText(textEn, item.task, 'en');
    item.english = english.split;
    this.warnSplit(where, english, item.task, 'English text: ');
  }

  private addEnglishRow(raw: RawItem, text: string): void {
    const key = raw.id === undefined ? undefined : pairingKey(raw.id, 'en');
    if (key === undefined) {
      this.log.warn(raw.file, raw.line, 'English row without an id like "qa-en-001": it cannot be paired and is not an item');
      return;
    }
    if (this.english.has(key)) {
      this.log.error(raw.file, raw.line, `duplicate English row "${raw.id}"; row skipped`);
      return;
    }
    this.english.set(key, { text, file: raw.file, line: raw.line, used: false });
  }

  private requireText(value: unknown, raw: RawItem, what: string): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      const problem = value === undefined || value === null || value === '' ? 'missing' : typeof value === 'string' ? 'empty' : `not a string (${typeof value})`;
      this.log.error(raw.file, raw.line, `${what} is ${problem}; row skipped`);
      return undefined;
    }
    return value;
  }

  private optionalText(value: unknown, raw: RawItem, what: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.log.warn(raw.file, raw.line, `${what} is not a string; ignored`);
      return undefined;
    }
    return value.trim() === '' ? undefined : value;
  }

  private language(raw: RawItem): string | undefined {
    let code = raw.lang?.trim();
    if (!code && raw.id !== undefined) {
      // `qa-ja-001`: a row without `lang` still names its language in the id.
      code = raw.id.split('-').find((p) => canonicalLanguage(p) !== undefined);
    }
    if (!code) {
      this.log.error(raw.file, raw.line, 'language is missing ("lang"); row skipped');
      return undefined;
    }
    const canonical = canonicalLanguage(code);
    if (canonical !== undefined) return canonical;
    const lower = this.intern(code.toLowerCase());
    if (!this.warnedLanguages.has(`${raw.file}\0${lower}`)) {
      this.warnedLanguages.add(`${raw.file}\0${lower}`);
      this.log.warn(raw.file, raw.line, `unknown language code "${code}" (not one of MultiMed-X's); loaded as is`);
    }
    return lower;
  }

  private task(raw: RawItem, text: string, textEn: string | undefined): Task | undefined {
    if (raw.task !== undefined && raw.task.trim() !== '') {
      const task = TASK_NAMES[raw.task.trim().toLowerCase()];
      if (task === undefined) this.log.error(raw.file, raw.line, `unknown task "${raw.task}" (expected qa, nli or mcq); row skipped`);
      return task;
    }
    const fromSource = raw.source === undefined ? undefined : TASK_NAMES[raw.source.trim().toLowerCase()];
    const fromId = raw.id === undefined ? undefined : TASK_NAMES[raw.id.split('-')[0].toLowerCase()];
    const hasLabel = raw.label !== undefined && raw.label !== null && raw.label !== '';
    const inferred =
      fromSource ?? fromId ?? raw.taskHint ?? (hasLabel ? 'nli' : undefined) ?? taskFromMarkers(text) ?? (textEn === undefined ? undefined : taskFromMarkers(textEn));
    if (inferred !== undefined) return inferred;
    this.log.warn(raw.file, raw.line, 'task unknown (no "task", label or markers); assumed qa');
    return 'qa';
  }

  private label(raw: RawItem, task: Task): NliLabel | null {
    const value = raw.label;
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (task === 'nli') this.log.warn(raw.file, raw.line, 'NLI item without a label');
      return null;
    }
    const normalized = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (task === 'qa') {
      this.log.warn(raw.file, raw.line, `label ${JSON.stringify(value)} on a QA item ignored`);
      return null;
    }
    // The literals, not the parsed strings: one shared copy for every row.
    if (normalized === 'entailment') return 'entailment';
    if (normalized === 'contradiction') return 'contradiction';
    // The item still loads (it can be reasoned about), but the error makes `validate` fail.
    this.log.error(raw.file, raw.line, `bad label ${JSON.stringify(value)} (expected entailment or contradiction); item loaded without a label`);
    return null;
  }

  private warnSplit(where: { file: string; line: number }, result: SplitResult, task: Task, prefix: string): void {
    if (result.foundSecond) return;
    let message: string;
    if (task === 'qa') message = 'no answer marker: the whole text is taken as the question';
    else if (result.hypothesisFromLastParagraph) message = 'no hypothesis marker: the last paragraph is taken as the hypothesis';
    else message = 'no hypothesis marker: the whole text is taken as the premise';
    this.log.warn(where.file, where.line, prefix + message);
  }
}
