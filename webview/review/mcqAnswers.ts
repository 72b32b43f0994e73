// The answers of a multiple-choice trace as scoring reads them: for the final answer and each
// reasoning's own answer, the option letter(s) read from the reply (src/core/scoring/parseAnswer,
// the same reading as `medco score`) and whether they are the gold letter(s), said in words (not
// colour alone). A reply without a readable letter is shown as given and said to be unparsed, so a
// reviewer sees what scoring will count as wrong.
import type { DatasetItem, Trace } from '../../src/core/types';
import { parseGoldLetters, parseMcqAnswer } from '../../src/core/scoring/parseAnswer';
import { el } from '../components';
import type { Translate } from '../shared/strings';

export type McqAnswerStatus = 'correct' | 'incorrect' | 'unparsed' | 'no-gold';

/** One row per answer the trace has: final, English reasoning, local reasoning. */
export function renderMcqAnswers(item: DatasetItem, trace: Trace, t: Translate, localLanguage: string): HTMLElement | null {
  if (item.task !== 'mcq') return null;
  const letters = Object.keys(item.options ?? item.local?.options ?? {}).sort();
  const gold = parseGoldLetters(item.label, letters);
  const sides: [string, string, string][] = [
    ['final', t('Final answer'), String(trace.final?.answer ?? '')],
    ['english', t('English reasoning'), String(trace.english?.answer ?? '')],
    ['local', t('{0} reasoning', localLanguage), String(trace.local?.answer ?? '')],
  ];
  const rows = sides
    .filter(([, , reply]) => reply.trim() !== '')
    .map(([side, label, reply]) => {
      const parsed = parseMcqAnswer(reply, letters);
      const status: McqAnswerStatus = !parsed.ok ? 'unparsed' : gold === null ? 'no-gold' : parsed.value === gold ? 'correct' : 'incorrect';
      const said =
        status === 'correct' ? t('matches the gold answer')
        : status === 'incorrect' ? t('differs from the gold answer')
        : status === 'unparsed' ? t('no option letter could be read (scored as unparsed)')
        : null;
      return el('li', { class: `mcq-answer mcq-answer-${status}`, 'data-side': side, 'data-status': status },
        el('span', { class: 'mcq-answer-side' }, `${label}: `),
        parsed.ok ? el('strong', { class: 'mcq-answer-letters', lang: 'en', dir: 'ltr' }, parsed.value.split(',').join(', ')) : null,
        said ? el('span', { class: 'mcq-answer-status' }, parsed.ok ? ` — ${said}` : said) : null,
      );
    });
  if (rows.length === 0) return null;
  return el('ul', { class: 'mcq-answers', 'data-testid': 'mcq-answers', 'aria-label': t('Answer letters read') }, ...rows);
}
