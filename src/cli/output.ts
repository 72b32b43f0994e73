import { forTerminal } from './terminalText';

/** `--json` prints exactly one JSON document on stdout and nothing else there. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Progress and chatter go to stderr, and only when stderr is a terminal (docs/formats.md §4). */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(forTerminal(message) + '\n');
}

/** Human-readable output (tables, summaries): names and messages from files stay text. */
export function printText(text: string): void {
  process.stdout.write(forTerminal(text));
}

/** A message for the person at the terminal, on stderr (`medco: …`), control characters escaped. */
export function printError(message: string): void {
  process.stderr.write(forTerminal(`medco: ${message}`) + '\n');
}

/**
 * Data written to stdout (an export without --out): exact bytes into a pipe or file, control
 * characters escaped only when a person is looking at it on a terminal.
 */
export function printData(text: string): void {
  process.stdout.write(process.stdout.isTTY ? forTerminal(text) : text);
}
