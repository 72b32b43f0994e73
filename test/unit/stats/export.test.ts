import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { longRowsToCsv, longRowsToJsonl } from '../../../src/core/export/csv';
import { longFormatRows } from '../../../src/core/export/longFormat';
import { escapeCell } from '../../../src/core/export/markdown';
import { annotationFile } from './fixtures';

test('long format: one row per item × annotator × dimension; not assessable stays null', () => {
  const files = [annotationFile('x', ['qa-ja-001', 'bionli-sw-002'], { clinical_soundness: [4, null] }, { flags: [['wrong_language', 'unsafe'], []] })];
  const rows = longFormatRows(files, { dimensions: ['clinical_soundness', 'cultural_grounding'] });
  assert.equal(rows.length, 4);
  assert.deepEqual(
    rows.map((r) => [r.itemId, r.lang, r.task, r.dimension, r.value]),
    [
      ['bionli-sw-002', 'sw', 'nli', 'clinical_soundness', null],
      ['bionli-sw-002', 'sw', 'nli', 'cultural_grounding', null],
      ['qa-ja-001', 'ja', 'qa', 'clinical_soundness', 4],
      ['qa-ja-001', 'ja', 'qa', 'cultural_grounding', null],
    ],
  );
  const jsonl = longRowsToJsonl(rows).trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(jsonl[2].flags, ['wrong_language', 'unsafe']);
});

test('CSV round-trips through a CSV parser, and formula-like text is neutralised', () => {
  const files = [annotationFile('=HYPERLINK("http://x","y")', ['qa-ja-001'], { clinical_soundness: [3] }, { flags: [['a,b', 'say "hi"']] })];
  const csv = longRowsToCsv(longFormatRows(files, { dimensions: ['clinical_soundness'] }));
  const [header, row] = parse(csv) as string[][];
  assert.equal(header[4], 'annotator');
  assert.equal(row[4], `'=HYPERLINK("http://x","y")`);
  assert.equal(row[10], 'a,b;say "hi"');
  assert.equal(row[6], '3');
});

test('Markdown cells keep untrusted text as text', () => {
  assert.equal(escapeCell('a|b<script>x</script>\nc'), 'a\\|b&lt;script&gt;x&lt;/script&gt; c');
});
