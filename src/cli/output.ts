/** `--json` prints exactly one JSON document on stdout and nothing else there. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Progress and chatter go to stderr, and only when stderr is a terminal (CONTRACTS §4). */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(message + '\n');
}
