// The statistics export: the Markdown report (src/core/export), the long-format CSV of every
// rating, and each dashboard chart as a standalone .svg file (theme variables with fallback
// colours). Files go into one folder per dataset; each is written to a temporary name and renamed,
// so a failed export never leaves a half-written file behind.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { longRowsToCsv } from '../export/csv';
import { longFormatRows } from '../export/longFormat';
import { statsToMarkdown } from '../export/markdown';
import type { ItemMetaLookup } from '../stats/itemMeta';
import { scalesOfStats } from '../stats/ratingValue';
import type { AnnotationFile } from '../types';
import { dashboardCharts, safeId, type Translate } from './dashboardCharts';
import type { StatsDashboard } from './dashboardData';

export interface ExportInput {
  dashboard: StatsDashboard;
  files: readonly AnnotationFile[];
  itemMeta?: ItemMetaLookup;
  t: Translate;
}

export interface ExportResult {
  folder: string;
  /** Absolute paths of the files written, report first. */
  written: string[];
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, content, 'utf8');
  await rename(temp, file);
}

export async function exportStatistics(parent: string, input: ExportInput): Promise<ExportResult> {
  const stats = input.dashboard.stats;
  const name = safeId(stats.dataset ?? (stats.datasets.join('+') || 'annotations'));
  const folder = path.join(parent, `${name}-statistics`);
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  const put = async (fileName: string, content: string) => {
    const file = path.join(folder, fileName);
    await writeAtomically(file, content);
    written.push(file);
  };
  await put('report.md', statsToMarkdown(stats));
  const dimensions = Object.keys(stats.dimensions);
  const files = stats.dataset ? input.files.filter((f) => f.dataset === stats.dataset) : input.files;
  // The document's scales decide each row's status (rated / invalid), as they did its numbers.
  await put('ratings.csv', longRowsToCsv(longFormatRows(files, { dimensions, itemMeta: input.itemMeta, scales: scalesOfStats(stats.dimensions) })));
  for (const chart of dashboardCharts(input.dashboard, input.t, { standalone: true, idPrefix: 'export' })) {
    await put(`${chart.id}.svg`, `<?xml version="1.0" encoding="UTF-8"?>\n${chart.svg}\n`);
  }
  return { folder, written };
}
