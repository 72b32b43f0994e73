// Two deterministic JSON serializations:
// - `stableStringify`: the pretty, human-diffable form of our files (a fixed order for known
//   keys, the rest alphabetical), so that git diffs of annotation files show only real changes;
// - `canonicalJson`: compact with all keys sorted by code unit (as RFC 8785), for hashing.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Keys that come first, in this order, wherever they appear; '*' marks where other keys go. */
export const FILE_KEY_ORDER: readonly string[] = [
  '$schema', 'schema', 'id', 'dataset', 'annotator', 'languages', 'role', 'rubric', 'version', 'items',
  'traceId', 'traceSha256', 'value', 'status', 'revision', 'rating',
  '*',
  'flags', 'comment', 'concepts', 'adjudicator', 'rationale', 'errorType', 'basedOn',
  'decidedAt', 'updatedAt', 'durationMs', 'history',
];

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface KeyRanks {
  ranks: Map<string, number>;
  other: number;
}

const ranksCache = new WeakMap<readonly string[], KeyRanks>();

function ranksOf(order: readonly string[]): KeyRanks {
  let r = ranksCache.get(order);
  if (!r) {
    const wildcard = order.indexOf('*');
    r = { ranks: new Map(order.map((k, i) => [k, i])), other: wildcard === -1 ? order.length : wildcard };
    ranksCache.set(order, r);
  }
  return r;
}

/** Sorts keys in place: those in `order` by their rank, the others by code unit at the '*'. */
export function orderKeys(keys: string[], order: readonly string[] = FILE_KEY_ORDER): string[] {
  if (order.length === 0) return keys.sort(compareCodeUnits);
  const { ranks, other } = ranksOf(order);
  const rank = (k: string) => ranks.get(k) ?? other;
  return keys.sort((a, b) => rank(a) - rank(b) || compareCodeUnits(a, b));
}

function normalize(value: unknown, order: readonly string[]): Json | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot serialize ${value} as JSON`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => normalize(v, order) ?? null);
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const out: Record<string, Json> = {};
    for (const k of orderKeys(Object.keys(obj), order)) {
      const v = normalize(obj[k], order);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  return undefined; // undefined and functions are dropped, as JSON.stringify does
}

/** Pretty-printed (2 spaces), stable key order, newline at the end. */
export function stableStringify(value: unknown, order: readonly string[] = FILE_KEY_ORDER): string {
  return JSON.stringify(normalize(value, order), null, 2) + '\n';
}

/** Compact JSON with every object's keys sorted: equal data gives equal bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value, []));
}
