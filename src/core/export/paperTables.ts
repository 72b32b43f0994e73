// Tables for papers (`medco export --format latex`, and the same tables in Markdown with
// `--format md --tables`): agreement per dimension (with every interval the stats document has),
// Krippendorff's alpha per dimension × language, and mean ratings with 95% CIs per dimension ×
// language. LaTeX uses booktabs (\toprule, \midrule, \bottomrule). Ids from files are escaped.
//
// Interval fields that only some versions of the stats document carry (icc_ci95, fleiss_kappa_ci95,
// gwet_ac1_ci95, gwet_ac2_ci95, per-language alpha intervals) are read when present and shown as
// "—" otherwise, so these tables work with the results of today and those to come.
import type { StatsResult } from '../stats/result';
import { escapeCell } from './markdown';

export interface PaperTable {
  label: string;
  caption: string;
  header: string[];
  /** Column alignment, LaTeX style: l or r per column. */
  align: string;
  rows: string[][];
}

type Interval = [number, number] | null | undefined;

const DASH = '—';

function num(value: unknown, digits: number): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : DASH;
}

/** "0.74 [0.68, 0.79]", or the value alone without an interval. */
function withCi(value: unknown, ci: unknown, digits = 2): string {
  const v = num(value, digits);
  const c = ci as Interval;
  if (v === DASH || !Array.isArray(c) || c.length !== 2) return v;
  return `${v} [${num(c[0], digits)}, ${num(c[1], digits)}]`;
}

/** A field that may or may not exist in this version of the stats document. */
function optional(obj: unknown, ...path: string[]): unknown {
  let at = obj;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function languagesOf(stats: StatsResult): string[] {
  const langs = new Set<string>();
  for (const d of Object.values(stats.dimensions)) for (const l of Object.keys(d.byLanguage ?? {})) langs.add(l);
  return [...langs].sort();
}

export function paperTables(stats: StatsResult): PaperTable[] {
  const dims = Object.keys(stats.dimensions);
  const langs = languagesOf(stats);
  const agreement: PaperTable = {
    label: 'tab:agreement',
    caption: `Inter-annotator agreement per rubric dimension (${stats.annotators.length} annotators, ${stats.items} items; 95\u00a0% CIs in brackets).`,
    header: ['Dimension', 'α ordinal', 'α interval', 'Fleiss κ', 'Gwet AC1', 'AC2 quadratic', 'ICC(2,1)', 'ICC(2,k)'],
    align: 'lrrrrrrr',
    rows: dims.map((dim) => {
      const a = stats.dimensions[dim].agreement;
      return [
        dim,
        withCi(a.krippendorff_alpha.ordinal, a.krippendorff_alpha.ci95_ordinal),
        withCi(a.krippendorff_alpha.interval, a.krippendorff_alpha.ci95_interval),
        withCi(a.fleiss_kappa, optional(a, 'fleiss_kappa_ci95')),
        withCi(a.gwet_ac1, optional(a, 'gwet_ac1_ci95')),
        withCi(a.gwet_ac2?.quadratic, optional(a, 'gwet_ac2_ci95', 'quadratic')),
        withCi(a.icc?.ICC2, optional(a, 'icc_ci95', 'ICC2')),
        withCi(a.icc?.ICC2k, optional(a, 'icc_ci95', 'ICC2k')),
      ];
    }),
  };
  const byLanguage: PaperTable = {
    label: 'tab:agreement-language',
    caption: 'Krippendorff\'s α (ordinal) per rubric dimension and language.',
    header: ['Dimension', ...langs, 'all'],
    align: 'l' + 'r'.repeat(langs.length + 1),
    rows: dims.map((dim) => {
      const d = stats.dimensions[dim];
      return [
        dim,
        ...langs.map((l) => withCi(d.byLanguage[l]?.krippendorff_alpha_ordinal, optional(d.byLanguage[l], 'ci95_krippendorff_alpha_ordinal'))),
        withCi(d.agreement.krippendorff_alpha.ordinal, d.agreement.krippendorff_alpha.ci95_ordinal),
      ];
    }),
  };
  const means: PaperTable = {
    label: 'tab:means',
    caption: 'Mean rating per rubric dimension and language, with 95\u00a0% CIs (n ratings).',
    header: ['Dimension', ...langs, 'all'],
    align: 'l' + 'r'.repeat(langs.length + 1),
    rows: dims.map((dim) => {
      const d = stats.dimensions[dim];
      const cell = (g: { mean: number | null; ci95: Interval; n: number } | undefined) => (g ? `${withCi(g.mean, g.ci95)} (${g.n})` : DASH);
      return [dim, ...langs.map((l) => cell(d.byLanguage[l])), cell(d)];
    }),
  };
  return [agreement, byLanguage, means];
}

// ---------------------------------------------------------------- LaTeX

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}', '&': '\\&', '%': '\\%', $: '\\$', '#': '\\#', _: '\\_', '{': '\\{', '}': '\\}', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}',
};

export function escapeLatex(text: string): string {
  return text
    .replace(/[\\&%$#_{}~^]/g, (c) => LATEX_SPECIALS[c])
    .replace(/[\r\n]+/g, ' ')
    .replace(/α/g, '$\\alpha$')
    .replace(/κ/g, '$\\kappa$')
    .replace(/—/g, '---')
    .replace(/\u00a0/g, '~');
}

export function tableToLatex(table: PaperTable): string {
  const line = (cells: string[]) => `    ${cells.map(escapeLatex).join(' & ')} \\\\`;
  return [
    '\\begin{table}[t]',
    '  \\centering',
    `  \\caption{${escapeLatex(table.caption)}}`,
    `  \\label{${table.label}}`,
    `  \\begin{tabular}{${table.align}}`,
    '    \\toprule',
    line(table.header),
    '    \\midrule',
    ...table.rows.map(line),
    '    \\bottomrule',
    '  \\end{tabular}',
    '\\end{table}',
  ].join('\n');
}

export function statsToLatex(stats: StatsResult): string {
  const title = escapeLatex(stats.dataset ?? stats.datasets.join(', '));
  return [
    `% medco export --format latex: expert evaluation of ${title}. Needs \\usepackage{booktabs}.`,
    ...paperTables(stats).map(tableToLatex),
  ].join('\n\n') + '\n';
}

// ---------------------------------------------------------------- Markdown

export function tableToMarkdown(table: PaperTable): string {
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rule = `| ${[...table.align].map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`;
  return [`**${escapeCell(table.caption)}**`, '', line(table.header), rule, ...table.rows.map(line)].join('\n');
}

export function paperTablesToMarkdown(stats: StatsResult): string {
  return paperTables(stats).map(tableToMarkdown).join('\n\n') + '\n';
}
