// The rubric's flags and the free comment: the same two controls under a rating and under a blind
// comparison, editing the `flags` and `comment` of whichever draft the panel holds.
import type { Rubric } from '../../src/core/types';
import { checkbox, el, textArea } from '../components';
import type { ValueElement } from '../components/toolkit';
import type { Translate } from '../shared/strings';

export interface FlagsAndCommentDraft {
  flags: string[];
  comment: string;
}

export interface FlagsAndCommentCallbacks {
  /** A flag changed: saved at once. */
  changed: () => void;
  /** The comment is being typed: saved after a pause. */
  commentChanged: () => void;
}

/** What both the rating and the comparison panel ask of the app, besides their own extras. */
export interface ReviewPanelCallbacks extends FlagsAndCommentCallbacks {
  navigate: (direction: 'previous' | 'next' | 'nextUnrated') => void;
  saveAndNext: () => void;
}

export function renderFlagsAndComment(
  rubric: Rubric, draft: FlagsAndCommentDraft, t: Translate, cb: FlagsAndCommentCallbacks,
): { flags: HTMLElement | null; comment: ValueElement } {
  const flags = rubric.flags.length > 0
    ? el('fieldset', { class: 'flags' }, el('legend', {}, t('Flags')),
      ...rubric.flags.map((f) => checkbox(t(f.label), draft.flags.includes(f.id), (on) => {
        draft.flags = on ? [...new Set([...draft.flags, f.id])] : draft.flags.filter((x) => x !== f.id);
        cb.changed();
      }, t(f.description))))
    : null;
  const comment = textArea({
    label: t('Comment'),
    value: draft.comment,
    placeholder: t('Comment (optional)'),
    testId: 'comment',
    rows: 3,
    onInput: (value) => {
      draft.comment = value;
      cb.commentChanged();
    },
  });
  return { flags, comment };
}
