// Validates a trace against annotations/schema/trace.schema.json (the format's published schema)
// and against what the schema cannot say: spans inside the reasoning, a fused chain that holds
// every concept once, pairs whose insertAt is their place in the chain.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import type { Trace } from '../../../src/core/types';
import { REPO } from './helpers';

const schema = JSON.parse(readFileSync(path.join(REPO, 'annotations/schema/trace.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const norm = (s: string): string => s.normalize('NFKC').toLowerCase();

export function checkTrace(trace: Trace): void {
  assert.ok(validate(trace), `trace ${trace.itemId} does not match trace.schema.json: ${JSON.stringify(validate.errors)}`);
  for (const side of [trace.english, trace.local]) {
    for (const concept of side.concepts) {
      for (const [s, e] of concept.spans) {
        assert.ok(s >= 0 && s < e && e <= side.reasoning.length, `span of ${concept.id} inside the reasoning`);
        assert.equal(norm(side.reasoning.slice(s, e)), norm(concept.text), `span of ${concept.id} covers the concept`);
      }
    }
  }
  const ids = [...trace.english.concepts, ...trace.local.concepts].map((c) => c.id);
  assert.deepEqual([...trace.alignment.fused].sort(), [...ids].sort(), 'every concept once in the fused chain');
  for (const p of trace.alignment.pairs) assert.equal(trace.alignment.fused.indexOf(p.local), p.insertAt, `insertAt of ${p.local}`);
  const aligned = new Set([...trace.alignment.pairs.map((p) => p.local), ...trace.alignment.localOnly.map((o) => o.local)]);
  for (const c of trace.local.concepts) assert.ok(aligned.has(c.id), `${c.id} is either paired or local-only`);
}
