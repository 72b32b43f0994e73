// Child process for the two-processes test: loads, says "ready", waits for "go" on stdin (the
// parent's barrier), says "deciding" and records one decision.
import { createInterface } from 'node:readline';
import { AdjudicationStore } from '../../../src/core/adjudication/adjudicationStore';

const [annotationsDir, dataset, dimension, value] = process.argv.slice(2);
const store = new AdjudicationStore(annotationsDir, dataset);
const input = createInterface({ input: process.stdin });
input.once('line', () => {
  input.close();
  process.stdout.write('deciding\n');
  store
    .decide({
      itemId: 'qa-ja-001',
      dimension,
      value: Number(value),
      status: 'adjudicated',
      adjudicator: `proc-${process.pid}`,
      rationale: `set by ${dimension}`,
      basedOn: { 'dr-a': 1 },
    })
    .then(
      () => process.exit(0),
      (err: Error) => {
        process.stderr.write(err.message);
        process.exit(1);
      },
    );
});
process.stdout.write('ready\n');
