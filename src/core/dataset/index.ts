// Dataset loading (docs/formats.md §1): the public entry points of src/core/dataset.
export { loadDataset, validateDataset, detectFormat, datasetName, type DatasetFormat } from './load';
export { formatProblem } from './problems';
export { summarizeDataset, type DatasetSummary } from './summary';
export { splitQa, splitNli, splitText, taskFromMarkers, type SplitResult } from './split';
export { canonicalLanguage, languageInfo, languageNames, languageLabel, allLanguages, MULTIMEDX_LANGUAGES, type LanguageInfo, type LanguageNames } from './languages';
