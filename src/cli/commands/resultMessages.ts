// Messages of stats, export and adjudication on stderr. Names and values in them come from files
// (item ids, annotator ids, file names): every control character is escaped (../terminalText) so
// that a hostile id cannot move the cursor or recolour the terminal, and a message stays one line.
import { escapeControl } from '../terminalText';

/** Text from files, made safe to print on one terminal line. */
export const plainText = escapeControl;

export function say(message: string): void {
  process.stderr.write(`medco: ${plainText(message)}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`medco: warning: ${plainText(message)}\n`);
}
