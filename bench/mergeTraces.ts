// `medco traces merge` speed: 8 shards holding 25,000 traces in all (7 languages × ~3,570 items,
// each trace ~8 KB like a real co-reasoning trace: two reasonings, concepts, retrieval; ~200 MB),
// plus 1 in 20 traces present twice (a shard re-run), so the merge has superseded traces to decide.
// Baseline in the same run: a bare loop that reads every shard, JSON.parses every line and writes
// the lines back out, i.e. the same I/O and parsing without validation or deciding.
// Measured: writeMergedTraces, what the CLI runs (read, validate every trace, keep the latest per
// item × configuration × round, copy the winners' bytes to the output atomically).
// Protocol: ROUNDS rounds, each timing the baseline and the merge one after the other in
// alternating order, in this one process (after a warm-up of each); medians over rounds of wall
// and CPU time (user + system), and the median of the per-round ratios.
// Run: node --import tsx bench/mergeTraces.ts [traces=25000] [rounds=5]
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeMergedTraces } from '../src/core/traces/mergeTraces';
import { writeFileAtomic } from '../src/core/store/atomicWrite';

const SHARDS = 8;
const total = Number(process.argv[2] ?? 25000);
const rounds = Number(process.argv[3] ?? 5);
const LANGS = ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'];

function paragraph(word: string, sentences: number): string {
  return Array.from({ length: sentences }, (_, i) => `${word} finding ${i + 1} supports the next step of the differential.`).join(' ');
}

function trace(i: number, createdAt: string): string {
  const lang = LANGS[i % LANGS.length];
  const itemId = `qa-${lang}-${String(i).padStart(5, '0')}`;
  const concepts = (side: string) => Array.from({ length: 8 }, (_, k) => ({ id: `${side}-${k + 1}`, text: `concept ${k + 1}`, spans: [[k * 40, k * 40 + 10]] }));
  return JSON.stringify({
    schema: 'medco.trace/1', id: `t${i}`, itemId, lang, task: 'qa', createdAt,
    config: { model: 'gpt-4o', embeddingModel: 'bge-m3', temperature: 0.7, alignThreshold: 0.7, topK: 5, retrieval: 'concepts', pipelineVersion: '1' },
    english: { question: paragraph('cardiac', 3), translated: false, reasoning: paragraph('amyloid', 40), answer: paragraph('therapy', 4), concepts: concepts('en') },
    local: { question: paragraph('moyo', 3), reasoning: paragraph('ugonjwa', 40), answer: paragraph('tiba', 4), concepts: concepts(lang) },
    alignment: { pairs: [{ local: `${lang}-1`, english: 'en-1', similarity: 0.83, insertAt: 1 }], localOnly: [{ local: `${lang}-2`, nearest: 'en-2', similarity: 0.41 }], fused: ['en-1', `${lang}-1`, 'en-2'] },
    retrieval: Array.from({ length: 5 }, (_, k) => ({ docId: `kb-${lang}-${k}`, lang, title: 'guideline', score: 7 - k, query: 'amyloid' })),
    final: { response: paragraph('response', 12), answer: 'answer' },
    stages: { reason_en: { ms: 812, attempts: 1, usage: { prompt_tokens: 310, completion_tokens: 402 }, cached: false } },
    errors: [],
  });
}

function writeShards(dir: string): string[] {
  const lines: string[][] = Array.from({ length: SHARDS }, () => []);
  for (let i = 0; i < total; i++) {
    lines[i % SHARDS].push(trace(i, '2026-11-21T10:00:00.000Z'));
    // A re-run of 1 in 20 items landed in the next shard, later.
    if (i % 20 === 0) lines[(i + 1) % SHARDS].push(trace(i, '2026-11-22T10:00:00.000Z'));
  }
  return lines.map((shard, s) => {
    const file = path.join(dir, `shard${s + 1}.traces.jsonl`);
    writeFileSync(file, shard.join('\n') + '\n');
    return file;
  });
}

async function baseline(files: string[], out: string): Promise<number> {
  const kept: string[] = [];
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      JSON.parse(line);
      kept.push(line);
    }
  }
  await writeFileAtomic(out, kept.map((l) => l + '\n').join(''));
  return kept.length;
}

// What `medco traces merge` runs after its argument checks: read, validate, decide, copy the
// winning lines' bytes to the output atomically.
async function merge(files: string[], out: string): Promise<number> {
  return (await writeMergedTraces(files, out)).traces;
}

async function timed(run: () => Promise<number>): Promise<{ wall: number; cpu: number; n: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const n = await run();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, n };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'medco-bench-merge-'));
  try {
    const files = writeShards(dir);
    const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
    const out = path.join(dir, 'all.traces.jsonl');
    await baseline(files, out);
    const kept = await merge(files, out);
    const rows: Record<'baseline' | 'merge', { wall: number; cpu: number }[]> = { baseline: [], merge: [] };
    const ratios: { wall: number[]; cpu: number[] } = { wall: [], cpu: [] };
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? (['baseline', 'merge'] as const) : (['merge', 'baseline'] as const);
      const got: Partial<Record<'baseline' | 'merge', { wall: number; cpu: number }>> = {};
      for (const name of order) got[name] = await timed(() => (name === 'baseline' ? baseline(files, out) : merge(files, out)));
      rows.baseline.push(got.baseline!);
      rows.merge.push(got.merge!);
      ratios.wall.push(got.merge!.wall / got.baseline!.wall);
      ratios.cpu.push(got.merge!.cpu / got.baseline!.cpu);
    }
    console.log(`${SHARDS} shards, ${total} items, ${(bytes / 1e6).toFixed(0)} MB, ${kept} traces kept after merging; ${rounds} rounds`);
    console.log('| measure | wall ms, median (min–max) | CPU ms, median | × baseline, wall | × baseline, CPU |');
    console.log('|---|---:|---:|---:|---:|');
    for (const name of ['baseline', 'merge'] as const) {
      const walls = rows[name].map((x) => x.wall);
      const label = name === 'baseline' ? 'baseline: read + JSON.parse + write' : 'medco traces merge (read, validate, decide, write)';
      const ratioWall = name === 'baseline' ? 1 : median(ratios.wall);
      const ratioCpu = name === 'baseline' ? 1 : median(ratios.cpu);
      console.log(`| ${label} | ${median(walls).toFixed(0)} (${Math.min(...walls).toFixed(0)}–${Math.max(...walls).toFixed(0)}) | ${median(rows[name].map((x) => x.cpu)).toFixed(0)} | ${ratioWall.toFixed(2)} | ${ratioCpu.toFixed(2)} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
