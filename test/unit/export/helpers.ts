// Workspaces and an in-process `medco` for the export and import tests: the real file system, the
// real command-line program (main), stdout and stderr captured.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { makeTempDir } from '../../support/tempDir';
import type { AdjudicationFile, AnnotationFile, Trace } from '../../../src/core/types';
import { parseTraces, traceSha256 } from '../../../src/core/traces';
import { readFileSync } from 'node:fs';

export const root = path.resolve(__dirname, '../../..');
export const SAMPLE_TRACES = path.join(root, 'sample/multimedx-sample.traces.jsonl');
export const SAMPLE_DATASET = path.join(root, 'sample/multimedx-sample.jsonl');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the medco program in this process; output captured, exit code returned. */
export async function medco(args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  // medco writes strings; the test runner of `node --test` reports to its parent through stdout
  // with Buffers, which must pass through untouched.
  const capture = (into: string[], original: typeof process.stdout.write) =>
    function (this: NodeJS.WriteStream, chunk: string | Uint8Array, ...rest: unknown[]) {
      if (typeof chunk === 'string') {
        into.push(chunk);
        return true;
      }
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof process.stdout.write;
  process.stdout.write = capture(out, write.out);
  process.stderr.write = capture(err, write.err);
  process.exitCode = undefined;
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.exitCode = undefined;
  }
}

export function sampleTraces(): Map<string, Trace> {
  return parseTraces(readFileSync(SAMPLE_TRACES, 'utf8'), SAMPLE_TRACES).traces;
}

type Entry = { rating: Record<string, unknown>; concepts?: Record<string, unknown>; durationMs?: number; trace?: boolean; traceId?: string };

export function annotatorFile(id: string, items: Record<string, Entry>, role = 'annotator'): AnnotationFile {
  const traces = sampleTraces();
  const out: AnnotationFile['items'] = {};
  for (const [itemId, e] of Object.entries(items)) {
    out[itemId] = {
      ...(e.trace === false ? {} : { traceId: e.traceId ?? traces.get(itemId)!.id, traceSha256: traceSha256(traces.get(itemId)!) }),
      revision: 1,
      rating: e.rating as AnnotationFile['items'][string]['rating'],
      ...(e.concepts ? { concepts: e.concepts as AnnotationFile['items'][string]['concepts'] } : {}),
      updatedAt: '2026-11-21T10:05:00.000Z',
      ...(e.durationMs !== undefined ? { durationMs: e.durationMs } : {}),
      history: [],
    };
  }
  return { schema: 'medco.annotations/1', dataset: 'mx', annotator: { id, role }, rubric: { id: 'medco-expert', version: 1 }, items: out };
}

export function adjudication(items: Record<string, Record<string, number>>): AdjudicationFile {
  const out: AdjudicationFile['items'] = {};
  for (const [itemId, dims] of Object.entries(items)) {
    out[itemId] = {};
    for (const [dim, value] of Object.entries(dims)) {
      out[itemId][dim] = { value, status: 'adjudicated', adjudicator: 'cur', rationale: 'r', decidedAt: '2026-11-22T10:00:00.000Z', basedOn: {}, revision: 1, history: [] };
    }
  }
  return { schema: 'medco.adjudication/1', dataset: 'mx', items: out };
}

/** A workspace: annotations/mx/<annotator>.json for each file, a copy of the sample traces. */
export function workspace(files: AnnotationFile[], adjudicated?: AdjudicationFile): { ws: string; dir: string; traces: string } {
  const ws = makeTempDir('medco-export-');
  const dir = path.join(ws, 'annotations');
  mkdirSync(path.join(dir, 'mx'), { recursive: true });
  for (const f of files) writeFileSync(path.join(dir, 'mx', `${f.annotator.id}.json`), JSON.stringify(f, null, 2) + '\n');
  if (adjudicated) writeFileSync(path.join(dir, 'mx', '_adjudication.json'), JSON.stringify(adjudicated, null, 2) + '\n');
  const traces = path.join(ws, 'run.traces.jsonl');
  copyFileSync(SAMPLE_TRACES, traces);
  return { ws, dir, traces };
}
