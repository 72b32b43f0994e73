// `medco study create` speed: 2,450 items (seven languages × QA/NLI, the size of MultiMed-X's
// human-evaluation pool) × 30 annotators who each read two or three languages, overlap k = 3,
// 5 calibration items. Goal (issue #13): < 1 s.
// Measured in one process after a warm-up: (1) createStudy alone (the assignment), (2) the whole
// command's work through the CLI's main() — load the dataset file, assign, write _study.json, read
// the annotator files — excluding only Node's start-up. Every round checks the result: each item
// exactly 3 times (calibration items: everyone who reads them).
// Run: node --import tsx bench/studyCreate.ts [rounds=9]
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStudy, type StudyAnnotator, type StudyItem } from '../src/core/study';
import { main } from '../src/cli/main';

const LANGS = ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'];
const ITEMS = 2450;
const ANNOTATORS = 30;
const K = 3;
const rounds = Number(process.argv[2] ?? 9);

const items: StudyItem[] = Array.from({ length: ITEMS }, (_, i) => {
  const lang = LANGS[i % LANGS.length];
  const task = i % 2 === 0 ? 'qa' : 'nli';
  return { id: `${task}-${lang}-${String(i + 1).padStart(4, '0')}`, lang, task };
});
const annotators: StudyAnnotator[] = Array.from({ length: ANNOTATORS }, (_, a) => ({
  id: `dr-${String(a + 1).padStart(2, '0')}`,
  languages: [LANGS[a % 7], LANGS[(a + 3) % 7], ...(a % 2 === 0 ? [LANGS[(a + 5) % 7]] : [])],
}));

function check(assignments: Record<string, string[]>, calibration: string[]): void {
  const count = new Map<string, number>();
  for (const list of Object.values(assignments)) for (const id of list) count.set(id, (count.get(id) ?? 0) + 1);
  const cal = new Set(calibration);
  for (const item of items) {
    const want = cal.has(item.id) ? annotators.filter((a) => a.languages.includes(item.lang)).length : K;
    if (count.get(item.id) !== want) throw new Error(`${item.id}: assigned ${count.get(item.id)} times, expected ${want}`);
  }
}

const median = (v: number[]) => v.slice().sort((a, b) => a - b)[v.length >> 1];

const dir = mkdtempSync(path.join(tmpdir(), 'medco-bench-study-'));
const datasetFile = path.join(dir, 'pool.jsonl');
const markers: Record<string, [string, string]> = { qa: ['Question:', 'Answer:'], nli: ['Premise:', 'Hypothesis:'] };
writeFileSync(datasetFile, items.map((it) => {
  const [q, a] = markers[it.task];
  return JSON.stringify({ id: it.id, lang: it.lang, task: it.task, text: `${q}\n${'A patient asks about cardiac amyloidosis. '.repeat(8)}\n${a}\n${'Refer to cardiology. '.repeat(8)}`, label: it.task === 'nli' ? 'entailment' : null });
}).join('\n') + '\n');
const annotationsDir = path.join(dir, 'annotations');
mkdirSync(annotationsDir);

async function main_(): Promise<void> {
  const assignTimes: number[] = [];
  const commandTimes: number[] = [];
  const args = ['study', 'create', annotationsDir, '--dataset', 'pool', '--dataset-file', datasetFile, '--overlap', String(K), '--seed', '7', '--calibration', '5', '--force', '--json',
    ...annotators.map((a) => ['--annotator', `${a.id}:${a.languages.join(',')}`]).flat()];
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  for (let r = 0; r <= rounds; r++) {
    let t = performance.now();
    const study = createStudy({ dataset: 'pool', items, annotators, overlap: K, seed: 7 + r, calibration: 5 });
    const assignMs = performance.now() - t;
    check(study.assignments, study.calibration!);

    t = performance.now();
    process.stdout.write = (() => true) as typeof process.stdout.write; // the command's JSON summary
    const code = await main(args);
    process.stdout.write = stdoutWrite;
    const commandMs = performance.now() - t;
    if (code !== 0) throw new Error(`medco study create exited ${code}`);
    const written = JSON.parse(readFileSync(path.join(annotationsDir, 'pool', '_study.json'), 'utf8'));
    check(written.assignments, written.calibration);
    if (r > 0) {
      assignTimes.push(assignMs);
      commandTimes.push(commandMs);
    }
  }
  console.log(`study create, ${ITEMS} items × ${ANNOTATORS} annotators, k = ${K}, ${rounds} rounds after a warm-up (median, min–max):`);
  console.log(`  createStudy (assignment only): ${median(assignTimes).toFixed(1)} ms (${Math.min(...assignTimes).toFixed(1)}–${Math.max(...assignTimes).toFixed(1)})`);
  console.log(`  medco study create (load dataset, assign, write, read annotator files; no process start-up): ${median(commandTimes).toFixed(1)} ms (${Math.min(...commandTimes).toFixed(1)}–${Math.max(...commandTimes).toFixed(1)})`);
  console.log(`  goal < 1000 ms: ${median(commandTimes) < 1000 ? 'met' : 'NOT met'}`);
}

main_().finally(() => rmSync(dir, { recursive: true, force: true }));
