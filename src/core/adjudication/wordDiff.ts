// Word-level diff of two comments (or two revisions of one rating). Languages written without
// spaces (Chinese, Japanese, Thai…) would otherwise diff as one giant "word" per sentence, so their
// text is split into words with Intl.Segmenter and diffed as token arrays.
import { diffArrays, diffWordsWithSpace } from 'diff';
import type { Rating } from '../types';

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

// Han, Hiragana, Katakana, Thai, Lao, Myanmar, Khmer: scripts that do not separate words by spaces.
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Khmer}]/u;

/** Whether the text needs dictionary-based word segmentation to diff meaningfully. */
export function needsSegmenter(text: string): boolean {
  return UNSPACED_SCRIPT.test(text);
}

/** A segmenter locale for the text: the given language, else one guessed from its script. */
function segmenterLocale(text: string, lang: string | undefined): string {
  if (lang) return lang === 'jp' ? 'ja' : lang;
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'ja';
  if (/\p{Script=Thai}/u.test(text)) return 'th';
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  return 'und';
}

/** Every segment, words and the spaces/punctuation between them, so joining them gives the text back. */
export function segmentWords(text: string, locale: string): string[] {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * Word diff from `before` to `after`. Parts in order; joining the non-added parts gives `before`,
 * joining the non-removed ones gives `after`. Text is treated as text: nothing is interpreted.
 */
export function wordDiff(before: string, after: string, options: { lang?: string } = {}): DiffPart[] {
  if (needsSegmenter(before) || needsSegmenter(after)) {
    const locale = segmenterLocale(before + after, options.lang);
    const changes = diffArrays(segmentWords(before, locale), segmentWords(after, locale));
    return mergeParts(
      changes.map((c) => ({ value: c.value.join(''), added: !!c.added, removed: !!c.removed })),
    );
  }
  return mergeParts(
    diffWordsWithSpace(before, after).map((c) => ({ value: c.value, added: !!c.added, removed: !!c.removed })),
  );
}

/** Joins neighbouring parts of the same kind and drops empty ones, so the UI gets minimal runs. */
function mergeParts(parts: DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = [];
  for (const part of parts) {
    if (part.value === '') continue;
    const last = merged[merged.length - 1];
    if (last && last.added === part.added && last.removed === part.removed) last.value += part.value;
    else merged.push({ ...part });
  }
  return merged;
}

export interface DimensionChange {
  dimension: string;
  before: number | null | undefined;
  after: number | null | undefined;
  changed: boolean;
}

export interface RatingDiff {
  dimensions: DimensionChange[];
  flagsAdded: string[];
  flagsRemoved: string[];
  comment: DiffPart[];
}

/** What changed between two states of a rating: each dimension, the flags, and the comment word by word. */
export function ratingDiff(before: Rating, after: Rating, options: { lang?: string } = {}): RatingDiff {
  const keys = new Set<string>();
  for (const rating of [before, after]) {
    for (const [key, value] of Object.entries(rating)) {
      if (key !== 'flags' && key !== 'comment' && (value === null || typeof value === 'number')) keys.add(key);
    }
  }
  const dimensions = [...keys].sort().map((dimension) => {
    const b = before[dimension] as number | null | undefined;
    const a = after[dimension] as number | null | undefined;
    return { dimension, before: b, after: a, changed: b !== a };
  });
  const flagsBefore = new Set(before.flags ?? []);
  const flagsAfter = new Set(after.flags ?? []);
  return {
    dimensions,
    flagsAdded: [...flagsAfter].filter((f) => !flagsBefore.has(f)),
    flagsRemoved: [...flagsBefore].filter((f) => !flagsAfter.has(f)),
    comment: wordDiff(before.comment ?? '', after.comment ?? '', options),
  };
}
