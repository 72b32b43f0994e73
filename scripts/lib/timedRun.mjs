// Runs a command in its own process group with a wall-clock limit. When the limit is reached, the
// whole group gets SIGTERM, then SIGKILL after a grace period: a test that hangs (or a child it
// started, such as code-server or Chromium) cannot keep `npm test` waiting. After a normal exit,
// whatever the command left running in its group is killed too and reported.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const GRACE_MS = 5_000;
const LEFTOVER_WAIT_MS = 2_000;

/** The groups still running, so that an interrupted `npm test` can take them down with it. */
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    for (const pid of running) killGroup(pid, 'SIGKILL');
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
  });
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is gone already
  }
}

/**
 * Whether any live process is left in group `pgid`. On Linux /proc is read, so that zombies (which
 * a container's init may never reap, and which no signal removes) do not count.
 */
function groupAlive(pgid) {
  if (existsSync('/proc/self/stat')) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
    }
    return false;
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits up to `ms` for the group to empty by itself (a helper process closing after its parent). */
async function groupGone(pgid, ms) {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    if (!groupAlive(pgid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !groupAlive(pgid);
}

/**
 * Runs `cmd args` and resolves with { ok, code, signal, timedOut, ms, leftovers, stdout }.
 * `limitMs`: wall-clock limit; `label`: how messages name the step; `captureStdout`: collect the
 * command's stdout (a pipe: node writes to it synchronously, so nothing is lost at exit) instead
 * of passing it through.
 */
export function timedRun(cmd, args, { cwd, env, limitMs, label, captureStdout = false }) {
  const started = Date.now();
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, args, { cwd, env, stdio: ['ignore', captureStdout ? 'pipe' : 'inherit', 'inherit'], detached: true });
    } catch (err) {
      console.error(`${label}: could not start ${cmd}: ${err.message}`);
      resolve({ ok: false, code: null, signal: null, timedOut: false, ms: 0, leftovers: false, stdout: '' });
      return;
    }
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (d) => (stdout += d));
    let timedOut = false;
    let killTimer;
    const limitTimer = setTimeout(() => {
      timedOut = true;
      console.error(`\n${label}: TIMED OUT after ${Math.round(limitMs / 1000)} s; stopping it and everything it started`);
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), GRACE_MS);
    }, limitMs);
    running.add(child.pid);
    let done = false;
    const finish = async (code, signal) => {
      if (done) return;
      done = true;
      clearTimeout(limitTimer);
      const ms = Date.now() - started;
      // Anything the command left behind in its group (a browser, a server) goes too.
      const leftovers = child.pid !== undefined && !(await groupGone(child.pid, LEFTOVER_WAIT_MS));
      if (leftovers) {
        console.error(`${label}: left processes running after it exited; killed them`);
        killGroup(child.pid, 'SIGKILL');
        await groupGone(child.pid, LEFTOVER_WAIT_MS);
      }
      clearTimeout(killTimer);
      running.delete(child.pid);
      resolve({ ok: !timedOut && code === 0, code, signal, timedOut, ms, leftovers, stdout });
    };
    child.on('error', (err) => {
      console.error(`${label}: could not start ${cmd}: ${err.message}`);
      finish(null, null);
    });
    // 'close': the process has exited and its stdout is read to the end.
    child.on('close', finish);
  });
}
