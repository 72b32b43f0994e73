// Messages of stats, export and adjudication on stderr. Names and values in them come from files
// (item ids, annotator ids, file names): control characters are shown as \u escapes so that a
// hostile id cannot move the cursor or recolour the terminal. One place to switch to a shared
// escaping helper of the CLI when there is one.
/** Text from files, made safe to print on one terminal line. */
export function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function say(message: string): void {
  process.stderr.write(`medco: ${plainText(message)}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`medco: warning: ${plainText(message)}\n`);
}
