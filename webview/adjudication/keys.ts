// The adjudication panel's keyboard: pure mapping from a key press to an action, so it can be
// tested without a DOM. Digits choose the gold value; Ctrl/Cmd+Enter saves even from the rationale.
export type AdjudicationKeyAction =
  | { kind: 'gold'; value: number }
  | { kind: 'save' }
  | { kind: 'unresolved' }
  | { kind: 'dimension'; step: 1 | -1 }
  | { kind: 'navigate'; direction: 'next' | 'previous' }
  | { kind: 'toggleNames' }
  | { kind: 'leaveText' };

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
}

export function interpretAdjudicationKey(e: KeyLike, inTextInput: boolean): AdjudicationKeyAction | null {
  if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') return { kind: 'save' };
  if (inTextInput) return e.key === 'Escape' ? { kind: 'leaveText' } : null;
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (/^[0-9]$/.test(e.key)) return { kind: 'gold', value: Number(e.key) };
  switch (e.key.toLowerCase()) {
    case 'u':
      return { kind: 'unresolved' };
    case 'j':
    case 'arrowdown':
      return { kind: 'dimension', step: 1 };
    case 'k':
    case 'arrowup':
      return { kind: 'dimension', step: -1 };
    case 'n':
      return { kind: 'navigate', direction: 'next' };
    case 'p':
      return { kind: 'navigate', direction: 'previous' };
    case 'r':
      return { kind: 'toggleNames' };
    default:
      return null;
  }
}
