// Parquet files of the export tables, written with hyparquet-writer. The schema is explicit
// (never guessed from the data): an empty table still has its columns and types, integers stay
// integers, and list columns (flags) are real Parquet LISTs that pandas, R (arrow) and DuckDB read
// as lists. Every column is OPTIONAL, since empty cells are null.
import { parquetWriteBuffer } from 'hyparquet-writer';

export type ParquetKind = 'string' | 'int32' | 'double' | 'boolean' | 'stringList';

export type ParquetColumns<R> = readonly (readonly [keyof R & string, ParquetKind])[];

type SchemaElement = Parameters<typeof parquetWriteBuffer>[0]['schema'] extends (infer S)[] | undefined ? S : never;

function schemaOf(name: string, kind: ParquetKind): SchemaElement[] {
  switch (kind) {
    case 'string':
      return [{ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }];
    case 'int32':
      return [{ name, type: 'INT32', repetition_type: 'OPTIONAL' }];
    case 'double':
      return [{ name, type: 'DOUBLE', repetition_type: 'OPTIONAL' }];
    case 'boolean':
      return [{ name, type: 'BOOLEAN', repetition_type: 'OPTIONAL' }];
    case 'stringList':
      // The three-level LIST layout of the Parquet spec (LogicalTypes.md, "Lists").
      return [
        { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ];
  }
}

function valueOf(value: unknown, kind: ParquetKind): unknown {
  if (value === undefined || value === null) return null;
  if (kind === 'stringList') return Array.isArray(value) ? value.map(String) : null;
  if (kind === 'string') return String(value);
  return value;
}

/** The bytes of one Parquet file holding `rows` under `columns`. */
export function rowsToParquet<R extends object>(columns: ParquetColumns<R>, rows: readonly R[]): Uint8Array {
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }, ...columns.flatMap(([name, kind]) => schemaOf(name, kind))];
  const columnData = columns.map(([name, kind]) => ({ name, data: rows.map((r) => valueOf((r as Record<string, unknown>)[name], kind)) }));
  const buffer = parquetWriteBuffer({ columnData: columnData as never, schema, createdBy: 'medco export' });
  return new Uint8Array(buffer);
}
