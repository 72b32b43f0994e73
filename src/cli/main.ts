// `medco`: the command-line tool over the same core as the extension (docs/formats.md §4).
import { Command, CommanderError } from 'commander';
import { UserError, EXIT_USER_ERROR, EXIT_USAGE } from './errors';
import { registerCommands } from './commands';
import { forTerminal } from './terminalText';
import { fileSystemProblem } from '../core/store/fileTarget';

export function buildProgram(): Command {
  const program = new Command('medco')
    .description('Med-CoReasoner Review: validate MultiMed-X datasets, run co-reasoning, rate, adjudicate and export statistics.')
    .version(process.env.MEDCO_VERSION ?? '0.1.0')
    .exitOverride()
    // Usage errors quote the arguments given (an unknown option, a bad value): keep them text.
    // Subcommands inherit this output configuration.
    .configureOutput({ writeErr: (text) => process.stderr.write(forTerminal(text)) })
    .showHelpAfterError();
  registerCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (err instanceof UserError) {
      process.stderr.write(`medco: ${forTerminal(err.message)}\n`);
      return EXIT_USER_ERROR;
    }
    // A file system error (ENOTDIR, EACCES, ENOSPC…) names its path in its message; the common ones
    // (a symlink loop, a directory given for a file) are put in words, as the stores put them.
    // Anything else is reported by its message. The stack is for developers: MEDCO_DEBUG=1 prints it.
    const fsPath = (err as NodeJS.ErrnoException)?.path;
    const worded = fsPath !== undefined && !process.env.MEDCO_DEBUG ? fileSystemProblem(fsPath, err)?.message : undefined;
    const detail = worded ?? (err instanceof Error ? (process.env.MEDCO_DEBUG ? err.stack ?? err.message : err.message) : String(err));
    process.stderr.write(`medco: ${forTerminal(detail)}\n`);
    return EXIT_USER_ERROR;
  }
}

if (require.main === module) {
  // `medco … | head` closes the pipe early: that is the reader's choice, not an error of ours.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
