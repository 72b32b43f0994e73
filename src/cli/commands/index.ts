import type { Command } from 'commander';
import { registerValidate } from './validate';
import { registerAdjudication } from './adjudication';
import { registerRate } from './rate';
import { registerStats } from './stats';
import { registerExport } from './export';
import { registerReason } from './reason';
import { registerStudy } from './study';

// Each command lives in its own module and adds itself to the program here.
export function registerCommands(program: Command): void {
  registerReason(program);
  registerValidate(program);
  registerAdjudication(program);
  registerRate(program);
  registerStats(program);
  registerExport(program);
  registerStudy(program);
}
