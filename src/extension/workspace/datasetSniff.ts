// Decides from a file's name and first bytes whether it holds MultiMed-X rows (docs/formats.md §1), so
// that activation can pick a dataset without loading every JSON file of the workspace. Pure.
import path from 'node:path';

export const DATASET_EXTENSIONS = ['.jsonl', '.json', '.xlsx', '.csv'];

/** Files that are never datasets even with a dataset extension. */
export function isExcludedPath(relPath: string): boolean {
  const p = relPath.replace(/\\/g, '/');
  return (
    /\.traces\.jsonl$/i.test(p) ||
    /(^|\/)(node_modules|\.vscode|\.git|\.medco-cache|annotations|kb)\//.test(p) ||
    /(^|\/)(package(-lock)?|tsconfig|settings)\.json$/i.test(p)
  );
}

const LANGUAGE_KEY = /^(zh|ja|jp|ko|sw|th|yo|zu)$/i;

function looksLikeRow(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const row = v as Record<string, unknown>;
  if (typeof row.text === 'string' && typeof row.lang === 'string') return true;
  if (looksLikeMcqRow(Object.keys(row), row.task)) return true;
  // Paired form: {"en": …, "<lang>": …}
  return typeof row.en === 'string' && Object.keys(row).some((k) => LANGUAGE_KEY.test(k));
}

/** The columns of a multiple-choice layout (Global-MMLU, MMLU-ProX, MMedBench) or `task: "mcq"`. */
function looksLikeMcqRow(keys: string[], task?: unknown): boolean {
  if (task === 'mcq') return true;
  const has = new Set(keys);
  return has.has('question') && (has.has('option_a') || has.has('option_0') || has.has('options'));
}

/**
 * `head` is the start of the file as text (a few KB). For .jsonl the first non-empty line must be a
 * row; for .json the first array element; spreadsheets are recognised by their name (the published
 * `bionli_*`/`liveqa_*` files) or, for CSV, by an `EN` column.
 */
export function looksLikeDataset(fileName: string, head: string): boolean {
  const ext = path.extname(fileName).toLowerCase();
  const base = path.basename(fileName).toLowerCase();
  if (ext === '.xlsx') return /(bionli|liveqa|multimed)/.test(base);
  if (ext === '.csv') {
    const header = head.split(/\r?\n/, 1)[0] ?? '';
    const columns = header.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    return columns.includes('EN') || looksLikeMcqRow(columns);
  }
  if (ext === '.jsonl') {
    const first = head.split(/\r?\n/).find((l) => l.trim() !== '');
    if (!first) return false;
    try {
      return looksLikeRow(JSON.parse(first));
    } catch {
      return false;
    }
  }
  if (ext === '.json') {
    // Only the first element is needed: cut the head at the end of the first object.
    const start = head.indexOf('{');
    if (!/^\s*\[/.test(head) || start < 0) return false;
    let depth = 0;
    let inString = false;
    for (let i = start; i < head.length; i++) {
      const c = head[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        try {
          return looksLikeRow(JSON.parse(head.slice(start, i + 1)));
        } catch {
          return false;
        }
      }
    }
  }
  return false;
}

/** `<dir>/<name>.traces.jsonl` for dataset `<dir>/<name>.<ext>`. */
export function tracesPathFor(datasetPath: string): string {
  const ext = path.extname(datasetPath);
  return path.join(path.dirname(datasetPath), `${path.basename(datasetPath, ext)}.traces.jsonl`);
}
