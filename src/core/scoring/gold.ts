// The gold answer of a dataset item and how its replies are read. An item is scored as
// classification when the dataset gives it a gold label: NLI labels (entailment/contradiction)
// or multiple-choice letters ("B", "A,C"). QA items have reference answers, scored by judges.
import { parseGoldLetters, parseMcqAnswer, parseNliAnswer, type ParsedAnswer } from './parseAnswer';

/**
 * The fields of a dataset item scoring reads. Written locally (not DatasetItem) because tasks and
 * fields grow (multiple choice adds `task: "mcq"`, `options`, letter labels).
 */
export interface ScorableItem {
  id: string;
  lang: string;
  task: string;
  label?: unknown;
  options?: Record<string, unknown> | null;
  origin?: { file: string; line: number };
}

/** MultiMed-X's NLI label set: a gold `neutral` is not in it. */
export const NLI_GOLD_LABELS = ['entailment', 'contradiction'] as const;

export type Gold =
  | {
      kind: 'classification';
      task: string;
      gold: string;
      parse: (reply: string | undefined) => ParsedAnswer;
      /** Equal for items whose replies are read alike (same task kind and options): replies can be parsed once. */
      parseKey: string;
    }
  | { kind: 'reference' }
  | { kind: 'problem'; message: string };

function optionLetters(item: ScorableItem): string[] | undefined {
  const options = item.options;
  if (options === null || options === undefined || typeof options !== 'object') return undefined;
  const letters = Object.keys(options).map((k) => k.trim().toUpperCase()).filter((k) => /^[A-Z]$/.test(k));
  return letters.length > 0 ? letters : undefined;
}

function nliGold(label: unknown): Gold {
  if (label === null || label === undefined || label === '') return { kind: 'problem', message: 'no usable gold label (absent, or rejected when the dataset was loaded)' };
  const gold = typeof label === 'string' ? label.trim().toLowerCase() : '';
  if (!(NLI_GOLD_LABELS as readonly string[]).includes(gold)) {
    return { kind: 'problem', message: `gold label ${JSON.stringify(label)} is not one of ${NLI_GOLD_LABELS.join(', ')}` };
  }
  return { kind: 'classification', task: 'nli', gold, parse: parseNliAnswer, parseKey: 'nli' };
}

function mcqGold(item: ScorableItem, task: string): Gold {
  if (item.label === null || item.label === undefined || item.label === '') return { kind: 'problem', message: 'no gold letter' };
  const letters = optionLetters(item);
  const gold = parseGoldLetters(item.label, letters);
  if (gold === null) {
    const among = letters ? ` among the options ${letters.join(', ')}` : '';
    return { kind: 'problem', message: `gold ${JSON.stringify(item.label)} is not option letter(s)${among}` };
  }
  return { kind: 'classification', task, gold, parse: (reply) => parseMcqAnswer(reply, letters), parseKey: `mcq:${letters?.join('') ?? ''}` };
}

export function goldOf(item: ScorableItem): Gold {
  const task = String(item.task).toLowerCase();
  if (task === 'nli') return nliGold(item.label);
  if (task === 'mcq' || optionLetters(item) !== undefined) return mcqGold(item, task);
  const hasLabel = item.label !== null && item.label !== undefined && item.label !== '';
  if (task === 'qa' && !hasLabel) return { kind: 'reference' };
  if (hasLabel && parseGoldLetters(item.label) !== null) return mcqGold(item, task);
  if (hasLabel && typeof item.label === 'string' && (NLI_GOLD_LABELS as readonly string[]).includes(item.label.trim().toLowerCase())) {
    return { ...nliGold(item.label), task } as Gold;
  }
  if (!hasLabel) return { kind: 'reference' };
  return { kind: 'problem', message: `task "${item.task}": gold ${JSON.stringify(item.label)} is neither an NLI label nor option letters` };
}
