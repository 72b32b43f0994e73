// `medco import <source> …`: ratings and traces made elsewhere, brought into the project's files.
// Each source is its own module adding a subcommand to the one `import` command, created by
// whichever registers first, so sources can be added without touching each other.
import type { Command } from 'commander';
import { registerImportLabelStudio } from './labelStudio';
import { registerImportArgilla } from './argilla';

/** The `import` command of the program, created on first use. */
export function importCommand(program: Command): Command {
  const existing = program.commands.find((c) => c.name() === 'import');
  if (existing) return existing;
  return program.command('import').description('Import ratings or traces made with other tools (Label Studio, Argilla, …).');
}

export function registerImportInterchange(program: Command): void {
  const command = importCommand(program);
  registerImportLabelStudio(command);
  registerImportArgilla(command);
}
