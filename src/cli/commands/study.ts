// `medco study create|status` (docs/formats.md §7): plan who rates which items, and follow progress.
// `create` writes `annotations/<dataset>/_study.json`; it never touches annotator files. A study
// replaced (--force) after ratings exist keeps every rating: those outside the new assignment are
// reported, never deleted.
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { canonicalLanguage, formatProblem, loadDataset } from '../../core/dataset';
import {
  createStudy,
  judgementsOutsideAssignment,
  readStudyStatus,
  studyFilePath,
  writeStudyFile,
  StudyError,
  type StudyAnnotator,
  type StudyHidden,
  type StudyItem,
} from '../../core/study';
import { nameProblem, readAnnotationFiles, StoreFileError, InvalidNameError, LockTimeoutError } from '../../core/store';
import { printError, printJson, printText } from '../output';
import { UserError } from '../errors';
import { escapeControl } from '../terminalText';
import { boundedInteger, seedValue } from './stats';
import { assertAnnotationsFolder } from './rate';

const HIDDEN: readonly StudyHidden[] = ['annotators', 'configs', 'judges'];

/** `dr-sato:ja,en` → annotator with canonical language codes (usage error when malformed). */
export function parseAnnotatorSpec(spec: string): StudyAnnotator {
  const colon = spec.lastIndexOf(':');
  const id = colon > 0 ? spec.slice(0, colon).trim() : '';
  const langs = colon > 0 ? spec.slice(colon + 1).split(',').map((s) => s.trim()).filter(Boolean) : [];
  if (id === '' || langs.length === 0) throw new InvalidArgumentError(`expected <id>:<lang,lang>, e.g. dr-sato:ja,en (got ${JSON.stringify(spec)})`);
  const bad = nameProblem('annotator', id);
  if (bad) throw new InvalidArgumentError(`annotator id ${JSON.stringify(id)}: ${bad.message}`);
  return { id, languages: [...new Set(langs.map((l) => canonicalLanguage(l) ?? l.toLowerCase()))] };
}

function parseConfigs(value: string): [string, string] {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length !== 2 || parts.some((p) => p === '' || p.includes('::')) || parts[0] === parts[1]) {
    throw new InvalidArgumentError('expected two different configuration names, e.g. coreasoner,direct');
  }
  return [parts[0], parts[1]];
}

function parseHide(value: string): StudyHidden[] {
  if (value === 'none') return [];
  const parts = value.split(',').map((s) => s.trim());
  for (const p of parts) if (!HIDDEN.includes(p as StudyHidden)) throw new InvalidArgumentError(`expected "none" or a list of ${HIDDEN.join(', ')}`);
  return parts as StudyHidden[];
}

interface CreateOptions {
  dataset: string;
  datasetFile: string[];
  annotator: StudyAnnotator[];
  overlap: number;
  seed: number;
  mode: 'single' | 'pairwise';
  configs?: [string, string];
  calibration: number;
  order: 'shuffle' | 'dataset';
  strata: 'lang-task' | 'lang';
  hide?: StudyHidden[];
  force?: boolean;
  json?: boolean;
}

async function datasetItems(files: string[]): Promise<StudyItem[]> {
  const dataset = await loadDataset(files);
  for (const p of dataset.errors) printError(formatProblem(p));
  if (dataset.items.length === 0) {
    const first = dataset.errors[0];
    throw new UserError(first ? formatProblem(first) : `${files.join(', ')}: no items could be loaded`);
  }
  return dataset.items.map((i) => ({ id: i.id, lang: i.lang, task: i.task }));
}

/** Store errors become user errors (exit 1) naming the file. */
function asUserError(err: unknown): unknown {
  if (err instanceof StoreFileError) return new UserError(`${err.message} (the file was left untouched)`);
  if (err instanceof StudyError || err instanceof InvalidNameError || err instanceof LockTimeoutError) return new UserError(err.message);
  return err;
}

