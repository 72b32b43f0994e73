import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh temp folder for one test's fixture files. */
export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'medco-dataset-'));
}

export function writeFixture(dir: string, name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content, 'utf8');
  return file;
}

export const jsonl = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
