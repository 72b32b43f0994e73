// `medco import argilla <records.json | folder> --annotations <dir> --dataset D [--annotator-map <json>]`:
// the responses of an Argilla dataset exported with `Dataset.to_disk` (its records.json).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ratingsFromArgilla } from '../../../core/interchange/argilla';
import { importRatings, type RatingsImportOptions } from './ratingsImport';

const HELP_AFTER = `
Reads records.json of an Argilla dataset saved with Dataset.to_disk (give the file or the
folder): each record's responses map a question to a list of {value, user_id}: a RatingQuestion
per rubric dimension, the MultiLabelQuestion "flags", the TextQuestion "comment".

Annotator id: argilla-<user_id>, unless --annotator-map {"<user_id>": "<annotator id>"}. Each
rating is saved as a new revision of that annotator's file. Everything is checked first; any
problem is named (file:line) and nothing is written. Exit status: 0 imported; 1 a problem; 2 usage.`;

export function registerImportArgilla(parent: Command): void {
  parent
    .command('argilla')
    .description('Import responses from an Argilla dataset (records.json of Dataset.to_disk) into per-annotator files.')
    .argument('<records>', 'records.json, or the folder Dataset.to_disk wrote')
    .requiredOption('--annotations <dir>', 'annotations folder')
    .requiredOption('--dataset <id>', 'dataset id (folder under the annotations folder)')
    .option('--annotator-map <json>', 'JSON file mapping Argilla user ids to annotator ids')
    .option('--dataset-file <file...>', 'dataset file(s): item ids are checked against them')
    .option('--traces <file>', 'the traces the records came from: item ids checked, trace id and sha256 recorded')
    .option('--rubric <file>', 'rubric (default: <annotations>/rubric.json, else built-in)')
    .option('--json', 'print a JSON summary')
    .addHelpText('after', HELP_AFTER)
    .action(async (source: string, options: RatingsImportOptions) => {
      const file = existsSync(source) && statSync(source).isDirectory() ? path.join(source, 'records.json') : source;
      await importRatings(file, 'argilla', options, (parsed, rubric) =>
        ratingsFromArgilla(parsed.value, rubric, (i) => parsed.lineOf(i < 0 ? '' : `/${i}`)),
      );
    });
}