async function create(annotationsDir: string, o: CreateOptions): Promise<void> {
  await assertAnnotationsFolder(annotationsDir);
  const items = await datasetItems(o.datasetFile);
  const study = createStudy({
    dataset: o.dataset,
    items,
    annotators: o.annotator,
    overlap: o.overlap,
    seed: o.seed,
    mode: o.mode,
    configs: o.configs,
    calibration: o.calibration,
    order: o.order,
    strata: o.strata,
    // A pairwise comparison is blind unless the curator says otherwise.
    hide: o.hide ?? (o.mode === 'pairwise' ? ['annotators', 'configs', 'judges'] : ['annotators', 'judges']),
  });
  const file = studyFilePath(annotationsDir, o.dataset);
  const { written, previous } = await writeStudyFile(annotationsDir, study, { replace: o.force === true });
  if (!written) {
    throw new UserError(`${file}: a study already exists (mode ${previous!.mode}, seed ${previous!.seed}); give --force to replace it (ratings are never deleted)`);
  }
  const { files, problems } = await readAnnotationFiles(annotationsDir, o.dataset);
  for (const p of problems) printError(formatProblem(p));
  const outside = judgementsOutsideAssignment(study, files);
  const summary = {
    file,
    dataset: study.dataset,
    mode: study.mode,
    items: items.length,
    overlap: study.overlap,
    seed: study.seed,
    calibration: study.calibration ?? [],
    annotators: Object.fromEntries(Object.entries(study.assignments).map(([id, list]) => [id, { assigned: list.length }])),
    outsideAssignment: outside,
  };
  for (const [who, ids] of Object.entries(outside)) {
    printError(`warning: ${who} has ${ids.length} judged item(s) outside the new assignment (kept in their file): ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`);
  }
  if (o.json) printJson(summary);
  else {
    const lines = Object.entries(summary.annotators).map(([id, a]) => `  ${escapeControl(id)}: ${a.assigned} item(s)`);
    printText(`${escapeControl(file)}: ${study.mode} study of ${items.length} item(s), overlap ${study.overlap}, seed ${study.seed}, ${summary.calibration.length} calibration item(s)\n${lines.join('\n')}\n`);
  }
}

async function status(annotationsDir: string, o: { dataset: string; datasetFile?: string[]; json?: boolean }): Promise<void> {
  const items = o.datasetFile && o.datasetFile.length > 0 ? await datasetItems(o.datasetFile) : undefined;
  const read = await readStudyStatus(annotationsDir, o.dataset, items);
  if (read.status === 'missing') throw new UserError(`${read.file}: no study for dataset ${o.dataset} (create one with medco study create)`);
  if (read.status === 'invalid') throw new UserError(read.error.message);
  const { file, study } = read;
  for (const p of read.annotationProblems) printError(formatProblem(p));
  for (const p of read.studyProblems) printError(formatProblem(p));
  const result = { ...read.result, problems: read.studyProblems };
  if (o.json) {
    printJson(result);
    return;
  }
  const share = (label: string, a: { exact: number | null; compared: number }) =>
    a.exact === null ? [] : [`${Math.round(a.exact * 100)}% as ${label} (${a.compared} value(s))`];
  const rows = Object.entries(result.annotators).map(([id, a]) => {
    const agreement = [...share('the reference', a.calibrationAgreement.withReference), ...share('the others', a.calibrationAgreement.withOthers)];
    return (
      `  ${escapeControl(id)}: ${a.done}/${a.assigned} done${a.medianMs === null ? '' : `, median ${(a.medianMs / 1000).toFixed(1)} s per item`}` +
      (agreement.length ? `, calibration ${agreement.join(', ')}` : '')
    );
  });
  const agreement = Object.entries(result.calibration.agreement).map(
    ([dim, a]) => `  calibration ${dim}: alpha ${a.level} ${a.krippendorff_alpha === null ? `n/a (${a.reason ?? 'too few judgements'})` : a.krippendorff_alpha.toFixed(3)} over ${a.items} item(s)`,
  );
  const outside = Object.entries(result.outsideAssignment).map(([who, ids]) => `  ${escapeControl(who)}: ${ids.length} judged item(s) outside the assignment (kept)`);
  printText(`${escapeControl(path.normalize(file))}: ${study.mode} study\n${[...rows, ...agreement, ...outside].join('\n')}\n`);
}

