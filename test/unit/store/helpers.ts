// Shared by the store tests: temp dirs and child processes running TypeScript through tsx.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { makeTempDir } from '../../support/tempDir';

export const repoRoot = path.resolve(__dirname, '../../..');

export function tempDir(prefix = 'medco-store-'): Promise<string> {
  return Promise.resolve(makeTempDir(prefix));
}

/** Starts `node --import tsx <script> ...args` from the repository root. */
export function spawnTs(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs a TypeScript script to completion. */
export function runTs(script: string, args: string[]): Promise<Finished> {
  return finished(spawnTs(script, args));
}

export const SAVER = path.join(repoRoot, 'test/unit/store/fixtures/saver.ts');

/** Whether text holds a character a terminal may act on (C0 but line feed, DEL, C1, bidi overrides). */
export function hasTerminalControl(text: string): boolean {
  return [...text].some((c) => {
    const n = c.codePointAt(0)!;
    return (n < 0x20 && n !== 0x0a) || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069);
  });
}
