// The judge's prompt (prompts/judge/<version>/judge.md, the pipeline's template format) and the
// JSON Schema of its answer, both built from the rubric the physicians use: the same dimensions,
// scales, level meanings and flags.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { languageNames } from '../dataset/languages';
import { parseTemplate, render, type PromptTemplate } from '../pipeline/prompts';
import type { DatasetItem, Rubric, Trace } from '../types';

export const DEFAULT_JUDGE_PROMPT_VERSION = 'v1';

export interface JudgePrompt {
  version: string;
  /** sha256 of the template file: recorded with every rating, so an edited prompt re-judges. */
  sha256: string;
  template: PromptTemplate;
}

/** prompts/judge/<version>/, found by walking up from this module (bundled: dist/..) then the working directory. */
export function findJudgePromptsDir(version = DEFAULT_JUDGE_PROMPT_VERSION, from?: string): string {
  const starts = [from ?? (typeof __dirname === 'string' ? __dirname : undefined), process.cwd()].filter((d): d is string => !!d);
  for (const start of starts) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'prompts', 'judge', version);
      if (existsSync(path.join(candidate, 'judge.md'))) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`judge prompt prompts/judge/${version}/judge.md not found above ${starts.join(' or ')}`);
}

export function loadJudgePrompt(options: { version?: string; dir?: string } = {}): JudgePrompt {
  const version = options.version ?? DEFAULT_JUDGE_PROMPT_VERSION;
  const dir = options.dir ?? findJudgePromptsDir(version);
  // Line endings normalised: a Windows checkout of the same prompt is the same prompt.
  const text = readFileSync(path.join(dir, 'judge.md'), 'utf8').replace(/\r\n/g, '\n');
  return { version, sha256: createHash('sha256').update(text, 'utf8').digest('hex'), template: parseTemplate(text) };
}

/** What the judge answers: `{"ratings": {dimension: value|null}, "flags": [...], "rationale": "..."}`. */
export interface JudgeReply {
  ratings: Record<string, number | null>;
  flags: string[];
  rationale: string;
}

/**
 * Strict-mode JSON Schema (every property required, no others): each dimension an integer of its
 * scale or null, flags from the rubric. A reply off the scale fails validation, is asked once more,
 * and is never cached (structuredOutput.ts), so a later run asks again.
 */
export function judgeSchema(rubric: Rubric): Record<string, unknown> {
  const ratings: Record<string, unknown> = {};
  for (const d of rubric.dimensions) {
    const values: (number | null)[] = [];
    for (let v = d.min; v <= d.max; v++) values.push(v);
    ratings[d.id] = { type: ['integer', 'null'], enum: [...values, null], description: `${d.label}: ${d.min}–${d.max}, or null if not assessable` };
  }
  const flagIds = rubric.flags.map((f) => f.id);
  return {
    type: 'object',
    additionalProperties: false,
    required: ['ratings', 'flags', 'rationale'],
    properties: {
      ratings: { type: 'object', additionalProperties: false, required: rubric.dimensions.map((d) => d.id), properties: ratings },
      flags: { type: 'array', items: flagIds.length > 0 ? { type: 'string', enum: flagIds } : { type: 'string' } },
      rationale: { type: 'string' },
    },
  };
}

function describeDimensions(rubric: Rubric): string {
  return rubric.dimensions
    .map((d) => {
      const levels = Object.keys(d.levels)
        .map(Number)
        .sort((a, b) => a - b)
        .map((v) => `  ${v}: ${d.levels[String(v)]}`)
        .join('\n');
      return `- ${d.id} (${d.label}, ${d.min}–${d.max}): ${d.description}\n${levels}`;
    })
    .join('\n');
}

function describeFlags(rubric: Rubric): string {
  return rubric.flags.length > 0 ? rubric.flags.map((f) => `- ${f.id} (${f.label}): ${f.description}`).join('\n') : '(none)';
}

const TASKS: Record<string, string> = {
  qa: 'answer a patient\'s medical question',
  nli: 'decide whether the premise entails or contradicts the hypothesis (natural language inference)',
};

/** The reference the judge compares with: the dataset's answer (local, else English) or the gold NLI label. */
export function referenceOf(item: DatasetItem | undefined): string {
  if (!item) return '(none)';
  if (item.task === 'nli') return item.label ? `Gold label: ${item.label}` : '(none)';
  const answer = item.local.answer?.trim() || item.english?.answer?.trim();
  return answer || '(none: judge on clinical knowledge alone)';
}

export function judgeMessages(prompt: JudgePrompt, rubric: Rubric, trace: Trace, item: DatasetItem | undefined): ChatCompletionMessageParam[] {
  const vars = {
    language: languageNames(trace.lang).english,
    dimensions: describeDimensions(rubric),
    flags: describeFlags(rubric),
    schema: JSON.stringify(judgeSchema(rubric)),
    task: TASKS[trace.task] ?? String(trace.task),
    question: trace.local.question || item?.local.question || '',
    reference: referenceOf(item),
    english_reasoning: trace.english.reasoning || '(none)',
    local_reasoning: trace.local.reasoning || '(none)',
    response: trace.final.response || trace.final.answer,
  };
  const messages: ChatCompletionMessageParam[] = [];
  if (prompt.template.system) messages.push({ role: 'system', content: render(prompt.template.system, vars) });
  messages.push({ role: 'user', content: render(prompt.template.user, vars) });
  return messages;
}
