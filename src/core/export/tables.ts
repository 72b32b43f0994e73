// The three tables of the long-format export and their Parquet column types: `long` (one row per
// item × annotator × dimension), `flags` (one per raised flag), `concepts` (one per concept-level
// judgement). CSV and JSONL use the same columns in the same order.
import { LONG_COLUMNS, type LongRow } from './longFormat';
import { CONCEPT_COLUMNS, type ConceptRow, FLAG_COLUMNS, type FlagRow } from './sideTables';
import type { ParquetColumns, ParquetKind } from './parquet';

export type TableName = 'long' | 'flags' | 'concepts';

const LONG_KINDS: Record<keyof LongRow, ParquetKind> = {
  dataset: 'string', itemId: 'string', lang: 'string', task: 'string', annotator: 'string', dimension: 'string',
  value: 'int32', revision: 'int32', updatedAt: 'string', durationMs: 'int32', flags: 'stringList',
  status: 'string', role: 'string', traceId: 'string', config: 'string', round: 'int32', stale: 'boolean', gold: 'int32',
  comment: 'string', model: 'string',
};

const FLAG_KINDS: Record<keyof FlagRow, ParquetKind> = {
  dataset: 'string', itemId: 'string', lang: 'string', task: 'string', annotator: 'string', role: 'string',
  traceId: 'string', flag: 'string', revision: 'int32', updatedAt: 'string',
};

const CONCEPT_KINDS: Record<keyof ConceptRow, ParquetKind> = {
  dataset: 'string', itemId: 'string', lang: 'string', task: 'string', annotator: 'string', role: 'string',
  traceId: 'string', conceptId: 'string', side: 'string', text: 'string', alignedWith: 'string',
  judgement: 'string', value: 'boolean', note: 'string',
};

const withKinds = <R>(columns: readonly (keyof R & string)[], kinds: Record<keyof R, ParquetKind>): ParquetColumns<R> =>
  columns.map((c) => [c, kinds[c]] as const);

export const LONG_PARQUET = withKinds<LongRow>(LONG_COLUMNS as (keyof LongRow & string)[], LONG_KINDS);
export const FLAG_PARQUET = withKinds<FlagRow>(FLAG_COLUMNS as (keyof FlagRow & string)[], FLAG_KINDS);
export const CONCEPT_PARQUET = withKinds<ConceptRow>(CONCEPT_COLUMNS as (keyof ConceptRow & string)[], CONCEPT_KINDS);
