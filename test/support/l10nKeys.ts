// Collects the literal UI strings of the code: `vscode.l10n.t('…')` calls in the extension host and
// `t('…')` calls in the review webview. Used by the l10n tests to check that every string has an
// entry in l10n/bundle.l10n.json and in each translation.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function filesUnder(dir: string, skip: (rel: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !skip(f.replace(/\\/g, '/')))
    .map((f) => path.join(dir, f));
}

function unquote(quote: string, body: string): string {
  // The strings are plain literals; JSON understands their escapes once quotes are normalised.
  const normalised = quote === '"' ? body : body.replace(/\\'/g, "'").replace(/"/g, '\\"');
  return JSON.parse(`"${normalised}"`) as string;
}

export function literalCalls(files: string[], callee: RegExp): Set<string> {
  const keys = new Set<string>();
  const pattern = new RegExp(`${callee.source}\\(\\s*(['"])((?:\\\\.|(?!\\1)[^\\\\])*)\\1\\s*[,)]`, 'g');
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(pattern)) keys.add(unquote(m[1], m[2]));
  }
  return keys;
}

/** Host strings of the given folder, except `curation/`, whose strings test/unit/curation/l10n.test.ts checks. */
export function hostKeys(repo: string): Set<string> {
  const files = filesUnder(path.join(repo, 'src', 'extension'), (rel) => rel.startsWith('curation/'));
  return literalCalls(files, /vscode\.l10n\.t/);
}

/** Strings the review webview asks the host for (`t('…')`). */
export function reviewWebviewKeys(repo: string): Set<string> {
  const dir = path.join(repo, 'webview');
  const files = filesUnder(dir, (rel) => !(rel.startsWith('review/') || rel.startsWith('components/') || rel === 'app-review.ts'));
  return literalCalls(files, /(?<![\w.])(?:this\.)?t/);
}
