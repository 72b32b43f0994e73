// Splits an item's text into its parts by per-language markers (docs/formats.md §1):
// QA → question / reference answer, NLI → premise / hypothesis.
import type { SplitText, Task } from '../types';

interface MarkerWords {
  first: readonly string[];
  second: readonly string[];
}

// Marker words per language. The QA forms and the Japanese NLI forms are those of the published
// MultiMed-X files; the other NLI forms are plausible translations, so that a translated file
// still splits. English markers are always tried too (Thai data uses them).
const QA_MARKERS: Readonly<Record<string, MarkerWords>> = {
  en: { first: ['Question'], second: ['Answer'] },
  zh: { first: ['问题', '問題', '提问'], second: ['答案', '回答', '答复'] },
  ja: { first: ['質問'], second: ['回答', '答え'] },
  ko: { first: ['질문'], second: ['답변', '대답'] },
  sw: { first: ['Swali'], second: ['Jibu'] },
  th: { first: ['คำถาม'], second: ['คำตอบ'] },
  // `IÌdáhùn` is a misspelling found in the published Yoruba file.
  yo: { first: ['Ìbéèrè', 'Ibeere'], second: ['Ìdáhùn', 'IÌdáhùn', 'Idahun'] },
  zu: { first: ['Umbuzo'], second: ['Impendulo'] },
};

const NLI_MARKERS: Readonly<Record<string, MarkerWords>> = {
  en: { first: ['Premise'], second: ['Hypothesis'] },
  zh: { first: ['前提'], second: ['假设', '假設', '假说', '假說'] },
  ja: { first: ['前提'], second: ['仮説'] },
  ko: { first: ['전제'], second: ['가설'] },
  sw: { first: ['Dhana', 'Msingi'], second: ['Nadharia'] },
  th: { first: ['ข้ออ้าง', 'สมมติฐานตั้งต้น'], second: ['สมมติฐาน'] },
  yo: { first: ['Ìpìlẹ̀', 'Ipile'], second: ['Àbá', 'Aba'] },
  zu: { first: ['Isisekelo'], second: ['Umcabango'] },
};

/** Which markers were found, so that loaders can warn about texts that did not split cleanly. */
export interface SplitResult {
  split: SplitText;
  foundFirst: boolean;
  foundSecond: boolean;
  /** NLI only: no hypothesis marker, the last paragraph was taken as the hypothesis. */
  hypothesisFromLastParagraph?: boolean;
}

interface CompiledMarkers {
  /** The first marker, anchored at the start of the text (after whitespace). */
  first: RegExp;
  /** The second marker anywhere (global, so all occurrences can be inspected). */
  second: RegExp;
}

const COLON = '[ \\t\\u3000]*[:：﹕]';
// A marker must not be the tail of a longer word (`majibu:` is not `Jibu:`).
const NOT_AFTER_WORD = '(?<![\\p{L}\\p{M}\\p{N}])';

