// Turns RawItems into validated, split DatasetItems: language, task and label checks, id
// generation, duplicate ids, and the pairing of English rows (`qa-en-001`) with local rows.
import type { DatasetItem, NliLabel, Task } from '../types';
import { canonicalLanguage } from './languages';
import { ProblemLog } from './problems';
import type { RawItem } from './rawItem';
import { splitText, taskFromMarkers, type SplitResult } from './split';

interface EnglishRow {
  text: string;
  file: string;
  line: number;
  used: boolean;
}

const TASK_NAMES: Readonly<Record<string, Task>> = {
  qa: 'qa',
  liveqa: 'qa',
  nli: 'nli',
  bionli: 'nli',
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
    if (this.sink === undefined) this.items.push(item);
    else this.sink(item);
  }

  /** Pairs English rows with their local items; call once after every file was read. */
  finish(): void {
    for (const [key, en] of this.english) {
      const item = this.awaitingEnglish.get(key);
      if (item !== undefined) {
        this.attachEnglish(item, en.text, item.origin);
        en.used = true;
      }
    }
    for (const en of this.english.values()) {
      if (!en.used) this.log.warn(en.file, en.line, 'English row has no local-language row with a matching id');
    }
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
      if (task === undefined) this.log.error(raw.file, raw.line, `unknown task "${raw.task}" (expected qa or nli); row skipped`);
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
