// Entry of the statistics worker thread (bundled to dist/statsWorker.js). Computing a full
// MultiMed-X study takes seconds of CPU (bench/statsDashboard.ts); here it no longer blocks the
// extension host. The worker answers each request message with one reply carrying the same id;
// the host keeps an idle worker for the next refresh (its code is then already compiled) and
// terminates a busy one when a newer refresh supersedes it. Must never import `vscode`.
import { parentPort } from 'node:worker_threads';
import { runStatsJob, type StatsWorkerReply, type StatsWorkerRequest } from './statsJob';

parentPort?.on('message', (message: StatsWorkerRequest) => {
  void (async () => {
    let reply: StatsWorkerReply;
    try {
      reply = { id: message.id, ok: true, result: await runStatsJob(message.request) };
    } catch (err) {
      reply = { id: message.id, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    parentPort?.postMessage(reply);
  })();
});
