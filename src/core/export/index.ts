// Exports of annotations and statistics: long-format rows (CSV, JSONL) and a Markdown report.
export * from './longFormat';
export * from './csv';
export * from './markdown';