function alternatives(words: readonly string[]): string {
  return words.map((w) => w.normalize('NFC').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

function compile(words: MarkerWords): CompiledMarkers {
  return {
    first: new RegExp(`^\\s*(?:${alternatives(words.first)})${COLON}`, 'iu'),
    second: new RegExp(`${NOT_AFTER_WORD}(?:${alternatives(words.second)})${COLON}`, 'giu'),
  };
}

function merge(tables: MarkerWords[]): MarkerWords {
  return {
    first: [...new Set(tables.flatMap((t) => t.first))],
    second: [...new Set(tables.flatMap((t) => t.second))],
  };
}

type MarkerTable = Readonly<Record<string, MarkerWords>>;
const cache = new Map<string, CompiledMarkers>();

/** Markers of `lang` plus English; `*` means every language's markers. */
function markersFor(table: MarkerTable, kind: Task, lang: string): CompiledMarkers {
  const key = `${kind}:${lang}`;
  let compiled = cache.get(key);
  if (compiled === undefined) {
    const own = lang === '*' ? Object.values(table) : [table.en, table[lang]].filter((m) => m !== undefined);
    compiled = compile(merge(own));
    cache.set(key, compiled);
  }
  return compiled;
}

// Yoruba tone marks may come decomposed (NFD); markers are matched in NFC. Only texts with
// combining marks pay for normalization.
const COMBINING = /[\u0300-\u036f\u1dc0-\u1dff]/;
function normalized(text: string): string {
  return COMBINING.test(text) ? text.normalize('NFC') : text;
}

interface RawSplit {
  firstPart: string;
  secondPart: string | undefined;
  foundFirst: boolean;
}

/** True when only horizontal whitespace separates `index` from the previous line break. */
function atLineStart(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n' || c === '\r') return true;
    if (c !== ' ' && c !== '\t' && c !== '\u3000') return false;
  }
  return true;
}

function splitOnce(text: string, markers: CompiledMarkers): RawSplit {
  const first = markers.first.exec(text);
  const bodyStart = first === null ? 0 : first[0].length;
  // The second marker is preferably at a line start; one-line texts ("前提: … 仮説: …") have it
  // mid-line, so the first occurrence anywhere is the fallback.
  markers.second.lastIndex = bodyStart;
  let chosen: RegExpExecArray | undefined;
  let fallback: RegExpExecArray | undefined;
  for (let m = markers.second.exec(text); m !== null; m = markers.second.exec(text)) {
    fallback ??= m;
    if (atLineStart(text, m.index)) {
      chosen = m;
      break;
    }
  }
  chosen ??= fallback;
  if (chosen === undefined) {
    return { firstPart: text.slice(bodyStart).trim(), secondPart: undefined, foundFirst: first !== null };
  }
  return {
    firstPart: text.slice(bodyStart, chosen.index).trim(),
    secondPart: text.slice(chosen.index + chosen[0].length).trim(),
    foundFirst: first !== null,
  };
}

function splitWith(table: MarkerTable, kind: Task, text: string, lang: string): RawSplit {
  const own = splitOnce(text, markersFor(table, kind, lang));
  if (own.foundFirst || own.secondPart !== undefined) return own;
  // Nothing of this language's markers: the text may be labelled with another language's.
  return splitOnce(text, markersFor(table, kind, '*'));
}

/** Splits QA text into question and reference answer. No markers: the whole text is the question. */
export function splitQa(text: string, lang: string): SplitResult {
  const raw = splitWith(QA_MARKERS, 'qa', normalized(text), lang);
  const split: SplitText = { question: raw.firstPart };
  if (raw.secondPart !== undefined) split.answer = raw.secondPart;
  return { split, foundFirst: raw.foundFirst, foundSecond: raw.secondPart !== undefined };
}

/**
 * Splits NLI text into premise and hypothesis. `question` holds the whole text (what a model is
 * asked about). Without a hypothesis marker, a last paragraph after a blank line is taken as the
 * hypothesis (seen in the published data); otherwise the whole text is the premise.
 */
export function splitNli(text: string, lang: string): SplitResult {
  const source = normalized(text);
  const raw = splitWith(NLI_MARKERS, 'nli', source, lang);
  const split: SplitText = { question: source.trim(), premise: raw.firstPart };
  const result: SplitResult = { split, foundFirst: raw.foundFirst, foundSecond: raw.secondPart !== undefined };
  if (raw.secondPart !== undefined) {
    split.hypothesis = raw.secondPart;
  } else {
    const paragraphs = raw.firstPart.split(/\r?\n[ \t]*\r?\n/);
    if (paragraphs.length > 1) {
      split.hypothesis = paragraphs.pop()!.trim();
      split.premise = paragraphs.join('\n\n').trim();
      result.hypothesisFromLastParagraph = true;
    }
  }
  return result;
}

export function splitText(text: string, task: Task, lang: string): SplitResult {
  // A multiple-choice question has no markers: its options come from their own columns.
  if (task === 'mcq') return { split: { question: normalized(text).trim() }, foundFirst: true, foundSecond: true };
  return task === 'qa' ? splitQa(text, lang) : splitNli(text, lang);
}

/** The task whose markers the text carries, or undefined when it carries none. */
export function taskFromMarkers(text: string): Task | undefined {
  const source = normalized(text);
  const nli = markersFor(NLI_MARKERS, 'nli', '*');
  if (nli.first.test(source)) return 'nli';
  const qa = markersFor(QA_MARKERS, 'qa', '*');
  if (qa.first.test(source)) return 'qa';
  nli.second.lastIndex = 0;
  if (nli.second.test(source)) return 'nli';
  qa.second.lastIndex = 0;
  if (qa.second.test(source)) return 'qa';
  return undefined;
}
