// Calibration references and the curator's progress figures (docs/formats.md §7): per annotator
// done/assigned, median time, exact agreement with the reference and with the others; the rows of
// the Study Progress view come from the same studyStatus as `medco study status --json`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  calibrationReferenceFor,
  durationParts,
  progressModel,
  studyProblems,
  studyStatus,
  type StudyFile,
} from '../../../src/core/study';
import { validateStudyFile } from '../../../src/core/schema/validators';
import type { AnnotationEntry, AnnotationFile, Rating } from '../../../src/core/types';

const entry = (rating: Rating, durationMs?: number): AnnotationEntry => ({
  revision: 1,
  rating,
  updatedAt: '2026-11-30T10:00:00.000Z',
  ...(durationMs === undefined ? {} : { durationMs }),
  history: [],
});

const file = (annotator: string, items: Record<string, AnnotationEntry>): { annotator: string; data: AnnotationFile } => ({
  annotator,
  data: {
    schema: 'medco.annotations/1',
    dataset: 'd',
    annotator: { id: annotator, languages: ['ja'], role: 'annotator' } as AnnotationFile['annotator'],
    rubric: { id: 'medco-expert', version: 1 },
    items,
  },
});

function study(extra: Partial<StudyFile> = {}): StudyFile {
  return {
    schema: 'medco.study/1',
    dataset: 'd',
    mode: 'single',
    seed: 1,
    overlap: 1,
    annotators: [{ id: 'dr-a', languages: ['ja'] }, { id: 'dr-b', languages: ['ja'] }, { id: 'dr-c', languages: ['ja'] }],
    calibration: ['c1', 'c2'],
    showCalibrationReference: true,
    calibrationReference: {
      c1: { rating: { clinical_soundness: 4, cultural_grounding: 3 }, note: 'Dose is right; the local guideline is not cited.' },
      c2: { rating: { clinical_soundness: 2, cultural_grounding: null } },
    },
    assignments: { 'dr-a': ['c1', 'c2', 'i1', 'i2'], 'dr-b': ['c1', 'c2', 'i3'], 'dr-c': ['c1', 'c2', 'i4'] },
    ...extra,
  };
}

test('a study with calibration references is valid against the schema; a reference must be a value or null', () => {
  assert.ok(validateStudyFile(study()).ok);
  const bad = study({ calibrationReference: { c1: { rating: { clinical_soundness: 3.5 } } } });
  assert.equal(validateStudyFile(bad).ok, false);
  const unknownKey = study({ calibrationReference: { c1: { rating: {}, gold: 3 } as never } });
  assert.equal(validateStudyFile(unknownKey).ok, false);
});

test('the reference is given only after the annotator\'s rating of every reference dimension is saved, and only when the study says so', () => {
  const s = study();
  assert.equal(calibrationReferenceFor(s, 'c1', undefined), undefined, 'nothing saved yet');
  assert.equal(calibrationReferenceFor(s, 'c1', { rating: { clinical_soundness: 4 } }), undefined, 'one dimension still unrated');
  assert.equal(calibrationReferenceFor(s, 'c1', { rating: { flags: [], comment: 'x' } }), undefined, 'a comment is not a rating');
  assert.deepEqual(calibrationReferenceFor(s, 'c1', { rating: { clinical_soundness: 5, cultural_grounding: null } }), {
    rating: { clinical_soundness: 4, cultural_grounding: 3 },
    note: 'Dose is right; the local guideline is not cited.',
  });
  assert.deepEqual(calibrationReferenceFor(s, 'c2', { rating: { clinical_soundness: 2, cultural_grounding: 1 } }), {
    rating: { clinical_soundness: 2, cultural_grounding: null },
  });
  const rated = { rating: { clinical_soundness: 5, cultural_grounding: 5 } };
  assert.equal(calibrationReferenceFor(s, 'i1', rated), undefined, 'not a calibration item');
  assert.equal(calibrationReferenceFor(study({ showCalibrationReference: false }), 'c1', rated), undefined);
  assert.equal(calibrationReferenceFor(study({ showCalibrationReference: undefined }), 'c1', rated), undefined);
  assert.equal(calibrationReferenceFor(study({ calibrationReference: undefined }), 'c1', rated), undefined);
  assert.equal(calibrationReferenceFor(undefined, 'c1', rated), undefined);
});

