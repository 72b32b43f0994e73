// Word tokens for any script. Chinese, Japanese and Thai write no spaces between words, so
// splitting on spaces would make a whole sentence one token; Intl.Segmenter (ICU's dictionary-based
// word segmentation, complete in Node 20's full ICU) finds the words. Tokens are NFKC-normalised
// (full-width ↔ half-width, compatibility forms) and lower-cased, for documents and queries alike.

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang || 'und', { granularity: 'word' });
    segmenters.set(lang, s);
  }
  return s;
}

export function normalizeTerm(term: string): string {
  return term.normalize('NFKC').toLowerCase();
}

/** Word-like segments of `text` (punctuation and spaces dropped), normalised. */
export function tokenize(text: string, lang = 'und'): string[] {
  const out: string[] = [];
  for (const seg of segmenterFor(lang).segment(text.normalize('NFKC'))) {
    if (seg.isWordLike) out.push(normalizeTerm(seg.segment));
  }
  return out;
}
