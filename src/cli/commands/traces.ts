// `medco traces merge <file…> --out <file>`: joins the traces files of a sharded run
// (docs/formats.md §8). All inputs are read before anything is written, the output is written
// atomically, and it never replaces an input or (without --force) an existing file, so a merge
// cannot lose a trace that one of its inputs held.
import path from 'node:path';
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { writeMergedTraces, MergeInputError, type MergeReport } from '../../core/traces/mergeTraces';
import { formatProblem } from '../../core/dataset';
import { printJson, printText } from '../output';
import { EXIT_OK, EXIT_USER_ERROR, UserError } from '../errors';
import { say, warn } from './resultMessages';

interface MergeOptions {
  out: string;
  force?: boolean;
  json?: boolean;
}

const HELP_AFTER = `
The latest trace of each item × configuration × round wins (latest createdAt; on a tie the
later file on the command line, then the later line). Different traces for the same key are
reported as conflicts; identical copies are not. Lines that are not valid traces are reported
as file:line and left out.

Exit status:
  0  merged
  1  an input could not be read, a line was not a valid trace (the rest is merged),
     or --out names an input or an existing file (without --force)`;

export function registerTraces(program: Command): void {
  const traces = program.command('traces').description('Work with traces files (*.traces.jsonl).');
  traces
    .command('merge')
    .description('Merge the traces files of a sharded run into one.')
    .argument('<file...>', 'traces files, e.g. the outputs of `medco reason --shard 1/4` … `4/4`')
    .requiredOption('--out <file>', 'the merged traces file to write')
    .option('--force', 'replace --out if it exists (never allowed when it is one of the inputs)')
    .option('--json', 'print the merge report as one JSON document on stdout')
    .addHelpText('after', HELP_AFTER)
    .action(async (files: string[], options: MergeOptions) => {
      await refuseUnsafeOutput(files, options);
      let result: MergeReport;
      try {
        // Reads every input before writing; winning lines are copied byte for byte, atomically.
        result = await writeMergedTraces(files, options.out);
      } catch (err) {
        if (err instanceof MergeInputError) throw new UserError(err.message);
        throw err;
      }
      report(result, options);
      process.exitCode = result.problems.length > 0 ? EXIT_USER_ERROR : EXIT_OK;
    });
}

async function refuseUnsafeOutput(files: string[], options: MergeOptions): Promise<void> {
  const out = path.resolve(options.out);
  if (files.some((f) => path.resolve(f) === out)) {
    throw new UserError(`${options.out}: is one of the inputs; write the merge to a new file`);
  }
  if (!options.force && (await stat(out).then(() => true, () => false))) {
    throw new UserError(`${options.out}: already exists; pass --force to replace it`);
  }
}

function report(result: MergeReport, options: MergeOptions): void {
  if (options.json) {
    printJson({ out: options.out, traces: result.traces, inputs: result.inputs, superseded: result.superseded, conflicts: result.conflicts, problems: result.problems });
    return;
  }
  for (const p of result.problems) warn(formatProblem(p));
  for (const c of result.conflicts) {
    const lost = c.superseded.map((s) => `${s.file}:${s.line}`).join(', ');
    say(`conflict: ${c.itemId} (${c.config}, round ${c.round}): kept ${c.kept.file}:${c.kept.line}, superseded ${lost}`);
  }
  const total = result.inputs.reduce((sum, i) => sum + i.traces, 0);
  printText(`${options.out}: ${result.traces} traces from ${total} in ${result.inputs.length} file(s); ${result.superseded} superseded, ${result.conflicts.length} conflict(s), ${result.problems.length} line(s) left out\n`);
}
