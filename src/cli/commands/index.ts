import type { Command } from 'commander';
import { registerValidate } from './validate';
import { registerAdjudication } from './adjudication';
import { registerRate } from './rate';

// Each command lives in its own module and adds itself to the program here.
export function registerCommands(program: Command): void {
  registerValidate(program);
  registerAdjudication(program);
  registerRate(program);
}
