// A Markdown report with the tables a paper needs: agreement per dimension with CIs, means per
// language × task with CIs, flag frequencies, the annotator summary, agreement with adjudicated
// values, and why any statistic is missing. Ids are untrusted text: escaped, never markup.
import { formatInvalidValue } from '../stats/ratingValue';
import type { StatsResult } from '../stats/result';

export function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\r\n]+/g, ' ');
}

function num(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

function interval(ci: [number, number] | null | undefined, digits = 3): string {
  return ci ? `[${num(ci[0], digits)}, ${num(ci[1], digits)}]` : '—';
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function mean(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
}

export function statsToMarkdown(stats: StatsResult): string {
  const out: string[] = [];
  const dims = Object.keys(stats.dimensions);
  out.push(`# Expert evaluation: ${escapeCell(stats.dataset ?? stats.datasets.join(', '))}`);
  out.push('');
  out.push(`${stats.items} items, ${stats.annotators.length} annotators (${stats.annotators.map(escapeCell).join(', ')}).`);
  out.push(
    stats.bootstrap.resamples > 0
      ? `Bootstrap: ${stats.bootstrap.resamples} resamples, seed ${stats.bootstrap.seed}, ${stats.bootstrap.method}.`
      : 'No bootstrap intervals were computed.',
  );
  // What is not in the numbers below comes first, so no reader takes the tables for complete.
  const leftOut = stats.input?.leftOut ?? [];
  if (leftOut.length > 0) {
    out.push('', '## Files left out', '', `${leftOut.length} file(s) could not be read; the statistics below do not include them:`, '');
    for (const p of leftOut) out.push(`- ${escapeCell(p.line > 0 ? `${p.file}:${p.line}` : p.file)}: ${escapeCell(p.message)}`);
  }
  if (stats.invalid.length > 0) {
    out.push('', '## Invalid values', '', `${stats.invalid.length} saved value(s) are off the rubric's scale or not integers; the statistics below leave them out:`, '');
    for (const v of stats.invalid) out.push(`- ${escapeCell(formatInvalidValue(v))}`);
  }
  const warnings = stats.input?.warnings ?? [];
  if (warnings.length > 0) {
    out.push('', '## Files used with a warning', '');
    for (const p of warnings) out.push(`- ${escapeCell(p.file)}: ${escapeCell(p.message)}`);
  }
  out.push('', '## Agreement', '');
  out.push(
    table(
      ['dimension', 'α nominal', 'α ordinal', 'α ordinal 95% CI', 'α interval', 'α interval 95% CI', 'α ratio', 'Fleiss κ', 'Gwet AC1', 'AC2 linear', 'AC2 quadratic', 'ICC(2,1)', 'ICC(2,k)', 'mean pairwise κ (quadratic)'],
      dims.map((dim) => {
        const a = stats.dimensions[dim].agreement;
        return [
          escapeCell(dim),
          num(a.krippendorff_alpha.nominal),
          num(a.krippendorff_alpha.ordinal),
          interval(a.krippendorff_alpha.ci95_ordinal),
          num(a.krippendorff_alpha.interval),
          interval(a.krippendorff_alpha.ci95_interval),
          num(a.krippendorff_alpha.ratio),
          num(a.fleiss_kappa),
          num(a.gwet_ac1),
          num(a.gwet_ac2.linear),
          num(a.gwet_ac2.quadratic),
          num(a.icc?.ICC2),
          num(a.icc?.ICC2k),
          num(mean(a.cohen_kappa_pairwise.map((p) => p.quadratic))),
        ];
      }),
    ),
  );
  out.push('', '## Mean ratings', '');
  out.push(
    table(
      ['dimension', 'language', 'task', 'n', 'items', 'mean', 'SD', '95% CI (t)', 'α ordinal'],
      dims.flatMap((dim) => {
        const d = stats.dimensions[dim];
        const rows = Object.entries(d.byLanguageTask).flatMap(([lang, byTask]) =>
          Object.entries(byTask).map(([task, g]) => [escapeCell(dim), escapeCell(lang), escapeCell(task), String(g.n), String(g.items), num(g.mean, 2), num(g.sd, 2), interval(g.ci95, 2), num(g.krippendorff_alpha_ordinal)]),
        );
        rows.push([escapeCell(dim), 'all', 'all', String(d.n), String(d.items), num(d.mean, 2), num(d.sd, 2), interval(d.ci95, 2), num(d.agreement.krippendorff_alpha.ordinal)]);
        return rows;
      }),
    ),
  );
  out.push('', '## Flags', '');
  const flags = Object.entries(stats.flags.byFlag).sort(([, a], [, b]) => b.count - a.count);
  out.push(
    flags.length === 0
      ? `No flags on ${stats.flags.entries} ratings.`
      : table(['flag', 'count', `share of ${stats.flags.entries} ratings`], flags.map(([flag, f]) => [escapeCell(flag), String(f.count), `${(100 * f.rate).toFixed(1)}%`])),
  );
  out.push('', '## Annotators', '');
  out.push(
    table(
      ['annotator', 'items', ...dims.map((d) => `mean ${escapeCell(d)}`), 'median time (s)', `faster than ${(stats.annotatorSummary[0]?.fastThresholdMs ?? 10000) / 1000} s`, 'flagged items'],
      stats.annotatorSummary.map((s) => [
        escapeCell(s.annotator),
        String(s.items),
        ...dims.map((d) => num(s.dimensions[d]?.mean, 2)),
        s.medianDurationMs === null ? '—' : (s.medianDurationMs / 1000).toFixed(1),
        String(s.fastItems),
        String(s.flaggedItems),
      ]),
    ),
  );
  if (stats.adjudication) {
    out.push('', '## Agreement with adjudicated values', '');
    out.push(
      table(
        ['dimension', 'annotator', 'n', 'exact match', 'mean |difference|', 'κ quadratic'],
        Object.entries(stats.adjudication).flatMap(([dim, list]) =>
          list.map((g) => [escapeCell(dim), escapeCell(g.annotator), String(g.n), g.exactMatch === null ? '—' : `${(100 * g.exactMatch).toFixed(1)}%`, num(g.meanAbsDiff, 2), num(g.quadraticKappa)]),
        ),
      ),
    );
  }
  if (stats.notes.length > 0) {
    out.push('', '## Notes', '', 'Why statistics are shown as — (undefined for these data), and what was noted about the input:', '');
    for (const note of stats.notes) out.push(`- \`${note.at.replace(/`/g, "'")}\`: ${escapeCell(note.reason)}`);
  }
  return out.join('\n') + '\n';
}
