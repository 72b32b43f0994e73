// Shared fixtures of the pipeline tests: items built directly (no dataset loader involved) and
// a trace checker.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { DatasetItem, Task } from '../../../src/core/types';
import { makeTempDir } from '../../support/tempDir';

export const REPO = path.resolve(__dirname, '../../..');

const QUESTIONS: Record<string, (n: number) => string> = {
  zh: (n) => `问题 ${n}：我叔叔死于心脏淀粉样变性，哪里可以找到相关资料？`,
  ja: (n) => `質問 ${n}：叔父が心アミロイドーシスで亡くなりました。資料はどこで手に入りますか？`,
  ko: (n) => `질문 ${n}: 삼촌이 심장 아밀로이드증으로 돌아가셨습니다. 자료는 어디서 구할 수 있나요?`,
  sw: (n) => `Swali ${n}: Mjomba wangu alifariki kutokana na amyloidosis ya moyo. Ninaweza kupata machapisho wapi?`,
  th: (n) => `คำถาม ${n}: ลุงของฉันเสียชีวิตจากภาวะแอมีลอยด์ที่หัวใจ จะหาข้อมูลได้ที่ไหน`,
  yo: (n) => `Ìbéèrè ${n}: Àbúrò bàbá mi kú nítorí àrùn amyloid ọkàn. Níbo ni mo ti lè rí ìwé?`,
  zu: (n) => `Umbuzo ${n}: Umalume wami ushone ngenxa ye-amyloidosis yenhliziyo. Ngingayithola kuphi imibhalo?`,
};

export function makeItem(lang: string, n: number, options: { task?: Task; english?: boolean } = {}): DatasetItem {
  const task = options.task ?? 'qa';
  const q = QUESTIONS[lang]?.(n) ?? `Question ${n} in ${lang}`;
  const id = `${task}-${lang}-${String(n).padStart(3, '0')}`;
  const local =
    task === 'nli' ? { question: q, premise: `${q} (premise ${n})`, hypothesis: `(hypothesis ${n})` } : { question: q, answer: `answer ${n}` };
  const english =
    options.english === false
      ? undefined
      : task === 'nli'
        ? { question: `Question ${n}`, premise: `Premise of item ${n}.`, hypothesis: `Hypothesis of item ${n}.` }
        : { question: `Question ${n}: my uncle died of cardiac amyloidosis; where can I find literature?`, answer: `Answer ${n}` };
  return {
    id,
    lang,
    task,
    text: q,
    textEn: english?.question,
    label: task === 'nli' ? (n % 2 === 0 ? 'entailment' : 'contradiction') : null,
    local,
    english,
    origin: { file: 'fixture.jsonl', line: n },
  };
}

export function tempDir(prefix = 'medco-pipeline-'): string {
  return makeTempDir(prefix);
}

/** Runs the CLI in a child process (asynchronously: the fake server lives in this process). */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'src/cli/main.ts'), ...args], {
      cwd: REPO,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
