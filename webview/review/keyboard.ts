// Turns a key press into a review action. Physical key codes (`event.code`: Digit4, KeyN) are
// read as well as `event.key`, so shortcuts work on Japanese, Thai, Korean or Arabic layouts where
// the Digit4 key may produce 'う' or 'ภ'. Keys typed into a text box or while an IME composes
// text are never taken as shortcuts. Pure: unit-tested in Node.

export type KeyAction =
  | { kind: 'rate'; value: number }
  | { kind: 'notAssessable' }
  | { kind: 'moveDimension'; delta: 1 | -1 }
  /** Left/Right inside a rating scale: the previous/next value (the ARIA radio group pattern). */
  | { kind: 'stepValue'; delta: 1 | -1 }
  | { kind: 'saveAndNext' }
  | { kind: 'navigate'; direction: 'next' | 'previous' };

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
  keyCode?: number;
}

/**
 * `inTextInput`: focus is in an editable field (the comment box). Only the save and navigation
 * chords work there; digits and `n` are text.
 */
export function interpretKey(e: KeyLike, inTextInput: boolean): KeyAction | null {
  // 229 is what browsers report for keys consumed by an IME, even when isComposing is unset.
  if (e.isComposing || e.keyCode === 229 || e.key === 'Process') return null;
  const enter = e.key === 'Enter' || e.code === 'Enter' || e.code === 'NumpadEnter';
  if (enter && (e.ctrlKey || e.metaKey || e.altKey)) return { kind: 'saveAndNext' };
  if (e.altKey && !e.ctrlKey && !e.metaKey) {
    if (e.key === 'ArrowRight' || e.code === 'ArrowRight') return { kind: 'navigate', direction: 'next' };
    if (e.key === 'ArrowLeft' || e.code === 'ArrowLeft') return { kind: 'navigate', direction: 'previous' };
  }
  if (inTextInput || e.ctrlKey || e.metaKey || e.altKey) return null;
  const digit = digitOf(e);
  if (digit !== null) return { kind: 'rate', value: digit };
  if (e.code === 'KeyN' || e.key === 'n' || e.key === 'N') return { kind: 'notAssessable' };
  if (e.key === 'ArrowDown' || e.code === 'ArrowDown') return { kind: 'moveDimension', delta: 1 };
  if (e.key === 'ArrowUp' || e.code === 'ArrowUp') return { kind: 'moveDimension', delta: -1 };
  if (e.key === 'ArrowRight' || e.code === 'ArrowRight') return { kind: 'stepValue', delta: 1 };
  if (e.key === 'ArrowLeft' || e.code === 'ArrowLeft') return { kind: 'stepValue', delta: -1 };
  return null;
}

function digitOf(e: KeyLike): number | null {
  if (/^[0-9]$/.test(e.key)) return Number(e.key);
  const m = /^(?:Digit|Numpad)([0-9])$/.exec(e.code);
  // With Shift held, Digit keys give symbols on most layouts: still the physical digit.
  return m ? Number(m[1]) : null;
}