export function registerStudy(program: Command): void {
  const study = program.command('study').description('Plan an expert study (who rates which items, in which order) and follow its progress.');
  study
    .command('create')
    .description('Write annotations/<dataset>/_study.json: each item to --overlap annotators who know its language, balanced, seeded.')
    .argument('<annotations-dir>', 'annotations folder (holds <dataset>/)')
    .requiredOption('--dataset <id>', 'dataset id (folder under the annotations dir)')
    .requiredOption('--dataset-file <file...>', 'dataset file(s) giving the items, their language and task')
    .requiredOption('--annotator <id:langs>', 'an annotator and the languages they rate, e.g. dr-sato:ja,en (repeatable)', (v: string, prev: StudyAnnotator[] = []) => [...prev, parseAnnotatorSpec(v)])
    .requiredOption('--overlap <k>', 'annotators per item', boundedInteger(1, 1000))
    .option('--seed <s>', 'seed of the assignment, orders and sides', seedValue, 1)
    .option('--mode <mode>', 'single (rate one trace) or pairwise (compare two configurations)', (v: string) => {
      if (v !== 'single' && v !== 'pairwise') throw new InvalidArgumentError('expected single or pairwise');
      return v;
    }, 'single')
    .option('--configs <a,b>', 'pairwise: the two configurations compared', parseConfigs)
    .option('--calibration <n>', 'items everyone who knows their language rates first', boundedInteger(0, 1_000_000), 0)
    .option('--order <order>', 'shuffle (seeded, per annotator) or dataset', (v: string) => {
      if (v !== 'shuffle' && v !== 'dataset') throw new InvalidArgumentError('expected shuffle or dataset');
      return v;
    }, 'shuffle')
    .option('--strata <strata>', 'balance loads within lang-task (default) or lang', (v: string) => {
      if (v !== 'lang-task' && v !== 'lang') throw new InvalidArgumentError('expected lang-task or lang');
      return v;
    }, 'lang-task')
    .option('--hide <list>', 'what annotators do not see: none, or annotators,configs,judges (default: all in pairwise, annotators,judges otherwise)', parseHide)
    .option('--force', 'replace an existing study (annotator files are never changed)')
    .option('--json', 'print a summary as JSON')
    .addHelpText('after', `
Exit status: 0 written; 1 an item nobody (or too few annotators) can rate, a study already exists
(without --force), unreadable dataset or annotations folder; 2 usage error.

Example:
  medco study create annotations --dataset multimedx-pairwise --dataset-file multimedx-pairwise.jsonl \\
    --annotator dr-chen:zh,ja,ko,sw,en --annotator dr-kato:ja,ko,zh,en \\
    --overlap 1 --seed 7 --mode pairwise --configs coreasoner,direct --calibration 1`)
    .action(async (dir: string, options: CreateOptions, cmd: Command) => {
      if (options.mode === 'pairwise' && !options.configs) cmd.error('medco study create: --mode pairwise needs --configs a,b', { exitCode: 2, code: 'medco.usage' });
      if (options.mode !== 'pairwise' && options.configs) cmd.error('medco study create: --configs is for --mode pairwise', { exitCode: 2, code: 'medco.usage' });
      try {
        await create(dir, options);
      } catch (err) {
        throw asUserError(err);
      }
    });
  study
    .command('status')
    .description('Per annotator: items assigned and done, median time per item, agreement on calibration items (with the reference and the others); alpha on calibration items.')
    .argument('<annotations-dir>', 'annotations folder (holds <dataset>/_study.json)')
    .requiredOption('--dataset <id>', 'dataset id')
    .option('--dataset-file <file...>', 'also check the study against the dataset (items nobody rates, languages)')
    .option('--json', 'print the status as JSON')
    .action(async (dir: string, options: { dataset: string; datasetFile?: string[]; json?: boolean }) => {
      try {
        await status(dir, options);
      } catch (err) {
        throw asUserError(err);
      }
    });
}
