// `medco traces merge`: the latest trace per item × configuration × round wins, conflicts are
// reported, bad lines are named and left out, and the output never replaces an input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../support/tempDir';
import { readTraces } from '../../../src/core/traces';
import { mergeTraceFiles, writeMergedTraces } from '../../../src/core/traces/mergeTraces';
import type { Trace } from '../../../src/core/types';
import { sampleTrace } from './sampleTrace';

const REPO = path.resolve(__dirname, '../../..');
const medco = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli/main.ts'), ...args], { encoding: 'utf8' });

function trace(itemId: string, createdAt: string, extra: { name?: string; round?: number; answer?: string } = {}): Trace {
  const base = sampleTrace();
  const config = { ...base.config, ...(extra.name ? { name: extra.name } : {}), ...(extra.round ? { round: extra.round } : {}) } as Trace['config'];
  return sampleTrace({ id: `${itemId}-${extra.name ?? 'c'}-${extra.round ?? 1}-${createdAt}`, itemId, createdAt, config, final: { response: 'r', answer: extra.answer ?? createdAt } });
}

function writeTraces(file: string, traces: Trace[], tail = ''): string {
  writeFileSync(file, traces.map((t) => JSON.stringify(t) + '\n').join('') + tail);
  return file;
}

test('merge keeps the latest trace per item, configuration and round; identical copies are no conflict', async () => {
  const dir = makeTempDir('medco-merge-');
  const same = trace('qa-ja-003', '2026-11-21T10:00:00.000Z');
  const a = writeTraces(path.join(dir, 'a.traces.jsonl'), [
    trace('qa-ja-001', '2026-11-21T10:00:00.000Z'),
    trace('qa-ja-002', '2026-11-21T12:00:00.000Z'),
    trace('qa-ja-001', '2026-11-21T10:00:00.000Z', { name: 'cot-local' }),
    same,
  ]);
  const b = writeTraces(path.join(dir, 'b.traces.jsonl'), [
    trace('qa-ja-001', '2026-11-21T11:00:00.000Z'),
    trace('qa-ja-002', '2026-11-21T09:00:00.000Z'),
    trace('qa-ja-001', '2026-11-21T09:00:00.000Z', { name: 'cot-local', round: 2 }),
    same,
  ]);
  const result = await mergeTraceFiles([a, b]);
  assert.deepEqual(result.problems, []);
  const merged = result.lines.map((l) => JSON.parse(l) as Trace);
  const answerOf = (itemId: string, name?: string, round?: number) =>
    merged.filter((t) => t.itemId === itemId && (t.config as { name?: string }).name === name && (t.config as { round?: number }).round === round).map((t) => t.final.answer);
  assert.deepEqual(answerOf('qa-ja-001'), ['2026-11-21T11:00:00.000Z'], 'the later createdAt wins across files');
  assert.deepEqual(answerOf('qa-ja-002'), ['2026-11-21T12:00:00.000Z'], 'an earlier trace in a later file does not win');
  assert.deepEqual(answerOf('qa-ja-001', 'cot-local'), ['2026-11-21T10:00:00.000Z'], 'configurations are kept apart');
  assert.deepEqual(answerOf('qa-ja-001', 'cot-local', 2), ['2026-11-21T09:00:00.000Z'], 'rounds are kept apart');
  assert.equal(merged.length, 5);
  assert.equal(result.superseded, 3);
  assert.deepEqual(
    result.conflicts.map((c) => [c.itemId, c.kept.file, c.kept.line, c.superseded.map((s) => `${path.basename(s.file)}:${s.line}`)]),
    [
      ['qa-ja-001', b, 1, ['a.traces.jsonl:1']],
      ['qa-ja-002', a, 2, ['b.traces.jsonl:2']],
    ],
  );
});

test('equal times: the later file on the command line wins', async () => {
  const dir = makeTempDir('medco-merge-tie-');
  const at = '2026-11-21T10:00:00.000Z';
  const a = writeTraces(path.join(dir, 'a.jsonl'), [{ ...trace('qa-ja-001', at), final: { response: 'r', answer: 'from a' } }]);
  const b = writeTraces(path.join(dir, 'b.jsonl'), [{ ...trace('qa-ja-001', at), final: { response: 'r', answer: 'from b' } }]);
  const ab = await mergeTraceFiles([a, b]);
  const ba = await mergeTraceFiles([b, a]);
  assert.equal((JSON.parse(ab.lines[0]) as Trace).final.answer, 'from b');
  assert.equal((JSON.parse(ba.lines[0]) as Trace).final.answer, 'from a');
});

