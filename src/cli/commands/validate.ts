// `medco validate <dataset…>`: loads and splits datasets, reports counts and every problem.
import { InvalidArgumentError, type Command } from 'commander';
import { datasetName, formatProblem, validateDataset, type DatasetSummary } from '../../core/dataset';
import { languageInfo } from '../../core/dataset/languages';
import { printJson, printText, progress } from '../output';
import { EXIT_OK, EXIT_USER_ERROR } from '../errors';

interface ValidateOptions {
  json?: boolean;
  strict?: boolean;
  maxWarnings: number;
}

const warningCount = (v: string): number => {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('--max-warnings must be a whole number (0 or more).');
  return n;
};

const HELP_AFTER = `
Exit status:
  0  every row loaded (warnings alone do not fail, unless --strict)
  1  any error: a file that cannot be read, a row that cannot be loaded,
     a duplicate id, a bad label. The report is printed in full either way,
     and every loadable row is still counted.

Accepted forms (detected by extension and content): MultiMed-X rows (.jsonl or
.json array), paired rows {"en": …, "<lang>": …} (.jsonl), spreadsheets (.xlsx,
.csv, .tsv) with columns EN, <lang> (e.g. jp) and optionally gold_label, and the
multiple-choice benchmarks Global-MMLU, MMLU-ProX and MMedBench in their published
columns (.jsonl, .csv, .parquet; task mcq, gold letters counted under labels).`;

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Load MultiMed-X dataset files, split their texts, and report counts, errors and warnings.')
    .argument('<dataset...>', 'dataset files (.jsonl, .json, .xlsx, .csv, .tsv, .parquet) or folders of them')
    .option('--json', 'print the report as one JSON document on stdout')
    .option('--strict', 'exit 1 on warnings too')
    .option('--max-warnings <n>', 'human output: list at most n warnings', warningCount, 50)
    .addHelpText('after', HELP_AFTER)
    .action(async (paths: string[], options: ValidateOptions) => {
      progress(`medco: loading ${paths.length} file(s)…`);
      // Streaming: counts without keeping the items, so big files validate in little memory.
      const summary = await validateDataset(paths);
      if (options.json) printJson(summary);
      else printText(renderSummary(datasetName(paths), summary, options.maxWarnings));
      const failed = summary.errors.length > 0 || (options.strict === true && summary.warnings.length > 0);
      process.exitCode = failed ? EXIT_USER_ERROR : EXIT_OK;
    });
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c] ?? ''))));
  return rows.map((r) => r.map((cell, c) => cell + ' '.repeat(widths[c] - displayWidth(cell))).join('  ').trimEnd()).join('\n') + '\n';
}

// East Asian wide characters take two terminal columns (native language names in the table).
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

export function renderSummary(name: string, s: DatasetSummary, maxWarnings = 50): string {
  let out = `Dataset ${name}: ${s.items} item(s), ${s.errors.length} error(s), ${s.warnings.length} warning(s)\n\n`;
  const langs = Object.keys(s.byLanguage).sort();
  if (langs.length > 0) {
    const rows = [['language', 'name', 'items']];
    for (const lang of langs) rows.push([lang, languageInfo(lang)?.nativeName ?? '(unknown)', String(s.byLanguage[lang])]);
    out += table(rows) + '\n';
    const tasks = [['task', 'items'], ...Object.keys(s.byTask).sort().map((t) => [t, String(s.byTask[t])])];
    out += table(tasks) + '\n';
  }
  const labels = Object.keys(s.labels).sort();
  if (labels.length > 0) out += table([['label', 'items'], ...labels.map((l) => [l, String(s.labels[l])])]) + '\n';
  if (s.errors.length > 0) out += 'Errors:\n' + s.errors.map((p) => `  ${formatProblem(p)}\n`).join('') + '\n';
  if (s.warnings.length > 0) {
    const shown = s.warnings.slice(0, Math.max(0, maxWarnings || 0));
    out += 'Warnings:\n' + shown.map((p) => `  ${formatProblem(p)}\n`).join('');
    if (shown.length < s.warnings.length) out += `  … and ${s.warnings.length - shown.length} more (--json lists all)\n`;
  }
  return out;
}
