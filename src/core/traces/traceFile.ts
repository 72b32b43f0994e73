// `*.traces.jsonl` (CONTRACTS §2): append-only, one trace per line. Reading validates each line;
// a bad line is reported as file:line and the rest loads. Later traces of an item supersede
// earlier ones.
import { open, readFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceProblem, Trace } from '../types';
import { validateTrace, formatIssues } from '../schema/validators';
import { parseJsonLocated } from '../schema/jsonLocation';

export interface TraceFileContents {
  /** itemId → its latest trace (latest `createdAt`; on a tie, the later line). */
  traces: Map<string, Trace>;
  problems: SourceProblem[];
  /** Lines holding a valid trace. */
  lines: number;
}

/** Parses the text of a traces file; `file` only names the source in problems. */
export function parseTraces(text: string, file: string): TraceFileContents {
  const traces = new Map<string, Trace>();
  const problems: SourceProblem[] = [];
  let count = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const line = i + 1;
    const parsed = parseJsonLocated(raw);
    if (!parsed.ok) {
      const truncated = i === lines.length - 1 && !text.endsWith('\n');
      const why = truncated ? ' (the last line is incomplete: was a write interrupted?)' : '';
      problems.push({ file, line, message: `invalid JSON at column ${parsed.position.column}: ${parsed.message}${why}` });
      continue;
    }
    const v = validateTrace(parsed.value);
    if (!v.ok) {
      problems.push({ file, line, message: `not a valid trace: ${formatIssues(v.issues)}` });
      continue;
    }
    count++;
    const prev = traces.get(v.value.itemId);
    if (!prev || Date.parse(v.value.createdAt) >= Date.parse(prev.createdAt)) traces.set(v.value.itemId, v.value);
  }
  return { traces, problems, lines: count };
}

/** Reads a traces file. A missing file is an empty one (nothing has been run yet). */
export async function readTraces(file: string): Promise<TraceFileContents> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { traces: new Map(), problems: [], lines: 0 };
    throw err;
  }
  return parseTraces(text, file);
}

/**
 * Appends one trace as one line and fsyncs before resolving. The trace is validated first: a
 * line we could not read back is never written. If the file ends in a partial line (a writer
 * was killed), a newline is written first so that only that line stays bad.
 */
export async function appendTrace(file: string, trace: Trace): Promise<void> {
  const v = validateTrace(trace);
  if (!v.ok) throw new Error(`refusing to append an invalid trace for ${trace.itemId}: ${formatIssues(v.issues)}`);
  // JSON.stringify escapes control characters, so the line cannot contain a raw newline.
  const line = JSON.stringify(trace) + '\n';
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'a+');
  try {
    let prefix = '';
    const size = (await handle.stat()).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    // One write call per trace: O_APPEND keeps concurrent appenders' lines whole.
    await handle.write(prefix + line);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Size in bytes, or 0 if absent: lets a watcher skip re-reading an unchanged file. */
export async function traceFileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}
