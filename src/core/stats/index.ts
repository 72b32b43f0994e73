// Expert-evaluation statistics: agreement measures on unit × rater matrices, summaries, and
// computeStats, which turns annotation files into the `medco stats --json` document.
export * from './matrix';
export * from './krippendorff';
export * from './fleiss';
export * from './cohen';
export * from './gwet';
export * from './icc';
export * from './bootstrap';
export * from './descriptive';
export * from './random';
export * from './quantile';
export * from './itemMeta';
export * from './ratingTable';
export * from './annotators';
export * from '../adjudication/goldAgreement';
export * from './result';
export * from './compute';
