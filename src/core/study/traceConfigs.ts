// Every trace of a traces file grouped by item (readTraces keeps only each item's latest, whatever
// its configuration; a pairwise study needs one per configuration). Bad lines are skipped here:
// `medco validate` and readTraces report them.
import type { Trace } from '../types';
import { validateTrace } from '../schema/validators';
import { parseJsonLocated } from '../schema/jsonLocation';
import { readTextFile } from '../text/utf8';
import { TracesFileError } from '../traces/traceFile';

export function tracesByItem(text: string): Map<string, Trace[]> {
  const out = new Map<string, Trace[]>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = parseJsonLocated(line.replace(/\r$/, ''));
    if (!parsed.ok) continue;
    const v = validateTrace(parsed.value);
    if (!v.ok) continue;
    const list = out.get(v.value.itemId);
    if (list) list.push(v.value);
    else out.set(v.value.itemId, [v.value]);
  }
  return out;
}

/** Reads a traces file the user named; a missing or unreadable file is a TracesFileError. */
export async function readTracesByItem(file: string): Promise<Map<string, Trace[]>> {
  try {
    return tracesByItem((await readTextFile(file)).text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new TracesFileError(file, 'not found');
    if (code === 'EISDIR') throw new TracesFileError(file, 'is a folder');
    throw new TracesFileError(file, 'unreadable', (err as Error).message);
  }
}
