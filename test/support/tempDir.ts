// Temp folders for tests, removed when the test process exits (also when node --test forces the
// exit after the last test). scripts/test.mjs gives each test file its own TMPDIR and removes it
// afterwards as well, for a file that had to be killed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made: string[] = [];
let hooked = false;

/** A new empty folder `<tmpdir>/<prefix>XXXXXX`, removed at process exit. */
export function makeTempDir(prefix = 'medco-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const d of made) rmSync(d, { recursive: true, force: true, maxRetries: 2 });
    });
  }
  return dir;
}