test('medco traces merge: writes the merge, names bad lines, exits 1 for them, refuses to replace an input', () => {
  const dir = makeTempDir('medco-merge-cli-');
  const a = writeTraces(path.join(dir, 'a.traces.jsonl'), [trace('qa-ja-001', '2026-11-21T10:00:00.000Z')], '{"schema":"medco.trace/1","id":"x"}\n{"torn');
  const b = writeTraces(path.join(dir, 'b.traces.jsonl'), [trace('qa-ja-002', '2026-11-21T10:00:00.000Z')]);
  const out = path.join(dir, 'all.traces.jsonl');

  const r = medco('traces', 'merge', a, b, '--out', out, '--json');
  assert.equal(r.status, 1, r.stderr);
  const report = JSON.parse(r.stdout) as { traces: number; problems: { file: string; line: number; message: string }[] };
  assert.equal(report.traces, 2);
  assert.deepEqual(report.problems.map((p) => [p.file, p.line]), [[a, 2], [a, 3]]);
  assert.match(report.problems[1].message, /invalid JSON/);

  return readTraces(out).then(({ traces, problems }) => {
    assert.deepEqual(problems, []);
    assert.deepEqual([...traces.keys()].sort(), ['qa-ja-001', 'qa-ja-002']);
    // Winning lines are copied as written.
    assert.equal(readFileSync(out, 'utf8').split('\n')[0], readFileSync(a, 'utf8').split('\n')[0]);

    const intoInput = medco('traces', 'merge', a, b, '--out', b);
    assert.equal(intoInput.status, 1);
    assert.match(intoInput.stderr, /is one of the inputs/);
    const before = readFileSync(out, 'utf8');
    const existing = medco('traces', 'merge', b, '--out', out);
    assert.equal(existing.status, 1);
    assert.match(existing.stderr, /already exists; pass --force/);
    assert.equal(readFileSync(out, 'utf8'), before);
    const forced = medco('traces', 'merge', b, '--out', out, '--force');
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(readFileSync(out, 'utf8'), readFileSync(b, 'utf8'));
    const missing = medco('traces', 'merge', path.join(dir, 'nope.jsonl'), '--out', path.join(dir, 'x.jsonl'));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /nope\.jsonl: traces file not found/);
  });
});

test('lines of equal length but different content are a conflict; byte-identical copies are not', async () => {
  const dir = makeTempDir('medco-merge-samelength-');
  const at = '2026-11-21T10:00:00.000Z';
  const one = { ...trace('qa-ja-001', at), final: { response: 'r', answer: 'from a' } };
  const two = { ...trace('qa-ja-001', at), final: { response: 'r', answer: 'from b' } };
  assert.equal(JSON.stringify(one).length, JSON.stringify(two).length);
  const copy = trace('qa-ja-002', at);
  const a = writeTraces(path.join(dir, 'a.jsonl'), [one, copy]);
  const b = writeTraces(path.join(dir, 'b.jsonl'), [two, copy]);
  const result = await mergeTraceFiles([a, b]);
  assert.equal(result.superseded, 2);
  assert.deepEqual(result.conflicts.map((c) => [c.itemId, `${path.basename(c.kept.file)}:${c.kept.line}`, c.superseded.map((s) => `${path.basename(s.file)}:${s.line}`)]), [['qa-ja-001', 'b.jsonl:1', ['a.jsonl:1']]]);
});

test('writeMergedTraces writes the lines mergeTraceFiles returns, byte for byte, without the CR of CRLF lines', async () => {
  const dir = makeTempDir('medco-merge-write-');
  const a = path.join(dir, 'a.traces.jsonl');
  // CRLF line ends, a blank line, a bad line and Japanese text (multi-byte UTF-8).
  writeFileSync(a, `${JSON.stringify(trace('qa-ja-001', '2026-11-21T10:00:00.000Z'))}\r\n\r\n{"bad"\r\n${JSON.stringify(trace('qa-ja-002', '2026-11-21T10:00:00.000Z', { answer: '答え' }))}\r\n`);
  const b = writeTraces(path.join(dir, 'b.traces.jsonl'), [trace('qa-ja-001', '2026-11-22T10:00:00.000Z')]);
  const out = path.join(dir, 'all.traces.jsonl');
  const report = await writeMergedTraces([a, b], out);
  const result = await mergeTraceFiles([a, b]);
  assert.equal(readFileSync(out, 'utf8'), result.lines.map((l) => l + '\n').join(''));
  assert.equal(report.traces, 2);
  assert.deepEqual(report.problems.map((p) => [path.basename(p.file), p.line]), [['a.traces.jsonl', 3]]);
  const { lines: _lines, ...rest } = result;
  assert.deepEqual(report, { ...rest, traces: result.lines.length });
  assert.deepEqual(result.lines.map((l) => (JSON.parse(l) as Trace).final.answer), ['2026-11-22T10:00:00.000Z', '答え']);
  assert.ok(!readFileSync(out, 'utf8').includes('\r'));
});
