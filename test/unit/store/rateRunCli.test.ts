// `medco rate --traces` records the trace of ONE run (configuration × round): by default
// coreasoner round 1 (a legacy trace without config.name counts as it), --config/--round choose
// another; a file of one run only is that run; never the item's latest line of another run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { traceSha256 } from '../../../src/core/traces';
import type { Trace } from '../../../src/core/types';
import { sampleTrace } from '../traces/sampleTrace';
import { runTs, repoRoot, tempDir } from './helpers';

const CLI = path.join(repoRoot, 'src/cli/main.ts');
const medco = (...args: string[]) => runTs(CLI, args);
const base = (dir: string) => [dir, '--dataset', 'multimedx-ja', '--annotator', 'dr-sato', '--item', 'qa-ja-001'];

function runTrace(name: string | undefined, round: number, hour: number): Trace {
  const base = sampleTrace();
  return sampleTrace({
    id: `${name ?? 'legacy'}-${round}`,
    config: { ...base.config, ...(name === undefined ? {} : { name, round }) },
    createdAt: `2026-11-21T${String(hour).padStart(2, '0')}:00:00.000Z`,
    final: { response: `${name} r${round}`, answer: 'a' },
  });
}

async function rateWith(dir: string, traces: string, ...run: string[]) {
  const r = await medco('rate', ...base(dir), '--traces', traces, ...run, '--set', 'clinical_soundness=4', '--json');
  return { ...r, entry: r.code === 0 ? JSON.parse(r.stdout) : undefined };
}

test('medco rate --traces --config/--round records the chosen run, not the latest line', async () => {
  const dir = await tempDir('medco-rate-run-');
  const traces = path.join(dir, 'd.traces.jsonl');
  const runs = [runTrace(undefined, 1, 8), runTrace('paper', 1, 9), runTrace('coreasoner', 2, 10), runTrace('paper', 2, 11)];
  await writeFile(traces, runs.map((t) => JSON.stringify(t) + '\n').join(''));

  const byDefault = await rateWith(dir, traces);
  assert.equal(byDefault.code, 0, byDefault.stderr);
  assert.equal(byDefault.entry.traceId, 'legacy-1', 'the legacy trace is coreasoner round 1');
  assert.equal(byDefault.entry.traceSha256, traceSha256(runs[0]));

  const paper = await rateWith(dir, traces, '--config', 'paper');
  assert.equal(paper.code, 0, paper.stderr);
  assert.equal(paper.entry.traceId, 'paper-1');
  const paper2 = await rateWith(dir, traces, '--config', 'paper', '--round', '2');
  assert.equal(paper2.entry.traceId, 'paper-2');
  assert.equal(paper2.entry.traceSha256, traceSha256(runs[3]));
  const coreasoner2 = await rateWith(dir, traces, '--round', '2');
  assert.equal(coreasoner2.entry.traceId, 'coreasoner-2');

  const absent = await rateWith(dir, traces, '--config', 'direct');
  assert.equal(absent.code, 1);
  assert.match(absent.stderr, /no trace for item qa-ja-001 of configuration direct/);
  assert.match(absent.stderr, /runs in the file: coreasoner \(1\), paper \(1\), coreasoner round 2 \(1\), paper round 2 \(1\)/);

  const badRound = await rateWith(dir, traces, '--round', '0');
  assert.equal(badRound.code, 2);
  const noTraces = await medco('rate', ...base(dir), '--config', 'paper', '--set', 'clinical_soundness=4');
  assert.equal(noTraces.code, 2);
  assert.match(noTraces.stderr, /need --traces/);
});

test('medco rate --traces on a file of one run only records that run', async () => {
  const dir = await tempDir('medco-rate-run-');
  const traces = path.join(dir, 'd.traces.jsonl');
  await writeFile(traces, JSON.stringify(runTrace('paper', 1, 9)) + '\n');
  const r = await rateWith(dir, traces);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.entry.traceId, 'paper-1');
});
