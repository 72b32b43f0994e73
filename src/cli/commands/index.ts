import type { Command } from 'commander';
import { registerValidate } from './validate';
import { registerAdjudication } from './adjudication';
import { registerRate } from './rate';
import { registerStats } from './stats';
import { registerExport } from './export';
import { registerReason } from './reason';
import { registerTraces } from './traces';
import { registerImportCoreasoner } from './importCoreasoner';
import { registerImportInterchange } from './import';
import { registerScore } from './score';
import { registerJudge } from './judge';
import { registerStudy } from './study';

// Each command lives in its own module and adds itself to the program here.
export function registerCommands(program: Command): void {
  registerReason(program);
  registerValidate(program);
  registerAdjudication(program);
  registerRate(program);
  registerStats(program);
  registerExport(program);
  registerTraces(program);
  registerImportCoreasoner(program);
  registerImportInterchange(program);
  registerScore(program);
  registerJudge(program);
  registerStudy(program);
}
