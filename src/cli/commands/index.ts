import type { Command } from 'commander';

// Each command lives in its own module and adds itself to the program here.
export function registerCommands(_program: Command): void {}
