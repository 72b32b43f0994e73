// Prompt templates live as readable files in prompts/<version>/ and are read at run time, so that
// they can be reviewed and changed without touching code.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_PROMPT_VERSION = 'v1';

export type PromptName =
  | 'translate'
  | 'reason'
  | 'task_qa'
  | 'task_nli'
  | 'task_mcq'
  | 'extract_concepts'
  | 'align'
  | 'synthesize'
  | 'synthesize_reasonings'
  | 'direct'
  | 'translate_answer';

/** The task-specific part of the reasoning and answering prompts (`{{task_instructions}}`). */
export function taskPromptName(task: 'qa' | 'nli' | 'mcq'): PromptName {
  return task === 'nli' ? 'task_nli' : task === 'mcq' ? 'task_mcq' : 'task_qa';
}

export interface PromptTemplate {
  system: string;
  user: string;
}

export interface PromptSet {
  version: string;
  dir: string;
  /**
   * sha256 (16 hex digits) of every template file of the set, names and contents: part of each
   * trace's configuration, so an edited prompt yields new trace ids instead of a silent skip.
   */
  hash: string;
  get(name: PromptName): PromptTemplate;
}

/**
 * Finds prompts/<version> by walking up from this module's folder: the bundles sit in dist/ (so
 * dist/../prompts, also inside an installed extension), under tsx this file is src/core/pipeline
 * (so the repository root). The working directory is the last resort, for unusual layouts.
 */
export function findPromptsDir(version = DEFAULT_PROMPT_VERSION, from?: string): string {
  const starts = [from ?? (typeof __dirname === 'string' ? __dirname : undefined), process.cwd()].filter((d): d is string => !!d);
  for (const start of starts) {
    let dir = path.resolve(start);
    for (;;) {
      const candidate = path.join(dir, 'prompts', version);
      if (existsSync(path.join(candidate, 'reason.md'))) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`prompt templates prompts/${version}/ not found above ${starts.join(' or ')}`);
}

/** Splits a template file into its `# system` and `# user` sections (a file without them is all user). */
export function parseTemplate(text: string): PromptTemplate {
  const normalized = text.replace(/\r\n/g, '\n');
  const m = /^# system\n([\s\S]*?)^# user\n([\s\S]*)$/m.exec(normalized);
  if (!m) return { system: '', user: normalized.trim() };
  return { system: m[1].trim(), user: m[2].trim() };
}

/** One pass: text inserted for a placeholder is never scanned for placeholders again. */
export function render(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`prompt placeholder {{${name}}} has no value`);
    return value;
  });
}

export function loadPrompts(options: { version?: string; dir?: string } = {}): PromptSet {
  const version = options.version ?? DEFAULT_PROMPT_VERSION;
  const dir = options.dir ?? findPromptsDir(version);
  const cache = new Map<PromptName, PromptTemplate>();
  return {
    version,
    dir,
    hash: promptSetHash(dir),
    get(name) {
      let t = cache.get(name);
      if (!t) {
        t = parseTemplate(readFileSync(path.join(dir, `${name}.md`), 'utf8'));
        cache.set(name, t);
      }
      return t;
    },
  };
}

/** Hash of the folder's templates (file names sorted, line endings normalised). */
export function promptSetHash(dir: string): string {
  const h = createHash('sha256');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    h.update(`${name}\0${readFileSync(path.join(dir, name), 'utf8').replace(/\r\n/g, '\n')}\0`);
  }
  return h.digest('hex').slice(0, 16);
}