test('study status: per annotator done/assigned, median time, and exact calibration agreement with the reference and with the others', () => {
  const s = study();
  const files = [
    // dr-a: both calibration items, c1 as the reference on one of two dimensions; c2 as the reference (null is left out).
    file('dr-a', { c1: entry({ clinical_soundness: 4, cultural_grounding: 2 }, 40_000), c2: entry({ clinical_soundness: 2, cultural_grounding: 3 }, 20_000), i1: entry({ clinical_soundness: 3 }, 60_000) }),
    file('dr-b', { c1: entry({ clinical_soundness: 4, cultural_grounding: 3 }, 10_000) }),
    file('dr-c', {}),
  ];
  const status = studyStatus(s, files);
  assert.deepEqual(status.annotators['dr-a'], {
    assigned: 4,
    done: 3,
    medianMs: 40_000,
    calibrationDone: 2,
    calibrationAgreement: {
      // c1/clinical 4=4 ✓, c1/cultural 2≠3, c2/clinical 2=2 ✓ (c2/cultural: the reference is "not assessable").
      withReference: { exact: 2 / 3, compared: 3 },
      // Against dr-b on c1: clinical 4=4 ✓, cultural 2≠3.
      withOthers: { exact: 1 / 2, compared: 2 },
    },
  });
  assert.deepEqual(status.annotators['dr-b'].calibrationAgreement, { withReference: { exact: 1, compared: 2 }, withOthers: { exact: 1 / 2, compared: 2 } });
  assert.deepEqual(status.annotators['dr-c'], {
    assigned: 3, done: 0, medianMs: null, calibrationDone: 0,
    calibrationAgreement: { withReference: { exact: null, compared: 0 }, withOthers: { exact: null, compared: 0 } },
  });
  // Without references, agreement with the reference is "nothing compared", not 0.
  const noRef = studyStatus(study({ calibrationReference: undefined }), files);
  assert.deepEqual(noRef.annotators['dr-a'].calibrationAgreement.withReference, { exact: null, compared: 0 });
});

test('the progress view\'s rows are the status figures: annotators in study order, calibration alpha, outside judgements, problems', () => {
  const s = study();
  // Edited after ratings: dr-c rated i9, no longer (or never) theirs; the rating is kept and reported.
  const files = [file('dr-a', { c1: entry({ clinical_soundness: 4, cultural_grounding: 3 }, 30_000) }), file('dr-c', { i9: entry({ clinical_soundness: 1 }, 5000) })];
  const status = studyStatus(s, files);
  const model = progressModel(status, [{ file: '/w/annotations/d/_study.json', line: 7, message: 'x' }]);
  assert.deepEqual(model.annotators.map((a) => a.id), ['dr-a', 'dr-b', 'dr-c']);
  const a = model.annotators[0];
  assert.deepEqual(
    { done: a.done, assigned: a.assigned, fraction: a.fraction, medianMs: a.medianMs, calibrationDone: a.calibrationDone, calibrationItems: a.calibrationItems, withReference: a.withReference },
    { done: 1, assigned: 4, fraction: 0.25, medianMs: 30_000, calibrationDone: 1, calibrationItems: 2, withReference: { exact: 1, compared: 2 } },
  );
  assert.equal(model.done, 1);
  assert.equal(model.assigned, 10);
  assert.deepEqual(model.annotators[2].outside, ['i9']);
  assert.deepEqual(model.outside, [{ kind: 'outside', annotator: 'dr-c', items: ['i9'] }]);
  assert.deepEqual(model.calibration.map((c) => [c.dimension, c.level]), [['clinical_soundness', 'ordinal'], ['cultural_grounding', 'ordinal']]);
  assert.deepEqual(model.problems, [{ kind: 'problem', file: '/w/annotations/d/_study.json', line: 7, message: 'x' }]);
  // The figures are those of the status, not recomputed.
  for (const row of model.annotators) {
    assert.equal(row.done, status.annotators[row.id].done);
    assert.equal(row.medianMs, status.annotators[row.id].medianMs);
  }
  assert.deepEqual(durationParts(53_400), { amount: '53', unit: 's' });
  assert.deepEqual(durationParts(150_000), { amount: '2.5', unit: 'min' });
  assert.deepEqual(durationParts(7_200_000), { amount: '2.0', unit: 'h' });
});

test('references are checked: one for an item that is not calibration, and shown references missing for a calibration item', () => {
  const s = study({ calibration: ['c1', 'c2', 'c3'], calibrationReference: { c1: { rating: { clinical_soundness: 4 } }, i1: { rating: { clinical_soundness: 2 } } } });
  const messages = studyProblems(s).map((p) => `${p.pointer}: ${p.message}`);
  assert.deepEqual(messages, [
    '/calibrationReference/i1: item "i1" has a reference but is not a calibration item',
    '/showCalibrationReference: 2 calibration item(s) have no reference to show: c2, c3',
  ]);
  assert.deepEqual(studyProblems(study({ showCalibrationReference: false, calibrationReference: undefined })), []);
});
