// Reading a model's short answer as a label: NLI labels and multiple-choice letters. The pipeline
// asks for `ANSWER: entailment` / `ANSWER: B`, but replies come with markdown, punctuation, a
// restated prefix ("Answer: B", "答案：B"), a trailing explanation, or in the reasoning language.
// The rule is conservative: an answer is read only when it names exactly one label (or one set of
// letters) and nothing contradicts it; anything else is unparsed (scored wrong, reported apart).

export type ParsedAnswer = { ok: true; value: string } | { ok: false; reason: string };

export const NLI_LABELS = ['entailment', 'contradiction', 'neutral'] as const;
export type NliLabelName = (typeof NLI_LABELS)[number];

/**
 * The forms each NLI label takes in replies: English word forms, and the terms a reasoning
 * written in the local language uses (the pipeline asks for English on the ANSWER line, but
 * local reasoning sometimes answers in its own language). Latin forms are matched as words
 * (prefixes: "entails", "contradicts"); the others (no spaces between words) as substrings.
 */
const NLI_FORMS: Readonly<Record<NliLabelName, { words: RegExp; scripts: readonly string[] }>> = {
  entailment: { words: /^entail/, scripts: ['蕴含', '蘊含', '蕴涵', '蘊涵', '含意', '含意関係', '伴意', '함의', '수반'] },
  contradiction: { words: /^(contradict|contradiction)/, scripts: ['矛盾', '모순', 'ขัดแย้ง'] },
  neutral: { words: /^neutral/, scripts: ['中立', '中性', '중립', 'เป็นกลาง'] },
};

const NEGATIONS = new Set(['not', 'no', 'non', 'neither', 'nor', "isn't", "doesn't", 'cannot', 'never', 'without']);
// Denials around a label written without spaces: before it in Chinese and Thai, after it in
// Japanese and Korean (不矛盾, 并非蕴含, ไม่ขัดแย้ง; 矛盾しない, 모순이 없다, 함의가 아니다).
const NEGATION_BEFORE = ['不', '非', '无', '無', '不是', '并非', '並非', 'ไม่', 'ไม่ใช่'];
const NEGATION_AFTER = ['ない', 'なし', '없', '아니', '아님'];

/** NFKC (full-width letters and colons), markdown emphasis and code marks removed, lower case. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[*_`~#>]+/g, ' ')
    .toLowerCase()
    .trim();
}

/** "Answer:", "Final answer -", "答案：", "정답:" and the like at the start of a reply. */
const ANSWER_PREFIX =
  /^\s*(?:(?:the\s+)?(?:final\s+|correct\s+|short\s+)?(?:answer|label|prediction|option|choice)s?(?:\s+is|\s+are)?|答案|答|答え|回答|解答|正解|정답|답|คำตอบ|jibu|ìdáhùn|idahun|impendulo)\s*[:：\-–—]?\s*/u;

function stripPrefix(text: string): string {
  let out = text;
  // "Final answer: Answer: B" happens; two rounds are enough.
  for (let i = 0; i < 2; i++) {
    const m = ANSWER_PREFIX.exec(out);
    if (!m || m[0].trim() === '') break;
    out = out.slice(m[0].length);
  }
  return out;
}

interface LabelMention {
  label: NliLabelName;
  negated: boolean;
}

function nliMentions(text: string): LabelMention[] {
  const mentions: LabelMention[] = [];
  const words = text.split(/[^\p{L}\p{M}\p{N}'’]+/u).filter((w) => w !== '');
  words.forEach((word, i) => {
    for (const label of NLI_LABELS) {
      if (NLI_FORMS[label].words.test(word)) {
        const before = words.slice(Math.max(0, i - 3), i);
        mentions.push({ label, negated: before.some((w) => NEGATIONS.has(w.replace(/’/g, "'"))) || word.startsWith('non') });
      }
    }
  });
  for (const label of NLI_LABELS) {
    for (const form of NLI_FORMS[label].scripts) {
      for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + form.length)) {
        const before = text.slice(Math.max(0, at - 4), at).trimEnd();
        const after = text.slice(at + form.length, at + form.length + 5);
        const negated = NEGATION_BEFORE.some((n) => before.endsWith(n)) || NEGATION_AFTER.some((n) => after.includes(n));
        mentions.push({ label, negated });
      }
    }
  }
  return mentions;
}

/**
 * Reads an NLI answer as entailment, contradiction or neutral. A label outside the dataset's set
 * (neutral in MultiMed-X's two-label set) is still read: it is scored wrong, not unparsed.
 */
