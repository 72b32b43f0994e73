// Entry of the statistics worker thread (bundled to dist/statsWorker.js). Computing a full
// MultiMed-X study takes seconds of CPU (bench/statsDashboard.ts); here it no longer blocks the
// extension host. One worker runs one job, given as workerData, and posts one reply; the host
// terminates it early when a newer refresh supersedes it. Must never import `vscode`.
import { parentPort, workerData } from 'node:worker_threads';
import { runStatsJob, type StatsJobRequest, type StatsWorkerReply } from './statsJob';

async function main(): Promise<void> {
  let reply: StatsWorkerReply;
  try {
    reply = { ok: true, result: await runStatsJob(workerData as StatsJobRequest) };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
}

void main();
