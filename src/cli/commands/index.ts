import type { Command } from 'commander';
import { registerValidate } from './validate';
import { registerAdjudication } from './adjudication';

// Each command lives in its own module and adds itself to the program here.
export function registerCommands(program: Command): void {
  registerValidate(program);
  registerAdjudication(program);
}