export function parseNliAnswer(reply: string | null | undefined): ParsedAnswer {
  if (typeof reply !== 'string' || reply.trim() === '') return { ok: false, reason: 'empty answer' };
  const text = stripPrefix(normalise(reply));
  const mentions = nliMentions(text);
  const asserted = new Set(mentions.filter((m) => !m.negated).map((m) => m.label));
  if (asserted.size === 1) return { ok: true, value: [...asserted][0] };
  if (asserted.size > 1) return { ok: false, reason: `names several labels (${[...asserted].join(', ')})` };
  if (mentions.length > 0) return { ok: false, reason: 'only denies a label' };
  return { ok: false, reason: 'no label' };
}

// ---------------------------------------------------------------- multiple choice

/** Gold letters as the dataset gives them ("B", "A,C", "a, c"): sorted, upper case, or null. */
export function parseGoldLetters(label: unknown, allowed?: readonly string[]): string | null {
  if (typeof label !== 'string') return null;
  const parts = label
    .normalize('NFKC')
    .split(/[\s,;/&+]+/)
    .filter((p) => p !== '')
    .map((p) => p.toUpperCase());
  if (parts.length === 0 || !parts.every((p) => /^[A-Z]$/.test(p))) return null;
  if (allowed && allowed.length > 0 && !parts.every((p) => allowed.includes(p))) return null;
  return canonicalLetters(parts);
}

function canonicalLetters(letters: readonly string[]): string {
  return [...new Set(letters)].sort().join(',');
}

/** One letter, optionally in (), [] or **, optionally followed by ")", "." or ":" and the option text. */
const LETTER = /^([([{]?)\s*([a-z])\s*([)\]}]?)(?=$|[\s.,;:/&+)]|、|，|。)/u;
const SEPARATOR = /^\s*(?:,|;|\/|&|\+|、|，|\band\b|\bor\b|和|及|と|및|และ)?\s*/u;
const OPTION_TEXT_START = /^\s*[.):：\-–—]/u;

/**
 * Reads the letter(s) of a multiple-choice answer: "B", "(B)", "**B**", "Answer: b", "A, C",
 * "A and C", "B. Aspirin", "ACD" (capitals only). Anything else (prose, "I think B", a letter not
 * among the options) is unparsed. Returns the letters sorted and comma-joined ("A,C").
 */
export function parseMcqAnswer(reply: string | null | undefined, allowed?: readonly string[]): ParsedAnswer {
  if (typeof reply !== 'string' || reply.trim() === '') return { ok: false, reason: 'empty answer' };
  const raw = reply.normalize('NFKC').replace(/[*_`~#>]+/g, ' ').trim();
  const lowerStripped = stripPrefix(raw.toLowerCase());
  // The same text with its case: "ACD" (capitals run together) is letters, "ace" is a word.
  const rest = raw.slice(raw.length - lowerStripped.length).trim();
  const allowedSet = allowed && allowed.length > 0 ? allowed.map((l) => l.toUpperCase()) : undefined;
  const check = (letters: string[]): ParsedAnswer => {
    const outside = allowedSet ? letters.filter((l) => !allowedSet.includes(l)) : [];
    if (outside.length > 0) return { ok: false, reason: `letter ${outside.join(', ')} is not an option` };
    return { ok: true, value: canonicalLetters(letters) };
  };
  const run = /^\(?([A-Z]{2,8})\)?[.\s]*$/.exec(rest);
  if (run) {
    const letters = run[1].split('');
    if (new Set(letters).size !== letters.length) return { ok: false, reason: 'repeated letters' };
    return check(letters);
  }
  const letters: string[] = [];
  let text = rest.toLowerCase();
  for (let m = LETTER.exec(text); m; m = LETTER.exec(text)) {
    letters.push(m[2].toUpperCase());
    text = text.slice(m[0].length);
    if (/^[\s.)。]*$/.test(text)) return check(letters);
    const sep = SEPARATOR.exec(text)?.[0] ?? '';
    if (LETTER.test(text.slice(sep.length))) {
      text = text.slice(sep.length);
      continue;
    }
    // "B. Aspirin", "(B) Aspirin": the option's text follows the letter. Only a single letter may
    // be answered this way ("A) x, C) y" is too loose to read).
    const closed = m[3] !== '';
    if (OPTION_TEXT_START.test(text) || closed) {
      const anotherLetter = /(?:^|[\s,;、，])[([]?[a-z][)\]]/u.test(text.replace(/^\s*[.):：\-–—]/u, ''));
      return letters.length === 1 && !anotherLetter ? check(letters) : { ok: false, reason: 'option text with several letters' };
    }
    break;
  }
  return { ok: false, reason: letters.length > 0 ? 'letters followed by other text' : 'no option letter' };
}
