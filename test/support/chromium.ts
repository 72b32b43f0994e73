// Starts Debian's headless Chromium for the webview and end-to-end tests, or fails fast with a
// message saying what is wrong: a missing browser fails at once, one that cannot start fails
// within LAUNCH_TIMEOUT_MS instead of leaving the test waiting.
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The browser binary; MEDCO_CHROMIUM overrides it (e.g. to check how a missing one fails). */
export const CHROMIUM = process.env.MEDCO_CHROMIUM || process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags for a root user on an offline machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const LAUNCH_TIMEOUT_MS = 30_000;

/** Why Chromium cannot be used, or undefined when the binary is there and executable. */
export function chromiumProblem(executable = CHROMIUM): string | undefined {
  try {
    accessSync(executable, constants.X_OK);
    return undefined;
  } catch {
    return `Chromium not found or not executable at ${executable} (install it with: bash scripts/setup-e2e.sh --packages, which npm test runs; or set MEDCO_CHROMIUM)`;
  }
}

export async function launchChromium(executable = CHROMIUM): Promise<Browser> {
  const problem = chromiumProblem(executable);
  if (problem) throw new Error(problem);
  try {
    return await chromium.launch({ executablePath: executable, args: CHROMIUM_ARGS, headless: true, timeout: LAUNCH_TIMEOUT_MS });
  } catch (err) {
    throw new Error(`Chromium at ${executable} did not start within ${LAUNCH_TIMEOUT_MS / 1000} s: ${(err as Error).message}`);
  }
}
