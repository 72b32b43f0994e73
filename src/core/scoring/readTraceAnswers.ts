// The answers of traces files, as scoring needs them: every trace of every configuration and round
// (core/traces keeps one trace per item, the latest of any configuration; scoring needs them all).
// A trace counts once per (item, configuration, round): the latest `createdAt` wins, on a tie the
// later line (later file); the others are counted as superseded.
//
// Only the fields scoring reads are checked here, not the whole trace schema, so that traces of
// newer pipeline versions (new tasks such as `mcq`, new config fields) are scored as they are.
import { parseJsonLocated } from '../schema/jsonLocation';
import { NOT_UTF8, readTextFile } from '../text/utf8';
import type { SourceProblem } from '../types';
import { traceConfigName, traceRound } from '../traces/runIdentity';

export const SIDES = ['final', 'english', 'local'] as const;
export type Side = (typeof SIDES)[number];


export interface TraceAnswers {
  id: string;
  itemId: string;
  lang: string;
  task: string;
  config: string;
  round: number;
  createdAt: string;
  /** The short answer each side gave, when the trace has that side. */
  answers: Partial<Record<Side, string>>;
  file: string;
  line: number;
}

export interface TraceAnswersRead {
  /** `itemId \0 config \0 round` → the trace that counts. */
  traces: Map<string, TraceAnswers>;
  /** Every trace id read (also superseded ones) → its trace: judge ratings name traces by id. */
  byId: Map<string, TraceAnswers>;
  problems: SourceProblem[];
  /** Valid trace lines read, and how many of them a later trace of the same item, config and round replaced. */
  lines: number;
  superseded: number;
}

export function traceKey(itemId: string, config: string, round: number): string {
  return `${itemId}\u0000${config}\u0000${round}`;
}

function fieldProblem(value: Record<string, unknown>): string | undefined {
  if (value.schema !== 'medco.trace/1') return 'not a medco.trace/1 line ("schema")';
  for (const key of ['id', 'itemId', 'lang', 'task', 'createdAt'] as const) {
    if (typeof value[key] !== 'string' || value[key] === '') return `"${key}" must be a non-empty string`;
  }
  if (Number.isNaN(Date.parse(value.createdAt as string))) return '"createdAt" is not a date';
  const config = value.config;
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return '"config" must be an object';
  const { name, round } = config as Record<string, unknown>;
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) return '"config.name" must be a non-empty string';
  if (round !== undefined && !(Number.isSafeInteger(round) && (round as number) >= 1)) return '"config.round" must be a whole number from 1';
  return undefined;
}

function sideAnswer(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const answer = (value as Record<string, unknown>).answer;
  return typeof answer === 'string' ? answer : undefined;
}

/** Adds the traces of one file's text to `into` (files are added in the order given). */
export function addTraceText(into: TraceAnswersRead, text: string, file: string, badLines: ReadonlySet<number> = new Set()): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const line = i + 1;
    if (badLines.has(line)) {
      into.problems.push({ file, line, message: `${NOT_UTF8}; line skipped` });
      continue;
    }
    const parsed = parseJsonLocated(raw);
    if (!parsed.ok) {
      into.problems.push({ file, line, message: `invalid JSON at column ${parsed.position.column}: ${parsed.message}; line skipped` });
      continue;
    }
    const v = parsed.value as Record<string, unknown>;
    const problem = v === null || typeof v !== 'object' || Array.isArray(v) ? 'expected a JSON object' : fieldProblem(v);
    if (problem !== undefined) {
      into.problems.push({ file, line, message: `not a trace scoring can read: ${problem}; line skipped` });
      continue;
    }
    const config = v.config as Record<string, unknown>;
    const answers: Partial<Record<Side, string>> = {};
    for (const side of SIDES) {
      const answer = sideAnswer(v[side]);
      if (answer !== undefined) answers[side] = answer;
    }
    const trace: TraceAnswers = {
      id: v.id as string,
      itemId: v.itemId as string,
      lang: v.lang as string,
      task: v.task as string,
      config: traceConfigName(config),
      round: traceRound(config),
      createdAt: v.createdAt as string,
      answers,
      file,
      line,
    };
    into.lines++;
    into.byId.set(trace.id, trace);
    const key = traceKey(trace.itemId, trace.config, trace.round);
    const previous = into.traces.get(key);
    if (previous === undefined) into.traces.set(key, trace);
    else {
      into.superseded++;
      if (Date.parse(trace.createdAt) >= Date.parse(previous.createdAt)) into.traces.set(key, trace);
    }
  }
}

export function emptyTraceAnswers(): TraceAnswersRead {
  return { traces: new Map(), byId: new Map(), problems: [], lines: 0, superseded: 0 };
}

/** Reads traces files in order. A file that cannot be read throws (the caller names it). */
export async function readTraceAnswers(files: readonly string[]): Promise<TraceAnswersRead> {
  const out = emptyTraceAnswers();
  for (const file of files) {
    const decoded = await readTextFile(file);
    addTraceText(out, decoded.text, file, decoded.badLines);
  }
  return out;
}
