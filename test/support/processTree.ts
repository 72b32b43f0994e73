// Stopping a server together with the processes it started (code-server starts VS Code's server,
// which starts extension hosts and a pty host): killing only the direct child leaves those behind.
// The processes stay in the test's process group, so scripts/test.mjs can still stop them all.
import { readdirSync, readFileSync } from 'node:fs';

/** Live descendants of `pid` (Linux /proc; elsewhere none are found and only `pid` is signalled). */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // pid (comm) state ppid ...; comm may contain spaces and parentheses.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z') continue;
    const list = children.get(Number(ppid)) ?? [];
    list.push(Number(entry));
    children.set(Number(ppid), list);
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** Sends `signal` to each pid, ignoring those already gone. */
export function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** SIGKILLs `pid` and everything it started (collected first: orphans lose their parent link). */
export function killTree(pid: number): void {
  signalAll([pid, ...descendants(pid)], 'SIGKILL');
}
