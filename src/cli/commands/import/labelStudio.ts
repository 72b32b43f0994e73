// `medco import labelstudio <export.json> --annotations <dir> --dataset D [--annotator-map <json>]`:
// the ratings of a Label Studio JSON export of the tasks `medco export --format labelstudio` wrote.
import type { Command } from 'commander';
import { ratingsFromLabelStudio } from '../../../core/interchange/labelStudio';
import { importRatings, type RatingsImportOptions } from './ratingsImport';

const HELP_AFTER = `
Reads Label Studio's JSON export (Export → JSON): tasks with data.medco_item_id and annotations
whose results are found by from_name: a <Rating> per rubric dimension (type rating), the
<Choices name="flags"> (type choices) and the <TextArea name="comment"> (type textarea).
Cancelled (skipped) annotations are not ratings. lead_time becomes durationMs.

Annotator id: ls-<completed_by> (characters other than letters, digits, '.', '_', '-' become
'-'), unless --annotator-map {"<completed_by>": "<annotator id>"} names one. Each rating is
saved as a new revision of that annotator's file (annotations/<dataset>/<annotator>.json).

Everything is checked first: item ids (against --dataset-file or --traces when given), values
on the rubric's scale, flags of the rubric, annotator ids. Any problem is named as file:line and
nothing is written. Exit status: 0 imported; 1 a problem (nothing imported); 2 usage.`;

export function registerImportLabelStudio(parent: Command): void {
  parent
    .command('labelstudio')
    .description('Import ratings from a Label Studio JSON export into per-annotator files.')
    .argument('<export.json>', 'Label Studio JSON export')
    .requiredOption('--annotations <dir>', 'annotations folder')
    .requiredOption('--dataset <id>', 'dataset id (folder under the annotations folder)')
    .option('--annotator-map <json>', 'JSON file mapping completed_by (id or email) to annotator ids')
    .option('--dataset-file <file...>', 'dataset file(s): item ids are checked against them')
    .option('--traces <file>', 'the traces the tasks came from: item ids checked, trace id and sha256 recorded')
    .option('--rubric <file>', 'rubric (default: <annotations>/rubric.json, else built-in)')
    .option('--json', 'print a JSON summary')
    .addHelpText('after', HELP_AFTER)
    .action(async (file: string, options: RatingsImportOptions) => {
      await importRatings(file, 'ls', options, (parsed, rubric) =>
        ratingsFromLabelStudio(parsed.value, rubric, (ti, ai) => parsed.lineOf(ti < 0 ? '' : ai === undefined ? `/${ti}` : `/${ti}/annotations/${ai}`)),
      );
    });
}
