// A word diff rendered as text: removed words in <del>, added words in <ins>. Values are set as
// text nodes only: a comment containing markup shows the markup, it never becomes HTML.
import type { DiffPart, RatingDiff } from '../../src/core/adjudication/wordDiff';
import { el } from '../components';
import type { Translate } from '../shared/strings';

export function renderWordDiff(parts: readonly DiffPart[], t: Translate): HTMLElement {
  const box = el('div', { class: 'word-diff', 'data-testid': 'diff' });
  if (parts.every((p) => !p.added && !p.removed)) box.classList.add('word-diff-same');
  for (const p of parts) box.append(p.added ? el('ins', {}, p.value) : p.removed ? el('del', {}, p.value) : p.value);
  if (parts.length === 0 || parts.every((p) => !p.added && !p.removed)) box.append(el('div', { class: 'muted' }, t('no differences')));
  return box;
}

export function renderRatingDiff(diff: RatingDiff, t: Translate): HTMLElement {
  const box = el('div', { class: 'rating-diff', 'data-testid': 'rating-diff' });
  const show = (v: number | null | undefined) => (v === null ? t('not assessable') : v === undefined ? '–' : String(v));
  box.append(
    el('ul', {}, ...diff.dimensions.map((d) =>
      el('li', { class: d.changed ? 'changed' : '' }, `${d.dimension}: `, d.changed ? el('del', {}, show(d.before)) : show(d.before),
        d.changed ? ' → ' : '', d.changed ? el('ins', {}, show(d.after)) : ''))),
  );
  if (diff.flagsAdded.length || diff.flagsRemoved.length) {
    box.append(el('div', {}, `${t('Flags')}: `, ...diff.flagsRemoved.map((f) => el('del', {}, f + ' ')), ...diff.flagsAdded.map((f) => el('ins', {}, f + ' '))));
  }
  box.append(el('div', {}, `${t('Comment')}:`), renderWordDiff(diff.comment, t));
  return box;
}
