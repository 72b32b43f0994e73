// The text a model is shown for an item, and the split of a model's reply into reasoning and answer.
import type { McqOptions, SplitText, Task } from '../types';

/**
 * What a multiple-choice item asks the model to answer: the letter(s) on the ANSWER line, so that
 * scoring can read them. Several letters are allowed without saying when, so that the instruction
 * never hints at how many options are correct.
 */
export const MCQ_ANSWER_INSTRUCTION =
  'Choose the correct option. On the ANSWER line write only its letter (for example `ANSWER: B`); ' +
  'if the question asks for several options, write all their letters separated by commas (for example `ANSWER: A,C`).';

/** The options as "A. text" lines, in letter order. */
export function optionsText(options: McqOptions): string {
  return Object.keys(options)
    .sort()
    .map((letter) => `${letter}. ${options[letter].trim()}`)
    .join('\n');
}

/** QA: the question. NLI: premise and hypothesis, labelled. MCQ: question, options, answer instruction. */
export function questionText(split: SplitText, task: Task): string {
  if (task === 'mcq' && split.options) {
    return `${split.question.trim()}\n\n${optionsText(split.options)}\n\n${MCQ_ANSWER_INSTRUCTION}`;
  }
  if (task === 'nli' && (split.premise || split.hypothesis)) {
    return `Premise:\n${(split.premise ?? '').trim()}\n\nHypothesis:\n${(split.hypothesis ?? '').trim()}`;
  }
  return split.question.trim();
}

const ANSWER_LINE = /^[ \t]*[*_#>\s]*ANSWER[*_]*[ \t]*[:：][ \t]*/gim;

/**
 * Splits "…reasoning…\nANSWER: short answer" at the last ANSWER line. Without one, the whole text
 * is the reasoning and its last non-empty line stands in for the answer.
 */
export function splitAnswer(text: string): { reasoning: string; answer: string } {
  let last: RegExpExecArray | null = null;
  for (let m = ANSWER_LINE.exec(text); m; m = ANSWER_LINE.exec(text)) last = m;
  ANSWER_LINE.lastIndex = 0;
  if (last) {
    return {
      reasoning: text.slice(0, last.index).trimEnd(),
      answer: text.slice(last.index + last[0].length).trim().replace(/^[*_]+|[*_]+$/g, '').trim(),
    };
  }
  const lines = text.trim().split('\n').filter((l) => l.trim() !== '');
  return { reasoning: text.trimEnd(), answer: (lines[lines.length - 1] ?? '').trim() };
}
