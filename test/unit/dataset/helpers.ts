import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../support/tempDir';

/** A fresh temp folder for one test's fixture files. */
export function tempDir(): string {
  return makeTempDir('medco-dataset-');
}

export function writeFixture(dir: string, name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content, 'utf8');
  return file;
}

export const jsonl = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
