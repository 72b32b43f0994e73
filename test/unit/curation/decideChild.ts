// Child process for the two-processes test: waits for a start time, then records one decision.
import { AdjudicationStore } from '../../../src/core/adjudication/adjudicationStore';

const [annotationsDir, dataset, dimension, value, startAt] = process.argv.slice(2);
const store = new AdjudicationStore(annotationsDir, dataset);
const delay = Math.max(0, Number(startAt) - Date.now());
setTimeout(() => {
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
}, delay);
