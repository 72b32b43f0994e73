// The keys of a blind comparison: `1` Response 1 is better, `2` Response 2 is better, `=` tie,
// `0` both unacceptable, on the focused dimension; everything else (↑/↓ and Tab between
// dimensions, ←/→ through the options, Ctrl+Enter, Alt+←/→) as in the rating form (keyboard.ts),
// with the same physical-key reading for non-Latin layouts and the same IME rules. Pure.
import { PAIR_OUTCOMES, type PairOutcome } from '../../src/protocol/messages';
import { interpretKey, type KeyAction, type KeyLike } from './keyboard';

export type PairKeyAction =
  | { kind: 'prefer'; outcome: PairOutcome }
  | Extract<KeyAction, { kind: 'moveDimension' | 'stepValue' | 'saveAndNext' | 'navigate' }>;

const BY_DIGIT: Record<number, PairOutcome> = { 1: '1', 2: '2', 0: 'both_bad' };

export function interpretPairKey(e: KeyLike, inTextInput: boolean): PairKeyAction | null {
  if (e.isComposing || e.keyCode === 229 || e.key === 'Process') return null;
  if (!inTextInput && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === '=' || e.code === 'Equal' || e.code === 'NumpadEqual')) {
    return { kind: 'prefer', outcome: 'tie' };
  }
  const action = interpretKey(e, inTextInput);
  if (!action) return null;
  switch (action.kind) {
    case 'rate':
      return action.value in BY_DIGIT ? { kind: 'prefer', outcome: BY_DIGIT[action.value] } : null;
    case 'notAssessable':
      return null;
    default:
      return action;
  }
}

/** Left/Right through the options of a dimension (1, 2, tie, both unacceptable), as in the rating form. */
export function stepOutcome(current: PairOutcome | undefined, delta: 1 | -1): PairOutcome {
  const last = PAIR_OUTCOMES.length - 1;
  if (current === undefined) return delta > 0 ? PAIR_OUTCOMES[0] : PAIR_OUTCOMES[last];
  return PAIR_OUTCOMES[Math.min(last, Math.max(0, PAIR_OUTCOMES.indexOf(current) + delta))];
}
