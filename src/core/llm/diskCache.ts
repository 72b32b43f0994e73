// "Never pay twice": every completed chat and embedding response is stored on disk under the
// sha256 of what determines it (stage, model, parameters, messages/inputs), one file per call.
// Files are written to a temporary name and renamed, so a crash leaves either the whole entry or
// nothing; an unreadable entry is treated as a miss and rewritten, never trusted.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface CacheEntry<T> {
  key: string;
  stage: string;
  /** What was sent (minus credentials), kept so that a cache can be audited by hand. */
  request: unknown;
  response: T;
  createdAt: string;
}

/** Canonical JSON: object keys sorted, so equal requests hash equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

export function cacheKey(stage: string, request: unknown): string {
  return createHash('sha256').update(canonicalJson({ stage, request })).digest('hex');
}

export class DiskCache {
  /** Keys on disk, listed once: a miss then costs no failed open(), which adds up over thousands of calls. */
  private index: Promise<Set<string>> | null = null;
  private readonly madeDirs = new Set<string>();

  constructor(readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  private keys(): Promise<Set<string>> {
    this.index ??= (async () => {
      const keys = new Set<string>();
      let entries: string[];
      try {
        entries = await readdir(this.dir, { recursive: true });
      } catch {
        return keys;
      }
      for (const e of entries) {
        const m = /([0-9a-f]{64})\.json$/.exec(e);
        if (m) keys.add(m[1]);
      }
      return keys;
    })();
    return this.index;
  }

  async get<T>(key: string): Promise<CacheEntry<T> | undefined> {
    if (!(await this.keys()).has(key)) return undefined;
    let text: string;
    try {
      text = await readFile(this.file(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as CacheEntry<T>;
      return entry && entry.key === key ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  async set<T>(key: string, stage: string, request: unknown, response: T): Promise<void> {
    const file = this.file(key);
    const dir = path.dirname(file);
    if (!this.madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const entry: CacheEntry<T> = { key, stage, request, response, createdAt: new Date().toISOString() };
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(entry) + '\n', 'utf8');
    await rename(tmp, file);
    (await this.keys()).add(key);
  }
}
