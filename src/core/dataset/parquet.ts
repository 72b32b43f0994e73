// Reads the rows of a Parquet file (the form Hugging Face serves Global-MMLU and MMLU-ProX in)
// with hyparquet, a batch of rows at a time so that a big file is never decoded whole.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';

const ROWS_PER_BATCH = 5000;

/** Each row as an object of column → value, with its 1-based row number. */
export async function* readParquetRows(file: string): AsyncGenerator<{ row: number; record: Record<string, unknown> }> {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const total = Number(metadata.num_rows);
  for (let start = 0; start < total; start += ROWS_PER_BATCH) {
    const rows = await parquetReadObjects({ file: buffer, metadata, rowStart: start, rowEnd: Math.min(total, start + ROWS_PER_BATCH) });
    for (let i = 0; i < rows.length; i++) yield { row: start + i + 1, record: rows[i] };
  }
}
