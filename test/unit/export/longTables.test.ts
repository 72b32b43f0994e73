// `medco export --format csv|jsonl|parquet`: the complete long format, the flags and concepts
// tables, and Parquet files read back by an independent reader (DuckDB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DuckDBInstance } from '@duckdb/node-api';
import { LONG_COLUMNS } from '../../../src/core/export/longFormat';
import { CONCEPT_COLUMNS, FLAG_COLUMNS } from '../../../src/core/export/sideTables';
import { adjudication, annotatorFile, medco, sampleTraces, SAMPLE_DATASET, workspace } from './helpers';

function fixture() {
  const a = annotatorFile('dr-a', {
    'qa-ja-001': {
      rating: { clinical_soundness: 4, cultural_grounding: null, flags: ['unsafe', 'hallucination'], comment: 'dose = 75 mg' },
      concepts: { 'pair:ja-1/en-1': { aligned: true }, 'ja-4': { relevant: false, note: 'not local' } },
      durationMs: 53000,
    },
    'nli-ja-001': { rating: { clinical_soundness: 5, cultural_grounding: 4 } },
  });
  const b = annotatorFile('dr-b', { 'qa-ja-001': { rating: { clinical_soundness: 2, cultural_grounding: 3 }, durationMs: 1000 } });
  return workspace([a, b], adjudication({ 'qa-ja-001': { clinical_soundness: 3 } }));
}

async function query(sql: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(sql);
  const result = { names: reader.columnNames(), types: reader.columnTypes().map(String), rows: reader.getRowObjectsJson() };
  connection.closeSync();
  return result;
}

test('parquet: three files that DuckDB reads with the documented columns, types and values', async () => {
  const { ws, dir, traces } = fixture();
  const out = path.join(ws, 'ratings.parquet');
  const run = await medco(['export', dir, '--format', 'parquet', '--out', out, '--traces', traces, '--dataset-file', SAMPLE_DATASET]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '');

  const long = await query(`SELECT * FROM read_parquet('${out}') ORDER BY annotator, itemId, dimension`);
  assert.deepEqual(long.names, [...LONG_COLUMNS]);
  const type = Object.fromEntries(long.names.map((n, i) => [n, long.types[i]]));
  assert.deepEqual(
    [type.itemId, type.value, type.durationMs, type.flags, type.stale, type.gold, type.round, type.comment],
    ['VARCHAR', 'INTEGER', 'INTEGER', 'VARCHAR[]', 'BOOLEAN', 'INTEGER', 'INTEGER', 'VARCHAR'],
  );
  assert.equal(long.rows.length, 6); // 3 entries × 2 dimensions
  const cs = long.rows.find((r) => r.annotator === 'dr-a' && r.itemId === 'qa-ja-001' && r.dimension === 'clinical_soundness')!;
  const trace = sampleTraces().get('qa-ja-001')!;
  assert.deepEqual(cs, {
    dataset: 'mx', itemId: 'qa-ja-001', lang: 'ja', task: 'qa', annotator: 'dr-a', dimension: 'clinical_soundness', value: 4, revision: 1,
    updatedAt: '2026-11-21T10:05:00.000Z', durationMs: 53000, flags: ['unsafe', 'hallucination'],
    status: 'rated', role: 'annotator', traceId: trace.id, config: null, round: null, stale: false, gold: 3, comment: 'dose = 75 mg', model: 'sample-cached',
  });
  const na = long.rows.find((r) => r.annotator === 'dr-a' && r.itemId === 'qa-ja-001' && r.dimension === 'cultural_grounding')!;
  assert.equal(na.status, 'not_assessable');
  assert.equal(na.value, null);
  assert.equal(na.gold, null);

  const flags = await query(`SELECT * FROM read_parquet('${path.join(ws, 'ratings.flags.parquet')}') ORDER BY flag`);
  assert.deepEqual(flags.names, [...FLAG_COLUMNS]);
  assert.deepEqual(flags.rows.map((r) => [r.annotator, r.itemId, r.flag]), [['dr-a', 'qa-ja-001', 'hallucination'], ['dr-a', 'qa-ja-001', 'unsafe']]);

  const concepts = await query(`SELECT * FROM read_parquet('${path.join(ws, 'ratings.concepts.parquet')}') ORDER BY conceptId`);
  assert.deepEqual(concepts.names, [...CONCEPT_COLUMNS]);
  assert.equal(concepts.types[CONCEPT_COLUMNS.indexOf('value')], 'BOOLEAN');
  const local = (id: string) => trace.local.concepts.find((c) => c.id === id)!.text;
  assert.deepEqual(
    concepts.rows.map((r) => [r.conceptId, r.side, r.text, r.alignedWith, r.judgement, r.value, r.note]),
    [
      ['ja-1', 'local', local('ja-1'), 'en-1', 'aligned', true, null],
      ['ja-4', 'local', local('ja-4'), null, 'relevant', false, 'not local'],
    ],
  );
  // Written again over its own earlier output without --force.
  assert.equal((await medco(['export', dir, '--format', 'parquet', '--out', out])).code, 0);
});

test('parquet needs --out; an empty table still has its columns and types', async () => {
  const { ws, dir } = workspace([annotatorFile('dr-a', { 'qa-ja-001': { rating: { clinical_soundness: 4 } } })]);
  const noOut = await medco(['export', dir, '--format', 'parquet']);
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /--format parquet needs --out/);
  const out = path.join(ws, 'x.parquet');
  assert.equal((await medco(['export', dir, '--format', 'parquet', '--out', out])).code, 0);
  const flags = await query(`DESCRIBE SELECT * FROM read_parquet('${path.join(ws, 'x.flags.parquet')}')`);
  assert.deepEqual(flags.rows.map((r) => r.column_name), [...FLAG_COLUMNS]);
  assert.equal((await query(`SELECT count(*)::INTEGER AS n FROM read_parquet('${path.join(ws, 'x.concepts.parquet')}')`)).rows[0].n, 0);
  assert.ok(existsSync(path.join(ws, 'x.concepts.parquet')));
});

test('csv and jsonl: the long table has comment and model; --table flags and --table concepts', async () => {
  const { dir, traces } = fixture();
  const csv = await medco(['export', dir, '--format', 'csv', '--traces', traces]);
  assert.equal(csv.code, 0, csv.stderr);
  const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0]), [...LONG_COLUMNS]);
  const first = rows.find((r) => r.annotator === 'dr-a' && r.itemId === 'qa-ja-001' && r.dimension === 'clinical_soundness')!;
  assert.equal(first.comment, 'dose = 75 mg');
  assert.equal(first.model, 'sample-cached');
  assert.equal(first.flags, 'unsafe;hallucination');

  const flagsCsv = await medco(['export', dir, '--format', 'csv', '--table', 'flags']);
  const flagRows = parse(flagsCsv.stdout, { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(flagRows[0]), [...FLAG_COLUMNS]);
  assert.deepEqual(flagRows.map((r) => r.flag), ['hallucination', 'unsafe']);

  // Without --traces the side comes from the id and there is no text.
  const conceptsJsonl = await medco(['export', dir, '--format', 'jsonl', '--table', 'concepts']);
  const concepts = conceptsJsonl.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(concepts.map((c) => [c.conceptId, c.side, c.text, c.alignedWith, c.judgement, c.value]), [
    ['ja-4', 'local', null, null, 'relevant', false],
    ['ja-1', 'local', null, 'en-1', 'aligned', true],
  ]);
  const misuse = await medco(['export', dir, '--format', 'md', '--table', 'flags']);
  assert.equal(misuse.code, 2);
});
