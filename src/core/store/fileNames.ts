// Dataset and annotator ids become path components (`annotations/<dataset>/<annotator>.json`):
// they are kept to names that mean one and the same file on every platform annotators use.
import { readdir } from 'node:fs/promises';
import { InvalidNameError } from './errors';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Device names Windows reserves in every folder, whatever the case and extension (`con.json`). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export type NameKind = 'dataset' | 'annotator';

export interface NameProblem {
  code: 'syntax' | 'reserved';
  message: string;
}

/** Why `name` cannot be a dataset or annotator id, or undefined when it can. */
export function nameProblem(kind: NameKind, name: string): NameProblem | undefined {
  if (!SAFE_NAME.test(name) || name.includes('..')) {
    return {
      code: 'syntax',
      message: `invalid ${kind} id ${JSON.stringify(name)}: use letters, digits, '.', '_' and '-', starting with a letter or digit`,
    };
  }
  if (WINDOWS_RESERVED.test(name.split('.')[0])) {
    return {
      code: 'reserved',
      message: `invalid ${kind} id ${JSON.stringify(name)}: ${name.split('.')[0].toUpperCase()} is a reserved device name on Windows, where the file could not be created; choose another id`,
    };
  }
  return undefined;
}

/** Throws InvalidNameError when `name` cannot be a dataset or annotator id. */
export function checkName(kind: NameKind, name: string): void {
  const problem = nameProblem(kind, name);
  if (problem) throw new InvalidNameError(problem.message);
}

/**
 * An entry of `dir` whose name equals `fileName` except for case (on Windows and macOS both would
 * be one file; on Linux, two annotators). Undefined when there is none or `dir` does not exist.
 */
export async function caseVariantIn(dir: string, fileName: string): Promise<string | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const lower = fileName.toLowerCase();
  return names.find((n) => n !== fileName && n.toLowerCase() === lower);
}
