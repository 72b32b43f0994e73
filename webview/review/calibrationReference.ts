// The curator's reference on a calibration item, beside the annotator's own saved values. The
// host sends it only once the rating is on disk (docs/formats.md §7), so this only draws it: a
// table of dimension, your value, the reference, and the curator's note. All text stays text.
import type { Rating, Rubric } from '../../src/core/types';
import type { CalibrationReferenceView } from '../../src/core/study/calibrationReference';
import { el } from '../components';
import type { Translate } from '../shared/strings';

function valueText(value: unknown, t: Translate): string {
  if (value === null) return t('Not assessable');
  return typeof value === 'number' ? String(value) : t('unrated');
}

export function renderCalibrationReference(reference: CalibrationReferenceView, rubric: Rubric, own: Rating, t: Translate): HTMLElement {
  const labelOf = (id: string) => {
    const d = rubric.dimensions.find((x) => x.id === id);
    return d ? t(d.label) : id;
  };
  const rows = Object.entries(reference.rating).map(([dim, value]) => {
    const same = own[dim] === value;
    return el('tr', { 'data-dimension': dim, class: same ? 'reference-same' : 'reference-differs' },
      el('th', { scope: 'row' }, labelOf(dim)),
      el('td', { 'data-testid': `own-${dim}` }, valueText(own[dim], t)),
      el('td', { 'data-testid': `reference-${dim}` }, valueText(value, t)),
    );
  });
  const id = 'calibration-reference-title';
  return el('section', { class: 'calibration-reference notice', 'data-testid': 'calibration-reference', 'aria-labelledby': id },
    el('h2', { id }, t('Curator’s reference (calibration item)')),
    el('table', {},
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('Dimension')), el('th', { scope: 'col' }, t('Your rating')), el('th', { scope: 'col' }, t('Reference')))),
      el('tbody', {}, ...rows),
    ),
    reference.note ? el('p', { class: 'plain-text', 'data-testid': 'reference-note' }, t('Curator’s note: {0}', reference.note)) : null,
  );
}
